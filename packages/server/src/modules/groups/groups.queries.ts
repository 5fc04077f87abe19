import { sql, type Expression, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB, GroupsTable } from '../../db/schema.js';

type Executor = Kysely<DB>;

export interface GroupJoinedRow {
  id: string;
  name: string;
  description: string | null;
  shared: boolean;
  owner_id: string;
  owner_name: string;
  member_count: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function selectGroups(db: Executor) {
  return db
    .selectFrom('groups')
    .innerJoin('users as owner', 'owner.id', 'groups.owner_id')
    .select([
      'groups.id',
      'groups.name',
      'groups.description',
      'groups.shared',
      'groups.owner_id',
      'owner.name as owner_name',
      'groups.created_at',
      'groups.updated_at',
      'groups.version',
      sql<number>`(SELECT count(*)::int FROM group_members gm WHERE gm.group_id = groups.id)`.as('member_count'),
    ]);
}

/** Shared groups and the reader's personal ones; personal groups of others never show. */
export function listVisibleGroups(db: Executor, userId: string, recordId?: string): Promise<GroupJoinedRow[]> {
  let query = selectGroups(db).where((eb) => eb.or([eb('groups.shared', '=', true), eb('groups.owner_id', '=', userId)]));
  if (recordId) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('group_members as m').select('m.group_id').whereRef('m.group_id', '=', 'groups.id').where('m.record_id', '=', recordId)),
    );
  }
  return query.orderBy(sql`lower(groups.name)`).orderBy('groups.id').execute() as Promise<GroupJoinedRow[]>;
}

export function findGroup(db: Executor, id: string): Promise<GroupJoinedRow | undefined> {
  return selectGroups(db).where('groups.id', '=', id).executeTakeFirst() as Promise<GroupJoinedRow | undefined>;
}

export async function insertGroup(
  db: Executor,
  row: { id: string; name: string; description: string | null; shared: boolean; owner_id: string },
): Promise<void> {
  await db.insertInto('groups').values({ ...row, created_by: row.owner_id, updated_at: new Date() }).execute();
}

export async function updateGroupVersioned(db: Executor, id: string, version: number, changes: Updateable<GroupsTable>): Promise<boolean> {
  const result = await db
    .updateTable('groups')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteGroup(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

const clientTable = (type: ClientType) => (type === 'organization' ? 'organizations' : 'persons');

/** Of these ids, the records of this type the scope lets the reader see (not in the recycle bin unless asked). */
export async function visibleRecordIds(
  db: Executor,
  type: ClientType,
  ids: readonly string[],
  scope: Expression<SqlBool>,
  opts: { includeDeleted?: boolean } = {},
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // The scope filter's SQL names the table itself, so the table is not aliased here.
  let query = db.selectFrom(clientTable(type)).select('id').where('id', 'in', [...ids]).where(scope);
  if (!opts.includeDeleted) query = query.where('deleted_at', 'is', null);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.id));
}

/** Adds members; records already in the group stay as they were. Returns how many were new. */
export async function addMembers(db: Executor, groupId: string, type: ClientType, ids: readonly string[], addedBy: string): Promise<number> {
  let added = 0;
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const result = await db
      .insertInto('group_members')
      .values(chunk.map((recordId) => ({ group_id: groupId, record_type: type, record_id: recordId, added_by: addedBy })))
      .onConflict((oc) => oc.columns(['group_id', 'record_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/** Removes these records from the group, only those the reader may see (the recycle bin's too). */
export async function removeMembers(
  db: Executor,
  groupId: string,
  ids: readonly string[],
  scopes: Record<ClientType, Expression<SqlBool>>,
): Promise<number> {
  const result = await db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('record_id', 'in', [...ids])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('record_type', '=', 'organization'),
          eb('record_id', 'in', eb.selectFrom('organizations').select('organizations.id').where(scopes.organization)),
        ]),
        eb.and([
          eb('record_type', '=', 'person'),
          eb('record_id', 'in', eb.selectFrom('persons').select('persons.id').where(scopes.person)),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function memberCount(db: Executor, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('group_members')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
