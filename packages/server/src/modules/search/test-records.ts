import type { Kysely } from 'kysely';
import { normalizeContact, type ContactKind } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { recordSearchTerms } from './search-terms.js';

/**
 * Real client rows for search and duplicate tests, written straight to the database (the way the clients
 * service writes them: contacts normalized, words in the search dictionary).
 */
export interface TestContact {
  kind: ContactKind;
  value: string;
}

async function insertContacts(db: Kysely<DB>, ownerType: 'organization' | 'person', ownerId: string, contacts: readonly TestContact[]) {
  if (contacts.length === 0) return;
  await db
    .insertInto('contact_points')
    .values(
      contacts.map((c, position) => ({
        id: newId(),
        owner_type: ownerType,
        owner_id: ownerId,
        kind: c.kind,
        value: c.value,
        normalized: normalizeContact(c.kind, c.value) ?? c.value.toLowerCase(),
        position,
      })),
    )
    .execute();
}

export async function insertOrganization(
  db: Kysely<DB>,
  values: { name: string; inn?: string; responsibleId?: string | null; createdBy?: string | null; parentId?: string; city?: string; contacts?: TestContact[] },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('organizations')
    .values({
      id,
      name: values.name,
      inn: values.inn ?? null,
      responsible_id: values.responsibleId ?? null,
      created_by: values.createdBy ?? null,
      parent_id: values.parentId ?? null,
      updated_at: new Date(),
    } as never)
    .execute();
  await insertContacts(db, 'organization', id, values.contacts ?? []);
  if (values.city) {
    await db.insertInto('addresses').values({ id: newId(), owner_type: 'organization', owner_id: id, kind: 'legal', city: values.city } as never).execute();
  }
  await recordSearchTerms(db, [values.name]);
  return id;
}

export async function insertPerson(
  db: Kysely<DB>,
  values: {
    lastName: string;
    firstName?: string;
    middleName?: string;
    position?: string;
    organizationId?: string;
    responsibleId?: string | null;
    createdBy?: string | null;
    contacts?: TestContact[];
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('persons')
    .values({
      id,
      last_name: values.lastName,
      first_name: values.firstName ?? null,
      middle_name: values.middleName ?? null,
      position: values.position ?? null,
      organization_id: values.organizationId ?? null,
      responsible_id: values.responsibleId ?? null,
      created_by: values.createdBy ?? null,
      updated_at: new Date(),
    } as never)
    .execute();
  if (values.organizationId) {
    await db
      .insertInto('employments')
      .values({ id: newId(), person_id: id, organization_id: values.organizationId, position: values.position ?? null, is_primary: true })
      .execute();
  }
  await insertContacts(db, 'person', id, values.contacts ?? []);
  await recordSearchTerms(db, [values.lastName, values.firstName, values.middleName]);
  return id;
}
