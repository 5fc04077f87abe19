import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  AddressRow,
  BankAccountRow,
  ClientType,
  ContactPointRow,
  DB,
  OrganizationRow,
  OrganizationUnitsTable,
  PersonRow,
} from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type {
  AddressRowInput,
  BankAccountRowInput,
  ContactRowInput,
  EmploymentRowInput,
  UnitRowInput,
} from './client-input.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Names of the users and records a card shows beside the row itself. */
export interface RecordRefs {
  responsible_name: string | null;
  responsible_department_id: string | null;
  created_by_name: string | null;
}
export type OrganizationCardRow = OrganizationRow & RecordRefs & { parent_name: string | null };
export type PersonCardRow = PersonRow & RecordRefs;
export type UnitRow = Selectable<OrganizationUnitsTable>;

export interface EmploymentJoinedRow {
  organization_id: string;
  organization_name: string;
  position: string | null;
  department: string | null;
  is_primary: boolean;
}

export async function findOrganization(db: Executor, id: string, lock = false): Promise<OrganizationCardRow | undefined> {
  let query = db
    .selectFrom('organizations')
    .selectAll('organizations')
    .select((eb) => [
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'organizations.responsible_id').as('responsible_name'),
      eb.selectFrom('users').select('users.department_id').whereRef('users.id', '=', 'organizations.responsible_id').as('responsible_department_id'),
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'organizations.created_by').as('created_by_name'),
      eb.selectFrom('organizations as p').select('p.name').whereRef('p.id', '=', 'organizations.parent_id').as('parent_name'),
    ])
    .where('organizations.id', '=', id);
  if (lock) query = query.forUpdate('organizations');
  return (await query.executeTakeFirst()) as OrganizationCardRow | undefined;
}

export async function findPerson(db: Executor, id: string, lock = false): Promise<PersonCardRow | undefined> {
  let query = db
    .selectFrom('persons')
    .selectAll('persons')
    .select((eb) => [
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'persons.responsible_id').as('responsible_name'),
      eb.selectFrom('users').select('users.department_id').whereRef('users.id', '=', 'persons.responsible_id').as('responsible_department_id'),
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'persons.created_by').as('created_by_name'),
    ])
    .where('persons.id', '=', id);
  if (lock) query = query.forUpdate('persons');
  return (await query.executeTakeFirst()) as PersonCardRow | undefined;
}

export const loadContacts = (db: Executor, ownerId: string): Promise<ContactPointRow[]> =>
  db.selectFrom('contact_points').selectAll().where('owner_id', '=', ownerId).orderBy('position').orderBy('id').execute();

export const loadAddresses = (db: Executor, ownerId: string): Promise<AddressRow[]> =>
  db.selectFrom('addresses').selectAll().where('owner_id', '=', ownerId).orderBy('position').orderBy('id').execute();

export const loadBankAccounts = (db: Executor, organizationId: string): Promise<BankAccountRow[]> =>
  db.selectFrom('bank_accounts').selectAll().where('organization_id', '=', organizationId).orderBy('position').orderBy('id').execute();

export const loadUnits = (db: Executor, organizationId: string): Promise<UnitRow[]> =>
  db.selectFrom('organization_units').selectAll().where('organization_id', '=', organizationId).orderBy('position').orderBy('id').execute();

export const loadEmployments = (db: Executor, personId: string): Promise<EmploymentJoinedRow[]> =>
  db
    .selectFrom('employments')
    .innerJoin('organizations', 'organizations.id', 'employments.organization_id')
    .select([
      'employments.organization_id',
      'organizations.name as organization_name',
      'employments.position',
      'employments.department',
      'employments.is_primary',
    ])
    .where('employments.person_id', '=', personId)
    .orderBy('employments.is_primary', 'desc')
    .orderBy('employments.created_at')
    .orderBy('employments.id')
    .execute();

/** Groups of a record that this reader sees: shared ones and their own personal ones. */
export const loadGroups = (db: Executor, recordId: string, readerId: string): Promise<{ id: string; name: string }[]> =>
  db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['groups.id', 'groups.name'])
    .where('group_members.record_id', '=', recordId)
    .where((eb) => eb.or([eb('groups.shared', '=', true), eb('groups.owner_id', '=', readerId)]))
    .orderBy('groups.name')
    .execute();

/** Keeps the ids a record already had; anything else (new, or someone else's id) gets a fresh one. */
function keepIds<T extends { id?: string }>(rows: T[], existing: Set<string>): (T & { id: string })[] {
  return rows.map((row) => ({ ...row, id: row.id && existing.has(row.id) ? row.id : newId() }));
}

async function existingIds(db: Executor, table: 'contact_points' | 'addresses', ownerId: string): Promise<Set<string>> {
  const rows = await db.selectFrom(table).select('id').where('owner_id', '=', ownerId).execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceContacts(db: Executor, ownerType: ClientType, ownerId: string, rows: ContactRowInput[]): Promise<void> {
  const kept = keepIds(rows, await existingIds(db, 'contact_points', ownerId));
  await db.deleteFrom('contact_points').where('owner_id', '=', ownerId).execute();
  if (kept.length === 0) return;
  await db
    .insertInto('contact_points')
    .values(kept.map((c) => ({ id: c.id, owner_type: ownerType, owner_id: ownerId, kind: c.kind, value: c.value, normalized: c.normalized, label: c.label, messenger: c.messenger, position: c.position })))
    .execute();
}

export async function replaceAddresses(db: Executor, ownerType: ClientType, ownerId: string, rows: AddressRowInput[]): Promise<void> {
  const kept = keepIds(rows, await existingIds(db, 'addresses', ownerId));
  await db.deleteFrom('addresses').where('owner_id', '=', ownerId).execute();
  if (kept.length === 0) return;
  await db.insertInto('addresses').values(kept.map((a) => ({ ...a, owner_type: ownerType, owner_id: ownerId }))).execute();
}

export async function replaceBankAccounts(db: Executor, organizationId: string, rows: BankAccountRowInput[]): Promise<void> {
  const existing = await db.selectFrom('bank_accounts').select('id').where('organization_id', '=', organizationId).execute();
  const kept = keepIds(rows, new Set(existing.map((r) => r.id)));
  await db.deleteFrom('bank_accounts').where('organization_id', '=', organizationId).execute();
  if (kept.length === 0) return;
  await db.insertInto('bank_accounts').values(kept.map((b) => ({ ...b, organization_id: organizationId }))).execute();
}

/**
 * The organization's own departments. Parents refer to ids in the same list; ids are remapped like the
 * other collections, and the rows are inserted without parents first so their order does not matter.
 */
export async function replaceUnits(db: Executor, organizationId: string, rows: UnitRowInput[]): Promise<void> {
  const existing = await db.selectFrom('organization_units').select('id').where('organization_id', '=', organizationId).execute();
  const kept = keepIds(rows, new Set(existing.map((r) => r.id)));
  const idOf = new Map(rows.map((row, i) => [row.id ?? `#${i}`, kept[i]!.id]));
  await db.deleteFrom('organization_units').where('organization_id', '=', organizationId).execute();
  if (kept.length === 0) return;
  await db
    .insertInto('organization_units')
    .values(kept.map((u) => ({ id: u.id, organization_id: organizationId, name: u.name, parent_id: null, position: u.position })))
    .execute();
  for (const unit of kept) {
    const parent = unit.parent_id ? idOf.get(unit.parent_id) : undefined;
    if (parent) await db.updateTable('organization_units').set({ parent_id: parent }).where('id', '=', unit.id).execute();
  }
}

export async function replaceEmployments(db: Executor, personId: string, rows: EmploymentRowInput[]): Promise<void> {
  await db.deleteFrom('employments').where('person_id', '=', personId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('employments')
    .values(rows.map((e) => ({ id: newId(), person_id: personId, ...e })))
    .execute();
}

/** Active users among these ids. */
export async function activeUserIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', true).execute();
  return new Set(rows.map((r) => r.id));
}

/** Organizations among these ids that exist outside the recycle bin. */
export async function liveOrganizationIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organizations').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** True when `candidateParent` is `id` itself or sits below it, so making it the parent would close a loop. */
export async function isDescendantOrSelf(db: Executor, id: string, candidateParent: string): Promise<boolean> {
  if (id === candidateParent) return true;
  const { rows } = await sql<{ found: boolean }>`
    WITH RECURSIVE up AS (
      SELECT o.id, o.parent_id, 1 AS depth FROM organizations o WHERE o.id = ${candidateParent}
      UNION ALL
      SELECT o.id, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 100
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE up.id = ${id}) AS found`.execute(db);
  return rows[0]?.found ?? false;
}
