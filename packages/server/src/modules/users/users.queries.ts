import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, NewUser, UserUpdate } from '../../db/schema.js';
import { keysetCondition, orderBy, type SortSpec } from '../../platform/pagination.js';
import { toMeDto, type UserJoinedRow } from './users.mapper.js';

type Executor = Kysely<DB> | Transaction<DB>;

function selectJoined(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('users as managers', 'managers.id', 'users.manager_id')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .selectAll('users')
    .select(['departments.name as department_name', 'managers.name as manager_name', 'roles.name as role_name']);
}

export async function findUserById(db: Executor, id: string): Promise<UserJoinedRow | undefined> {
  return selectJoined(db).where('users.id', '=', id).executeTakeFirst();
}

export interface UserListFilter {
  scope: Expression<SqlBool>;
  q?: string | undefined;
  /** Employees of any of these departments. */
  departmentIds?: readonly string[] | undefined;
  roleId?: string | undefined;
  active?: boolean | undefined;
  sort: SortSpec;
  cursor?: (string | number | null)[] | undefined;
  limit: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE of the employee list, shared by the page query and its count. */
function matching(filter: Omit<UserListFilter, 'sort' | 'cursor' | 'limit'>): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [filter.scope];
  if (filter.q) conditions.push(sql<SqlBool>`users.search_text LIKE lower(${`%${escapeLike(filter.q)}%`})`);
  if (filter.departmentIds) conditions.push(sql<SqlBool>`users.department_id = ANY(${[...filter.departmentIds]}::uuid[])`);
  if (filter.roleId) conditions.push(sql<SqlBool>`users.role_id = ${filter.roleId}`);
  if (filter.active !== undefined) conditions.push(sql<SqlBool>`users.active = ${filter.active}`);
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

export async function countMatchingUsers(db: Executor, filter: Omit<UserListFilter, 'sort' | 'cursor' | 'limit'>): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where(matching(filter)).executeTakeFirstOrThrow();
  return row.n;
}

export async function listUsers(db: Executor, filter: UserListFilter): Promise<UserJoinedRow[]> {
  let query = selectJoined(db).where(matching(filter));
  const cursor = filter.cursor;
  if (cursor) query = query.where((eb) => keysetCondition(eb, filter.sort, 'users.id', cursor));
  const [first, second] = orderBy(filter.sort, 'users.id');
  return query.orderBy(first!).orderBy(second!).limit(filter.limit + 1).execute();
}

export async function insertUser(db: Executor, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

/** Optimistic update: touches the row only when its version still matches; returns whether it did. */
export async function updateUserVersioned(db: Executor, id: string, version: number, patch: UserUpdate): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function emailTaken(db: Executor, email: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('users').select('id').where('email', '=', email);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** What the session cache keeps of a user (see platform/auth/actor.ts). */
export async function loadMeProfile(db: Executor, userId: string) {
  const row = await findUserById(db, userId);
  return row && { me: toMeDto(row), active: row.active, departmentId: row.department_id, roleId: row.role_id };
}
