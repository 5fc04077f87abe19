import pg from 'pg';
import type { Database } from '../db/connection.js';

const CHANNEL = 'kontakt_invalidate';

/**
 * Tells every app instance that cached access data (sessions, users, roles, departments) changed.
 * On PGlite there is one process, so a local call is enough; on PostgreSQL a NOTIFY reaches the
 * other instances, which LISTEN on a connection of their own.
 */
export async function createInvalidationBus(database: Database, onInvalidate: () => void) {
  let listener: pg.Client | undefined;
  const instanceId = Math.random().toString(36).slice(2);
  if (database.kind === 'postgres' && database.url) {
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload !== instanceId) onInvalidate();
    });
    // A lost listener connection would leave this instance with stale rights: fail loudly.
    listener.on('error', (error) => {
      console.error('Invalidation listener failed', error);
      onInvalidate();
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }

  return {
    async publish(): Promise<void> {
      onInvalidate();
      if (database.kind === 'postgres') {
        await database.pool!.query('SELECT pg_notify($1, $2)', [CHANNEL, instanceId]);
      }
    },
    async close(): Promise<void> {
      await listener?.end();
    },
  };
}

export type InvalidationBus = Awaited<ReturnType<typeof createInvalidationBus>>;
