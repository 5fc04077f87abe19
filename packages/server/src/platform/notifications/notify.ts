import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';

/**
 * In-app notifications. Any module tells a user something with `notify(trx, …)` inside the transaction of
 * the change, so the notification exists exactly when the change does.
 *
 * Realtime: the row is the source of truth; a hint on the PostgreSQL channel below (sent by NOTIFY in the
 * same transaction, so only after commit, and to every app instance on that database) carries the user id,
 * for a future server-sent-events stream to LISTEN on. The cache invalidation bus is deliberately not used:
 * publishing there would drop every instance's access caches.
 */
export const NOTIFICATIONS_CHANNEL = 'kontakt_notifications';

export interface NotifyInput {
  userId: string;
  /** What happened, e.g. `handoff` (a stable code the web app translates with `params`). */
  kind: string;
  params?: Record<string, unknown>;
  recordType?: string;
  recordId?: string;
  actorId?: string | null;
}

export async function notify(db: Kysely<DB>, input: NotifyInput): Promise<string> {
  return (await notifyMany(db, [input]))[0]!;
}

/** One insert for many notifications (a bulk handoff notifies each new manager once per record). */
export async function notifyMany(db: Kysely<DB>, inputs: readonly NotifyInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => ({
    id: newId(),
    user_id: input.userId,
    kind: input.kind,
    params: JSON.stringify(input.params ?? {}),
    record_type: input.recordType ?? null,
    record_id: input.recordId ?? null,
    actor_id: input.actorId ?? null,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('notifications').values(rows.slice(i, i + 1000)).execute();
  }
  for (const userId of new Set(inputs.map((i) => i.userId))) {
    await sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${userId})`.execute(db);
  }
  return rows.map((r) => r.id);
}
