import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB>;

/** Newest first by id (ids are time-ordered), after the cursor's id. */
export function listNotifications(db: Executor, userId: string, opts: { afterId?: string; unreadOnly: boolean; limit: number }) {
  let query = db
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
    ])
    .where('notifications.user_id', '=', userId);
  if (opts.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  if (opts.afterId) query = query.where('notifications.id', '<', opts.afterId);
  return query.orderBy('notifications.id', 'desc').limit(opts.limit + 1).execute();
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

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
