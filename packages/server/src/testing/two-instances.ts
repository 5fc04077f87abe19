import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { openPostgres, type Database } from '../db/connection.js';
import { createTestDatabase } from './test-database.js';
import { newCompany } from './factories.js';

export interface TwoInstances {
  /** The database as instance A sees it (and where test data is written). */
  first: Database;
  /** B's own pool on PostgreSQL, so B hears A only through the database; the same PGlite otherwise. */
  second: Database;
  a: FastifyInstance;
  b: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Two app instances on one fresh database, as behind a load balancer. `listen` makes A serve real HTTP on
 * 127.0.0.1 and a free port (for streams); otherwise both are only made ready.
 */
export async function startTwoInstances(config: Config, options: { listen?: boolean } = {}): Promise<TwoInstances & { url: string | null }> {
  const first = await createTestDatabase();
  const second = first.kind === 'postgres' ? await openPostgres(first.url!, 5) : first;
  await newCompany(first.db);
  const a = await buildApp({ config, database: first, logger: false });
  const b = await buildApp({ config, database: second, logger: false });
  const [url] = await Promise.all([options.listen ? a.listen({ port: 0, host: '127.0.0.1' }) : a.ready().then(() => null), b.ready()]);
  return {
    first,
    second,
    a,
    b,
    url,
    async close() {
      await a.close();
      await b.close();
      if (second !== first) await second.close();
      await first.close();
    },
  };
}

/** Waits until `check` holds, polling; fails naming how long it waited. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}
