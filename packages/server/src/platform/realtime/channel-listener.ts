import pg from 'pg';
import type { Database } from '../../db/connection.js';
import type { Logger } from '../jobs/jobs.js';

export interface ChannelListener {
  close(): Promise<void>;
}

/**
 * Hears a PostgreSQL NOTIFY channel. Senders notify inside their transaction, so a payload arrives only
 * after the change committed, and on PostgreSQL it reaches every app instance on the database.
 *
 * - PostgreSQL: a connection of its own (a pooled one would be handed to other queries), reconnected
 *   with back-off if it drops; `onReconnect` lets the caller catch up on what it may have missed.
 * - PGlite: its in-process listener. LISTEN is issued while holding the app's one connection, so it
 *   cannot land inside (and be rolled back with) someone else's transaction.
 */
export async function listenChannel(
  database: Database,
  channel: string,
  onPayload: (payload: string) => void,
  log: Logger,
  onReconnect: () => void = () => undefined,
): Promise<ChannelListener> {
  if (database.kind === 'pglite') {
    const pglite = database.pglite!;
    const unlisten = await database.db.connection().execute(() => pglite.listen(channel, onPayload));
    return {
      async close() {
        if (!pglite.closed) await database.db.connection().execute(() => unlisten());
      },
    };
  }

  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 500;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: database.url });
    next.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) onPayload(msg.payload);
    });
    next.on('error', (error) => {
      log.error({ err: error, channel }, 'notification listener lost its connection; reconnecting');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    delay = 500;
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(onReconnect, (error: unknown) => {
        log.warn({ err: error, channel }, 'notification listener could not reconnect yet');
        delay = Math.min(delay * 2, 30_000);
        scheduleReconnect();
      });
    }, delay);
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
