import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { InvalidationBus } from './invalidation-bus.js';

/** What every service is built from; wired by hand in app.ts. */
export interface ServiceDeps {
  db: Kysely<DB>;
  config: Config;
  bus: Pick<InvalidationBus, 'publish'>;
}
