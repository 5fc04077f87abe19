import { sql, type Kysely } from 'kysely';

/**
 * A manager's organizations by key alone: "my day" starts its birthday search from them (4,006 for the
 * busiest manager of the benchmark), and read through `(responsible_id)` each one was a visit to the table
 * to see whether it is deleted, 6.5 of 26 ms. With the id and the deletion time in the index, a vacuumed
 * table answers from the index (0.7 ms). It replaces the one-column index, so writes keep the same number of
 * indexes, and everything that looked organizations up by responsible still can.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX organizations_responsible_id_idx ON organizations (responsible_id, id) INCLUDE (deleted_at)`.execute(db);
  await sql`DROP INDEX organizations_responsible_idx`.execute(db);
}
