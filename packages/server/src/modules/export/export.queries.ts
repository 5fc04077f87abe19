import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Per-batch lookups of an export: one query each for up to a batch of ids, never one per record. */

export async function namesOf(db: Kysely<DB>, ids: { user: string[]; organization: string[]; person: string[] }) {
  const names = new Map<string, string>();
  if (ids.user.length > 0) {
    for (const r of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids.user).execute()) names.set(r.id, r.name);
  }
  if (ids.organization.length > 0) {
    for (const r of await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids.organization).execute()) names.set(r.id, r.name);
  }
  if (ids.person.length > 0) {
    for (const r of await db.selectFrom('persons').select(['id', 'full_name']).where('id', 'in', ids.person).execute()) names.set(r.id, r.full_name);
  }
  return names;
}

/** What a vCard needs beyond the list row: every contact and address, and the notes. */
export async function vcardDetails(db: Kysely<DB>, personIds: string[]) {
  if (personIds.length === 0) return { contacts: [], addresses: [], notes: new Map<string, string | null>() };
  const contacts = await db
    .selectFrom('contact_points')
    .select(['owner_id', 'kind', 'value', 'normalized'])
    .where('owner_id', 'in', personIds)
    .orderBy('owner_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const addresses = await db
    .selectFrom('addresses')
    .select(['owner_id', 'kind', 'country', 'postal_code', 'region', 'city', 'street'])
    .where('owner_id', 'in', personIds)
    .orderBy('owner_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const notes = new Map(
    (await db.selectFrom('persons').select(['id', 'notes']).where('id', 'in', personIds).execute()).map((r) => [r.id, r.notes]),
  );
  return { contacts, addresses, notes };
}
