import { sql } from 'kysely';
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
});
