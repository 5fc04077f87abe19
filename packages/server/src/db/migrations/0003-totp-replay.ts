import { sql, type Kysely } from 'kysely';

/** Remembers the last accepted TOTP time step per user: a code works once. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN totp_last_step integer`.execute(db);
}
