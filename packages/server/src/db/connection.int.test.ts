import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.js';
import type { Database } from './connection.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('database connections', () => {
  it('never spend time compiling queries: PostgreSQL connections have JIT off, PGlite has no JIT at all', async () => {
    const { rows } = await sql<{ jit: string; available: boolean }>`SELECT current_setting('jit') AS jit, pg_jit_available() AS available`.execute(database.db);
    const compiles = rows[0]!.jit === 'on' && rows[0]!.available;
    expect(compiles).toBe(false);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL, outlive an idle connection the server ends', async () => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db);
    const killer = new pg.Client({ connectionString: database.kind === 'postgres' ? database.url : '' });
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await killer.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(again.rows[0]!.one).toBe(1);
  });
});
