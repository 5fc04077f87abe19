import { sql, type Kysely } from 'kysely';
import { notificationChannels, type StoredNotificationPrefs } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';
import { enqueue, QUEUES } from '../jobs/jobs.js';

/**
 * Notifications. Any module tells a user something with `notify(trx, …)` inside the transaction of the
 * change, so the notification exists exactly when the change does.
 *
 * Each user chooses per kind whether it reaches them in the app and/or by email (profile → notifications;
 * defaults in shared/notification-events.ts). In the app: a row in `notifications`. By email: a job on the
 * email queue, sent in the same transaction, so a change that rolls back mails nobody. Deactivated users
 * get nothing.
 *
 * Realtime: the row is the source of truth; a hint on the PostgreSQL channel below (NOTIFY in the same
 * transaction, so only after commit, and to every app instance on that database) carries the user id, and
 * each instance's event stream (modules/notifications) pushes the news to that user's open tabs. The cache
 * invalidation bus is deliberately not used: publishing there would drop every instance's access caches.
 */
export const NOTIFICATIONS_CHANNEL = 'kontakt_notifications';

export interface NotifyInput {
  userId: string;
  /** What happened, e.g. `task_assigned` (a stable code the web app translates with `params`). */
  kind: string;
  params?: Record<string, unknown>;
  recordType?: string;
  recordId?: string;
  actorId?: string | null;
}

/** What the email queue carries: the notification itself, rendered in the reader's language when sent. */
export interface NotificationEmailJob {
  notificationId: string;
  userId: string;
  kind: string;
  params: Record<string, unknown>;
  recordType: string | null;
  recordId: string | null;
  actorId: string | null;
}

export async function notify(db: Kysely<DB>, input: NotifyInput): Promise<string> {
  return (await notifyMany(db, [input]))[0]!;
}

/**
 * One insert for many notifications (a bulk handoff notifies each new manager once per record).
 * Answers an id per input, in order; a notification the reader turned off in the app has an id (its
 * email carries it) but no row.
 */
export async function notifyMany(db: Kysely<DB>, inputs: readonly NotifyInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const recipients = await db
    .selectFrom('users')
    .select(['id', 'active', 'notification_prefs', sql<boolean>`(SELECT smtp IS NOT NULL FROM company WHERE id = 1)`.as('mail')])
    .where('id', 'in', [...new Set(inputs.map((i) => i.userId))])
    .execute();
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const ids = inputs.map(() => newId());
  const rows = [];
  const emails: NotificationEmailJob[] = [];
  for (const [index, input] of inputs.entries()) {
    const user = byId.get(input.userId);
    if (!user?.active) continue;
    const channels = notificationChannels(user.notification_prefs as StoredNotificationPrefs, input.kind);
    const id = ids[index]!;
    if (channels.inApp) {
      rows.push({
        id,
        user_id: input.userId,
        kind: input.kind,
        params: JSON.stringify(input.params ?? {}),
        record_type: input.recordType ?? null,
        record_id: input.recordId ?? null,
        actor_id: input.actorId ?? null,
      });
    }
    if (channels.email && user.mail) {
      emails.push({
        notificationId: id,
        userId: input.userId,
        kind: input.kind,
        params: input.params ?? {},
        recordType: input.recordType ?? null,
        recordId: input.recordId ?? null,
        actorId: input.actorId ?? null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('notifications').values(rows.slice(i, i + 1000)).execute();
  }
  await enqueue(db, QUEUES.notificationEmail, emails);
  await hintUsers(db, rows.map((r) => r.user_id));
  return ids;
}

/** Tells every instance's event streams that these users' notifications changed (new, or read). */
export async function hintUsers(db: Kysely<DB>, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, u) FROM unnest(${unique}::text[]) AS u`.execute(db);
}
