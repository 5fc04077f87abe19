import { sql, type Kysely } from 'kysely';

/**
 * Global search and duplicate merging.
 *
 * - `search_text` folds ё to е (as the search dictionary does), so "Семенов" finds "Семёнов" and the
 *   dictionary's corrected words are found in the records. A generated column's expression cannot be
 *   changed in place before PostgreSQL 17, so the column and its trigram index are rebuilt.
 * - A `text_pattern_ops` btree on `search_text` answers "starts with" in a range scan under any collation,
 *   so search can rank names that start with the query first without sorting every fragment match.
 * - The same on `contact_points.normalized` serves email prefixes ("ivanov@") and phones with extensions
 *   ("+7916…;ext=12") whatever the database collation.
 * - The trigram indexes keep a short pending list (256 kB instead of 4 MB): new rows wait there unsorted
 *   until a vacuum, every search reads all of it, and PGlite has no autovacuum. Measured at 100k persons:
 *   a rare fragment took 30 ms with a long pending list, 0.35 ms after it was merged into the index.
 * - `merged_into_id` marks a record that went to the recycle bin because it was merged into another one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX organizations_search_trgm_idx`.execute(db);
  await sql`ALTER TABLE organizations DROP COLUMN search_text`.execute(db);
  await sql`
    ALTER TABLE organizations ADD COLUMN search_text text GENERATED ALWAYS AS (
      replace(lower(name || ' ' || coalesce(full_name, '')), 'ё', 'е')
    ) STORED`.execute(db);
  await sql`CREATE INDEX organizations_search_trgm_idx ON organizations USING gin (search_text gin_trgm_ops) WITH (gin_pending_list_limit = 256)`.execute(db);
  await sql`CREATE INDEX organizations_search_prefix_idx ON organizations (search_text text_pattern_ops)`.execute(db);

  await sql`DROP INDEX persons_search_trgm_idx`.execute(db);
  await sql`ALTER TABLE persons DROP COLUMN search_text`.execute(db);
  await sql`
    ALTER TABLE persons ADD COLUMN search_text text GENERATED ALWAYS AS (
      replace(lower(last_name || ' ' || coalesce(first_name, '') || ' ' || coalesce(middle_name, '')), 'ё', 'е')
    ) STORED`.execute(db);
  await sql`CREATE INDEX persons_search_trgm_idx ON persons USING gin (search_text gin_trgm_ops) WITH (gin_pending_list_limit = 256)`.execute(db);
  await sql`CREATE INDEX persons_search_prefix_idx ON persons (search_text text_pattern_ops)`.execute(db);

  await sql`CREATE INDEX contact_points_normalized_pattern_idx ON contact_points (normalized text_pattern_ops)`.execute(db);

  await sql`ALTER TABLE organizations ADD COLUMN merged_into_id uuid CONSTRAINT organizations_merged_into_fkey REFERENCES organizations(id)`.execute(db);
  await sql`ALTER TABLE persons ADD COLUMN merged_into_id uuid CONSTRAINT persons_merged_into_fkey REFERENCES persons(id)`.execute(db);
  await sql`CREATE INDEX organizations_merged_into_idx ON organizations (merged_into_id) WHERE merged_into_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX persons_merged_into_idx ON persons (merged_into_id) WHERE merged_into_id IS NOT NULL`.execute(db);
}
