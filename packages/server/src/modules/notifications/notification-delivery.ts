import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/connection.js';
import { startJobs, type JobsRuntime } from '../../platform/jobs/jobs.js';
import { closeMailPools } from '../../platform/mail/mailer.js';
import { NOTIFICATIONS_CHANNEL } from '../../platform/notifications/notify.js';
import { listenChannel } from '../../platform/realtime/channel-listener.js';
import { DELIVERY_BATCH, makeReminderDelivery } from '../reminders/reminders.service.js';
import { notificationEmailWorker } from './notification-email.worker.js';
import { makeNotificationStreams, type NotificationStreams } from './notification-streams.js';

/** How often each instance looks for due reminders: the delivery target is 5 s after the due time. */
export const REMINDER_POLL_MS = 1000;
/** Missed deadlines are announced within this long. */
export const OVERDUE_POLL_MS = 15_000;

const runtimes = new WeakMap<FastifyInstance, () => JobsRuntime | undefined>();

/** The background jobs an app runs (undefined before it is ready, or with BACKGROUND_JOBS off). */
export const backgroundJobsOf = (app: FastifyInstance): JobsRuntime | undefined => runtimes.get(app)?.();

/**
 * Everything that gets notifications to people besides the rows themselves: the live streams of open tabs
 * (listening on the database channel once the first tab connects), and — when this process runs background
 * jobs — reminders, overdue notices and email. Jobs start when the app is ready and stop when it closes.
 */
export function setUpNotificationDelivery(app: FastifyInstance, { database, config }: { database: Database; config: Config }): NotificationStreams {
  const streams = makeNotificationStreams({
    db: database.db,
    log: app.log,
    listen: (onUser, onReconnect) => listenChannel(database, NOTIFICATIONS_CHANNEL, onUser, app.log, onReconnect),
  });

  let jobs: JobsRuntime | undefined;
  runtimes.set(app, () => jobs);
  if (config.backgroundJobs) {
    app.addHook('onReady', async () => {
      const reminders = makeReminderDelivery(database.db);
      jobs = await startJobs({
        db: database.db,
        log: app.log,
        workers: [notificationEmailWorker(database.db, config.publicUrl, app.log)],
        periodic: [
          { name: 'task-reminders', everyMs: REMINDER_POLL_MS, batchSize: DELIVERY_BATCH, run: () => reminders.deliverDueReminders() },
          { name: 'task-overdue', everyMs: OVERDUE_POLL_MS, batchSize: DELIVERY_BATCH, run: () => reminders.announceOverdueTasks() },
        ],
      });
    });
  }
  // Open streams would keep the HTTP server from closing.
  app.addHook('preClose', async () => streams.close());
  app.addHook('onClose', async () => {
    await jobs?.stop();
    jobs = undefined;
    closeMailPools();
  });
  return streams;
}
