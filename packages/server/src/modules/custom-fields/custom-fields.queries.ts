import { sql, type Kysely, type Updateable } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { CustomFieldDefRow, CustomFieldDefsTable, DB } from '../../db/schema.js';

type Executor = Kysely<DB>;

export function listDefs(db: Executor, filter: { objectType?: ClientType; includeInactive: boolean }): Promise<CustomFieldDefRow[]> {
  let query = db.selectFrom('custom_field_defs').selectAll();
  if (filter.objectType) query = query.where('object_type', '=', filter.objectType);
  if (!filter.includeInactive) query = query.where('active', '=', true);
  return query
    .orderBy('object_type')
    .orderBy(sql`coalesce(section, '')`)
    .orderBy('position')
    .orderBy('label')
    .execute();
}

export function findDef(db: Executor, id: string): Promise<CustomFieldDefRow | undefined> {
  return db.selectFrom('custom_field_defs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Keys already used for this object type (deactivated fields keep theirs: their values still sit in records). */
export async function keysOf(db: Executor, objectType: ClientType): Promise<Set<string>> {
  const rows = await db.selectFrom('custom_field_defs').select('key').where('object_type', '=', objectType).execute();
  return new Set(rows.map((r) => r.key));
}

export async function insertDef(db: Executor, row: {
  id: string;
  object_type: ClientType;
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string;
  section: string | null;
  position: number;
  created_by: string | null;
}): Promise<void> {
  await db.insertInto('custom_field_defs').values({ ...row, updated_at: new Date() }).execute();
}

export async function updateDefVersioned(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<CustomFieldDefsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('custom_field_defs')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function nextPosition(db: Executor, objectType: ClientType): Promise<number> {
  const row = await db
    .selectFrom('custom_field_defs')
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where('object_type', '=', objectType)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

/** Does any record (the recycle bin included) hold a value under this key? */
export async function valuesExist(db: Executor, objectType: ClientType, key: string): Promise<boolean> {
  const table = sql.table(objectType === 'organization' ? 'organizations' : 'persons');
  const result = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${table} WHERE jsonb_exists(custom, ${key})) AS found`.execute(db);
  return result.rows[0]?.found === true;
}

/** Which of these option values records (the recycle bin included) hold under this key. */
export async function optionsInUse(db: Executor, objectType: ClientType, key: string, values: readonly string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const table = sql.table(objectType === 'organization' ? 'organizations' : 'persons');
  // `@>` matches a choice ("a") and a multiple choice (["a", "b"]) alike.
  const result = await sql<{ value: string }>`
    SELECT v AS value FROM unnest(${[...values]}::text[]) AS v
    WHERE EXISTS (SELECT 1 FROM ${table} WHERE (custom -> ${key}) @> to_jsonb(v))`.execute(db);
  return result.rows.map((r) => r.value);
}
