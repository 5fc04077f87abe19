import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { migrator } from './connection.js';

/**
 * A portable backup: gzipped JSON lines, one header, then each table's rows as JSON made by the
 * database itself (`to_jsonb`), so timestamps, numerics and JSON keep full precision. The same file
 * restores into PGlite or PostgreSQL, which also makes it the way to move from one to the other.
 */
const FORMAT = 'kontakt-backup';
const BATCH = 2000;
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

interface Header {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

async function userTables(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !SKIPPED_TABLES.has(name));
}

async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

export async function backupDatabase(db: Kysely<DB>, file: string): Promise<{ tables: Record<string, number> }> {
  const out = fs.createWriteStream(file);
  // Listen before writing: a small backup can finish before a later listener would attach.
  const written = finished(out);
  const result = await writeBackup(db, out);
  await written;
  return result;
}

/**
 * Writes a backup into any stream (a file, an HTTP answer). On PGlite the backup holds the one
 * connection while it reads, so other requests wait for it: seconds for a typical company.
 */
export async function writeBackup(db: Kysely<DB>, out: NodeJS.WritableStream): Promise<{ tables: Record<string, number> }> {
  const gzip = zlib.createGzip();
  gzip.pipe(out);
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  // One repeatable-read transaction: every table is read as of the same moment.
  await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tables = await userTables(trx as unknown as Kysely<DB>);
    const header: Header = { format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: await appliedMigrations(trx as unknown as Kysely<DB>), tables };
    await write(header);
    for (const table of tables) {
      counts[table] = 0;
      await sql`DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT to_jsonb(t) AS r FROM ${sql.table(table)} t`.execute(trx);
      for (;;) {
        const { rows } = await sql<{ r: unknown }>`FETCH ${sql.raw(String(BATCH))} FROM backup_cursor`.execute(trx);
        if (rows.length === 0) break;
        await write({ table, rows: rows.map((row) => row.r) });
        counts[table] += rows.length;
      }
      await sql`CLOSE backup_cursor`.execute(trx);
    }
  });
  const flushed = finished(gzip);
  gzip.end();
  await flushed;
  return { tables: counts };
}

export class RestoreError extends Error {}

/**
 * Restores into an empty database: migrates it to the backup's schema version, loads every row with
 * foreign-key triggers paused (rows reference each other in cycles), then migrates to the latest version.
 * All in one transaction: a failed restore leaves the database as empty as it was.
 */
export async function restoreDatabase(db: Kysely<DB>, file: string): Promise<{ tables: Record<string, number> }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? undefined : (JSON.parse(first.value) as Header);
  if (header?.format !== FORMAT) throw new RestoreError(`${file} is not a Kontakt backup`);

  const known = Object.keys(await migrator(db).getMigrations().then((ms) => Object.fromEntries(ms.map((m) => [m.name, m]))));
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length) throw new RestoreError(`The backup comes from a newer Kontakt (migrations ${unknown.join(', ')}); upgrade first`);
  const last = header.migrations[header.migrations.length - 1];
  if (last) {
    const { error } = await migrator(db).migrateTo(last);
    if (error) throw error;
  }
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) throw new RestoreError('The target database is not empty: restore needs an empty one');

  const counts: Record<string, number> = {};
  const insertable: Record<string, string[]> = {};
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    // Rows made at start-up (built-in roles) give way to the backup's.
    for (const table of header.tables) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      const chunk = JSON.parse(next.value) as { table: string; rows: unknown[] };
      if (!header.tables.includes(chunk.table)) throw new RestoreError(`Unexpected table ${chunk.table} in the backup`);
      const columns = (insertable[chunk.table] ??= await insertableColumns(trx as unknown as Kysely<DB>, chunk.table));
      const list = sql.join(columns.map((c) => sql.ref(c)));
      await sql`INSERT INTO ${sql.table(chunk.table)} (${list})
        SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(chunk.table)}, ${JSON.stringify(chunk.rows)}::jsonb)`.execute(trx);
      counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
    }
    await resetSequences(trx as unknown as Kysely<DB>);
  });
  const { error } = await migrator(db).migrateToLatest();
  if (error) throw error;
  return { tables: counts };
}

/** Generated columns are computed again by the database, so the backup's copies are left out. */
async function insertableColumns(db: Kysely<DB>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(db);
  return rows.map((r) => r.name);
}

/** Sequences behind identity/serial columns continue after the restored rows. */
async function resetSequences(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ seq: string; tbl: string; col: string }>`
    SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
    FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE s.relkind = 'S' AND n.nspname = 'public'`.execute(db);
  for (const { seq, tbl, col } of rows) {
    await sql`SELECT setval(${seq}, COALESCE((SELECT max(${sql.ref(col)}) FROM ${sql.table(tbl)}), 0) + 1, false)`.execute(db);
  }
}
