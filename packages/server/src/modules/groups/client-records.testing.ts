import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';

/** Minimal client rows for the tests of groups, links and custom fields (straight into the tables). */
export async function insertOrganization(
  db: Kysely<DB>,
  overrides: { name?: string; responsibleId?: string | null; createdBy?: string | null; custom?: Record<string, unknown>; deleted?: boolean } = {},
) {
  const id = newId();
  const name = overrides.name ?? `ООО «Тест ${id.slice(-6)}»`;
  await db
    .insertInto('organizations')
    .values({
      id,
      name,
      responsible_id: overrides.responsibleId ?? null,
      created_by: overrides.createdBy ?? null,
      custom: JSON.stringify(overrides.custom ?? {}),
      updated_at: new Date(),
      deleted_at: overrides.deleted ? new Date() : null,
      deleted_by: null,
    })
    .execute();
  return { id, name };
}

export async function insertPerson(
  db: Kysely<DB>,
  overrides: { lastName?: string; firstName?: string; responsibleId?: string | null; custom?: Record<string, unknown> } = {},
) {
  const id = newId();
  const lastName = overrides.lastName ?? `Иванов${id.slice(-4)}`;
  await db
    .insertInto('persons')
    .values({
      id,
      last_name: lastName,
      first_name: overrides.firstName ?? 'Пётр',
      responsible_id: overrides.responsibleId ?? null,
      custom: JSON.stringify(overrides.custom ?? {}),
      updated_at: new Date(),
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  return { id, name: `${lastName} ${overrides.firstName ?? 'Пётр'}` };
}
