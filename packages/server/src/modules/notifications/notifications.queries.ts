import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB>;

function selectNotifications(db: Executor) {
  return db
    .selectFrom('notifications')
    .leftJoin('users as actor', 'actor.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.params',
      'notifications.record_type',
      'notifications.record_id',
      'notifications.actor_id',
      'actor.name as actor_name',
      'notifications.created_at',
      'notifications.read_at',
    ]);
}

/** Newest first by id (ids are time-ordered), after the cursor's id. */
export function listNotifications(db: Executor, userId: string, opts: { afterId?: string; unreadOnly: boolean; limit: number }) {
  let query = selectNotifications(db).where('notifications.user_id', '=', userId);
  if (opts.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  if (opts.afterId) query = query.where('notifications.id', '<', opts.afterId);
  return query.orderBy('notifications.id', 'desc').limit(opts.limit + 1).execute();
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

/** The user's notifications newer than `afterId` (all of them when null), newest first. */
export function notificationsAfter(db: Executor, userId: string, afterId: string | null, limit: number) {
  let query = selectNotifications(db).where('notifications.user_id', '=', userId);
  if (afterId) query = query.where('notifications.id', '>', afterId);
  return query.orderBy('notifications.id', 'desc').limit(limit).execute();
}

export async function newestNotificationId(db: Executor, userId: string): Promise<string | null> {
  const row = await db.selectFrom('notifications').select('id').where('user_id', '=', userId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Which of these sessions and API tokens still let their user in (not expired, not revoked, user active):
 * `session:<id>` / `token:<id>` → user id.
 */
export async function liveCredentials(db: Executor, sessionIds: readonly string[], tokenIds: readonly string[]): Promise<Map<string, string>> {
  const live = new Map<string, string>();
  if (sessionIds.length > 0) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.user_id'])
      .where('sessions.id', 'in', [...new Set(sessionIds)])
      .where('sessions.expires_at', '>', sql<Date>`now()`)
      .where('users.active', '=', true)
      .execute();
    for (const r of rows) live.set(`session:${r.id}`, r.user_id);
  }
  if (tokenIds.length > 0) {
    const rows = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id', 'api_tokens.user_id'])
      .where('api_tokens.id', 'in', [...new Set(tokenIds)])
      .where('api_tokens.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', sql<Date>`now()`)]))
      .where('users.active', '=', true)
      .execute();
    for (const r of rows) live.set(`token:${r.id}`, r.user_id);
  }
  return live;
}
