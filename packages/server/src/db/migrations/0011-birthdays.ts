import { sql, type Kysely } from 'kysely';

/**
 * "My day" shows this week's birthdays of my clients' contact persons. Found through the people first (every
 * person I am responsible for, every person of my organizations), a manager with a large book reads tens of
 * thousands of persons to keep a few hundred: 0.7 s at a million persons. Keyed by the month and day of
 * birth next to the owner, each side reads only the persons born this week:
 *
 * - persons I am responsible for: `(responsible_id, birth month-day)`;
 * - persons whose primary organization is mine: `(organization_id, birth month-day)`, one probe per organization;
 * - persons who also work at one of my organizations: only secondary employments, a few per cent of them.
 *
 * `birth_md` is month × 100 + day (1207 = 7 December), an expression of the date alone, so immutable.
 */
const BIRTH_MD = sql`((extract(month FROM birth_date) * 100 + extract(day FROM birth_date))::int)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX persons_birthday_responsible_idx ON persons (responsible_id, ${BIRTH_MD})
    WHERE deleted_at IS NULL AND birth_date IS NOT NULL`.execute(db);
  await sql`CREATE INDEX persons_birthday_organization_idx ON persons (organization_id, ${BIRTH_MD})
    WHERE deleted_at IS NULL AND birth_date IS NOT NULL`.execute(db);
  await sql`CREATE INDEX employments_secondary_idx ON employments (organization_id, person_id) WHERE NOT is_primary`.execute(db);
}
