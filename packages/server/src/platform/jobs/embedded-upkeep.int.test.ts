import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { insertOrganization } from '../../modules/groups/client-records.testing.js';
import { ConfigError, loadConfig } from '../../config.js';
import { analyzeUnanalyzed, nextUpkeepAt, startEmbeddedUpkeep, vacuumAndAnalyze } from './embedded-upkeep.js';

let database: Database;
const logged: string[] = [];
const log = { info: (_: object, m?: string) => void logged.push(m ?? ''), warn: () => undefined, error: (_: object, m?: string) => void logged.push(`error: ${m}`) };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function statsOf(table: string) {
  const { rows } = await sql<{ reltuples: number; relallvisible: number }>`
    SELECT reltuples::float8 AS reltuples, relallvisible FROM pg_class WHERE oid = ${`public.${table}`}::regclass`.execute(database.db);
  return rows[0]!;
}

describe('upkeep of the embedded database', () => {
  it('at start-up gathers statistics of tables that have rows but none yet, and leaves the others', async () => {
    await sql`CREATE TABLE upkeep_probe (id int PRIMARY KEY, note text)`.execute(database.db);
    await sql`INSERT INTO upkeep_probe SELECT g, 'строка ' || g FROM generate_series(1, 2000) g`.execute(database.db);
    await sql`CREATE TABLE upkeep_empty (id int)`.execute(database.db);
    expect((await statsOf('upkeep_probe')).reltuples).toBeLessThan(0);

    const upkeep = startEmbeddedUpkeep(database.db, log, 3);
    await upkeep.stop();
    expect((await statsOf('upkeep_probe')).reltuples).toBe(2000);
    expect((await statsOf('upkeep_empty')).reltuples).toBeLessThan(0);
    // Nothing is left without statistics, so a second start has nothing to do.
    expect(await analyzeUnanalyzed(database.db, log)).toBe(0);
  });

  it('the nightly pass vacuums and analyzes every table of the app and of the job queue', async () => {
    for (let i = 0; i < 30; i++) await insertOrganization(database.db);
    await sql`UPDATE upkeep_probe SET note = note || '!' WHERE id % 2 = 0`.execute(database.db);
    const count = await vacuumAndAnalyze(database.db, log);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname IN ('public', 'pgboss')`.execute(database.db);
    expect(count).toBe(rows[0]!.n);
    const organizations = await statsOf('organizations');
    expect(organizations.reltuples).toBeGreaterThanOrEqual(30);
    // Pages marked all-visible: what lets index-only scans skip the table.
    expect(organizations.relallvisible).toBeGreaterThan(0);
    expect((await statsOf('upkeep_probe')).relallvisible).toBeGreaterThan(0);
    expect(logged).toContain('embedded database: vacuumed and analyzed');
    expect(logged.filter((m) => m.startsWith('error'))).toEqual([]);
  });

  it('runs next at its hour of the server clock: later today before it, tomorrow from it on', () => {
    expect(nextUpkeepAt(new Date(2026, 11, 7, 2, 59), 3)).toEqual(new Date(2026, 11, 7, 3, 0));
    expect(nextUpkeepAt(new Date(2026, 11, 7, 3, 0), 3)).toEqual(new Date(2026, 11, 8, 3, 0));
    expect(nextUpkeepAt(new Date(2026, 11, 31, 23, 30), 3)).toEqual(new Date(2027, 0, 1, 3, 0));
    expect(nextUpkeepAt(new Date(2026, 11, 7, 22, 0), 23)).toEqual(new Date(2026, 11, 7, 23, 0));
  });

  it('takes its hour from UPKEEP_HOUR, 03:00 unless set, and refuses what is not an hour', () => {
    expect(loadConfig({}).upkeepHour).toBe(3);
    expect(loadConfig({ UPKEEP_HOUR: '0' }).upkeepHour).toBe(0);
    expect(() => loadConfig({ UPKEEP_HOUR: '24' })).toThrow(/UPKEEP_HOUR must be an hour from 0 to 23/);
    // Start-up prints a ConfigError's message alone (main.ts).
    expect(() => loadConfig({ UPKEEP_HOUR: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ UPKEEP_HOUR: 'ночью' })).toThrow(/UPKEEP_HOUR must be an integer/);
  });
});
