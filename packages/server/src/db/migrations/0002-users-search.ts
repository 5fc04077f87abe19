import { sql, type Kysely } from 'kysely';

/**
 * Searching employees by any part of a name or email. The text is lower-cased once, when a row is
 * written (matching ILIKE on Cyrillic lower-cases every row on every search, ~2 µs each), and a trigram
 * index serves `LIKE '%фрагмент%'` once the table is large enough for the planner to want it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN search_text text GENERATED ALWAYS AS (lower(name || ' ' || email)) STORED`.execute(db);
  await sql`CREATE INDEX users_search_text_trgm_idx ON users USING gin (search_text gin_trgm_ops)`.execute(db);
}
