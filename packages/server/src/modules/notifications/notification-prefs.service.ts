import type { z } from 'zod';
import { NOTIFICATION_EVENTS, notificationChannels, type NotificationPrefsDto, type StoredNotificationPrefs, type updateNotificationPrefsBodySchema } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type Changes, type RequestContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';

type UpdateBody = z.output<typeof updateNotificationPrefsBodySchema>;

/**
 * Each user's choice, per kind of notification, of how it reaches them: in the app and/or by email.
 * Only kinds the user set are stored; the rest follow the defaults (shared/notification-events.ts).
 */
export function makeNotificationPrefsService({ db }: ServiceDeps) {
  async function load(userId: string, executor = db) {
    const row = await executor.selectFrom('users').select(['name', 'notification_prefs']).where('id', '=', userId).executeTakeFirst();
    if (!row) throw new AppError('unauthenticated');
    return row;
  }

  async function emailAvailable(executor = db): Promise<boolean> {
    const row = await executor.selectFrom('company').select('smtp').where('id', '=', 1).executeTakeFirst();
    return !!row?.smtp;
  }

  function toDto(prefs: StoredNotificationPrefs, mail: boolean): NotificationPrefsDto {
    return { events: NOTIFICATION_EVENTS.map((kind) => ({ kind, ...notificationChannels(prefs, kind) })), emailAvailable: mail };
  }

  async function get(actor: Actor): Promise<NotificationPrefsDto> {
    const [user, mail] = await Promise.all([load(actor.userId), emailAvailable()]);
    return toDto(user.notification_prefs as StoredNotificationPrefs, mail);
  }

  async function update(actor: Actor, ctx: RequestContext, body: UpdateBody): Promise<NotificationPrefsDto> {
    return db.transaction().execute(async (trx) => {
      const user = await load(actor.userId, trx);
      const before = user.notification_prefs as StoredNotificationPrefs;
      const after: StoredNotificationPrefs = { ...before };
      const changes: Changes = {};
      for (const event of body.events) {
        const was = notificationChannels(before, event.kind);
        after[event.kind] = { inApp: event.inApp, email: event.email };
        if (was.inApp !== event.inApp || was.email !== event.email) {
          changes[`notifications.${event.kind}`] = { before: was, after: { inApp: event.inApp, email: event.email } };
        }
      }
      await trx.updateTable('users').set({ notification_prefs: JSON.stringify(after), updated_at: new Date() }).where('id', '=', actor.userId).execute();
      if (Object.keys(changes).length > 0) {
        await recordAudit(trx, ctx, { action: 'update', objectType: 'user', objectId: actor.userId, objectLabel: user.name, changes });
      }
      return toDto(after, await emailAvailable(trx));
    });
  }

  return { get, update };
}

export type NotificationPrefsService = ReturnType<typeof makeNotificationPrefsService>;
