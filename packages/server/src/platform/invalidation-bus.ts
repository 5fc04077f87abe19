import pg from 'pg';
import type { Database } from '../db/connection.js';

const CHANNEL = 'kontakt_invalidate';

/** App instances of this process that share a database (tests run several; production one). */
const localSubscribers = new WeakMap<Database, Set<() => void>>();

/**
 * Tells every app instance that cached access data (sessions, users, roles, departments) changed.
 * Instances in this process hear it directly; on PostgreSQL a NOTIFY reaches the instances in other
 * processes, which LISTEN on a connection of their own.
 */
export async function createInvalidationBus(database: Database, onInvalidate: () => void) {
  let listener: pg.Client | undefined;
  const instanceId = Math.random().toString(36).slice(2);
  const subscribers = localSubscribers.get(database) ?? new Set();
  localSubscribers.set(database, subscribers);
  subscribers.add(onInvalidate);

  if (database.kind === 'postgres' && database.url) {
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload !== instanceId) onInvalidate();
    });
    // Without its listener an instance could serve stale rights: drop the cache and say so loudly.
    listener.on('error', (error) => {
      console.error('Invalidation listener failed', error);
      onInvalidate();
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }

  return {
    async publish(): Promise<void> {
      for (const subscriber of subscribers) subscriber();
      if (database.kind === 'postgres') {
        await database.pool!.query('SELECT pg_notify($1, $2)', [CHANNEL, instanceId]);
      }
    },
    async close(): Promise<void> {
      subscribers.delete(onInvalidate);
      await listener?.end();
    },
  };
}

export type InvalidationBus = Awaited<ReturnType<typeof createInvalidationBus>>;
