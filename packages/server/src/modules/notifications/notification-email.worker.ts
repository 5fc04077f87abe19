import type { Kysely } from 'kysely';
import { isLocale } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { QUEUES, type Logger, type Worker } from '../../platform/jobs/jobs.js';
import { MailError, sendLetter } from '../../platform/mail/mailer.js';
import type { NotificationEmailJob } from '../../platform/notifications/notify.js';
import { renderNotificationEmail } from './notification-email.js';

/**
 * Sends one notification letter. Read at send time: the reader's address, language and time zone (they
 * may have changed since), and the company's mail settings. Nothing to send to (deactivated, no mail
 * settings any more, the reader turned email off) ends the job quietly; a refused letter (5xx) is not
 * retried; anything else (server down, timeout, wrong password) throws, and pg-boss tries again later.
 */
export function notificationEmailWorker(db: Kysely<DB>, publicUrl: string, log: Logger): Worker<NotificationEmailJob> {
  return {
    queue: QUEUES.notificationEmail,
    async handle(job) {
      const [user, company, actor] = await Promise.all([
        db.selectFrom('users').select(['email', 'language', 'time_zone', 'active']).where('id', '=', job.userId).executeTakeFirst(),
        db.selectFrom('company').select(['name', 'smtp']).where('id', '=', 1).executeTakeFirst(),
        job.actorId ? db.selectFrom('users').select('name').where('id', '=', job.actorId).executeTakeFirst() : undefined,
      ]);
      if (!user?.active || !company?.smtp) return;
      const letter = renderNotificationEmail(
        { kind: job.kind, params: job.params, recordType: job.recordType, recordId: job.recordId, actorName: actor?.name ?? null },
        { to: user.email, locale: isLocale(user.language) ? user.language : 'ru', timeZone: user.time_zone || 'Europe/Moscow', publicUrl, companyName: company.name },
      );
      try {
        await sendLetter(company.smtp, letter, { pooled: true });
      } catch (error) {
        if (error instanceof MailError && error.permanent) {
          log.warn({ reason: error.reason, detail: error.detail, notificationId: job.notificationId }, 'the mail server refused a notification letter; not retrying');
          return;
        }
        throw error;
      }
    },
  };
}
