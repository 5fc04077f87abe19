import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, DepartmentRow } from '../../db/schema.js';
import { keysetCondition, orderBy, type SortSpec } from '../../platform/pagination.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface DepartmentJoinedRow extends DepartmentRow {
  head_name: string | null;
  user_count: number | null;
}

function selectJoined(db: Executor) {
  return db
    .selectFrom('departments')
    .leftJoin('users as heads', 'heads.id', 'departments.head_id')
    .selectAll('departments')
    .select((eb) => [
      'heads.name as head_name',
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('users.department_id', '=', 'departments.id')
        .as('user_count'),
    ]);
}

export async function findDepartment(db: Executor, id: string): Promise<DepartmentJoinedRow | undefined> {
  return selectJoined(db).where('departments.id', '=', id).executeTakeFirst();
}

export interface DepartmentListFilter {
  scope: Expression<SqlBool>;
  q?: string | undefined;
  parentId?: string | undefined;
  sort: SortSpec;
  cursor?: (string | number | null)[] | undefined;
  limit: number;
}

export async function listDepartments(db: Executor, filter: DepartmentListFilter): Promise<DepartmentJoinedRow[]> {
  let query = selectJoined(db).where(filter.scope);
  if (filter.q) query = query.where('departments.name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.parentId) query = query.where('departments.parent_id', '=', filter.parentId);
  const cursor = filter.cursor;
  if (cursor) query = query.where((eb) => keysetCondition(eb, filter.sort, 'departments.id', cursor));
  const [first, second] = orderBy(filter.sort, 'departments.id');
  return query.orderBy(first!).orderBy(second!).limit(filter.limit + 1).execute();
}

/** Ids of the department and every department below it. */
export async function subtreeIds(db: Executor, id: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (
      SELECT id FROM departments WHERE id = ${id}
      UNION
      SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id
    )
    SELECT id FROM tree`.execute(db);
  return rows.map((r) => r.id);
}

export async function hasChildrenOrUsers(db: Executor, id: string): Promise<boolean> {
  const child = await db.selectFrom('departments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
  if (child) return true;
  const user = await db.selectFrom('users').select('id').where('department_id', '=', id).limit(1).executeTakeFirst();
  return !!user;
}
