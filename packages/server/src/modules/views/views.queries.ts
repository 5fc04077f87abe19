import { sql, type Kysely, type Updateable } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB, SavedViewsTable } from '../../db/schema.js';

type Executor = Kysely<DB>;

export interface SavedViewJoinedRow {
  id: string;
  object_type: string;
  name: string;
  shared: boolean;
  owner_id: string;
  owner_name: string;
  definition: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function selectViews(db: Executor) {
  return db
    .selectFrom('saved_views')
    .innerJoin('users as owner', 'owner.id', 'saved_views.owner_id')
    .select([
      'saved_views.id',
      'saved_views.object_type',
      'saved_views.name',
      'saved_views.shared',
      'saved_views.owner_id',
      'owner.name as owner_name',
      'saved_views.definition',
      'saved_views.created_at',
      'saved_views.updated_at',
      'saved_views.version',
    ]);
}

/** The reader's own views first, then shared ones, each by name. */
export function listVisibleViews(db: Executor, userId: string, objectType: ClientType): Promise<SavedViewJoinedRow[]> {
  return selectViews(db)
    .where('saved_views.object_type', '=', objectType)
    .where((eb) => eb.or([eb('saved_views.owner_id', '=', userId), eb('saved_views.shared', '=', true)]))
    .orderBy(sql`saved_views.owner_id = ${userId}`, 'desc')
    .orderBy(sql`lower(saved_views.name)`)
    .orderBy('saved_views.id')
    .execute();
}

export function findView(db: Executor, id: string): Promise<SavedViewJoinedRow | undefined> {
  return selectViews(db).where('saved_views.id', '=', id).executeTakeFirst();
}

export async function insertView(
  db: Executor,
  row: { id: string; object_type: ClientType; name: string; owner_id: string; shared: boolean; definition: string },
): Promise<void> {
  await db.insertInto('saved_views').values({ ...row, updated_at: new Date() }).execute();
}

export async function updateViewVersioned(db: Executor, id: string, version: number, changes: Updateable<SavedViewsTable>): Promise<boolean> {
  const result = await db
    .updateTable('saved_views')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteView(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}

/** Every custom field of the type, active or not, for checking the fields a view names. */
export function allCustomDefs(db: Executor, objectType: ClientType) {
  return db.selectFrom('custom_field_defs').selectAll().where('object_type', '=', objectType).execute();
}
