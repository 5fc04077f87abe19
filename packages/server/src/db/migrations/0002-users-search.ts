import { sql, type Kysely } from 'kysely';

/**
 * Searching employees by any part of a name or email: a trigram index on both together, so
 * `ILIKE '%фрагмент%'` reads a few index pages instead of every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE INDEX users_search_trgm_idx ON users USING gin ((name || ' ' || email) gin_trgm_ops)`.execute(db);
}
