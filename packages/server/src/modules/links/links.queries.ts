import type { Expression, Kysely, SqlBool } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB>;

export interface ClientRecordRow {
  id: string;
  name: string;
  deleted: boolean;
}

/**
 * Records of one type among `ids` that pass `scope` (the access filter's SQL names the table itself, so it
 * is not aliased here), with their display names.
 */
export async function recordsInScope(db: Executor, type: ClientType, ids: readonly string[], scope: Expression<SqlBool>): Promise<Map<string, ClientRecordRow>> {
  if (ids.length === 0) return new Map();
  const rows =
    type === 'organization'
      ? await db.selectFrom('organizations').select(['id', 'name', 'deleted_at']).where('id', 'in', [...ids]).where(scope).execute()
      : await db.selectFrom('persons').select(['id', 'full_name as name', 'deleted_at']).where('id', 'in', [...ids]).where(scope).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, deleted: r.deleted_at !== null }]));
}

export async function recordExists(db: Executor, type: ClientType, id: string): Promise<boolean> {
  const row = await db.selectFrom(type === 'organization' ? 'organizations' : 'persons').select('id').where('id', '=', id).executeTakeFirst();
  return !!row;
}

export function linksOf(db: Executor, recordId: string) {
  return db
    .selectFrom('record_links')
    .selectAll()
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findLink(db: Executor, id: string) {
  return db.selectFrom('record_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function sameLinkExists(db: Executor, link: { fromId: string; toId: string; label: string }): Promise<boolean> {
  const row = await db
    .selectFrom('record_links')
    .select('id')
    .where('from_id', '=', link.fromId)
    .where('to_id', '=', link.toId)
    .where('label', '=', link.label)
    .executeTakeFirst();
  return !!row;
}

export async function insertLink(
  db: Executor,
  row: { id: string; from_type: ClientType; from_id: string; to_type: ClientType; to_id: string; label: string; created_by: string },
): Promise<void> {
  await db.insertInto('record_links').values(row).execute();
}

export async function deleteLink(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('record_links').where('id', '=', id).execute();
}
