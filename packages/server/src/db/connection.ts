import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglite-pool.js';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  pglite?: PGlite;
  pool?: pg.Pool;
  url?: string;
  close(): Promise<void>;
}

export interface PgliteOptions {
  /** Directory of the embedded database; omitted means in memory (tests). */
  dataDir?: string;
  /** A tarball from `dumpDataDir()` to start from: tests clone a migrated snapshot this way. */
  loadDataDir?: Blob | File;
}

/**
 * Calendar dates (birth dates, due dates) stay the text PostgreSQL gives ("2024-05-01"): turning them into
 * a JS Date would shift them by the server's time zone. Numerics (money) stay text too, never floats.
 */
const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const asText = (value: string) => value;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID || oid === NUMERIC_OID) return asText;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const pglite = await PGlite.create({
    // The same extensions a PostgreSQL server offers, so one set of migrations serves both.
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: asText, [NUMERIC_OID]: asText },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  // JIT off for every connection: the queries here are short and index-driven, yet a week of a calendar or
  // thousands of ids looked up by key pass jit_above_cost, and compiling took 70 ms of an 80 ms query at
  // 5 million tasks. (PGlite has no JIT.)
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, options: '-c jit=off' });
  // A connection that dies while idle in the pool (a server restart, a failover, an administrator ending it)
  // is reported on the pool; unheard, that event would crash the process. The pool has already dropped it
  // and opens a new one for the next query, and a query in flight gets its own error.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    pool,
    url,
    async close() {
      await db.destroy();
    },
  };
}

export function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Brings the schema up to date; throws with the failing migration's name so start-up stops clearly. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet['results']> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results;
}
