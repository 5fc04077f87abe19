import { sql, type Selectable } from 'kysely';
import type { TaskTypeRow, TasksTable } from '../../db/schema.js';
import type { Executor } from './task-dto.js';

/** The database side of writing tasks (reading them for the API is task-dto.ts). */

export type TaskRow = Selectable<TasksTable>;
export interface TaskWriteRow extends TaskRow {
  responsible_department_id: string | null;
  participant_ids: string[];
}

const ids = (list: readonly string[]) => sql`${[...list]}::uuid[]`;

/** Tasks with what access decisions need, locked for the rest of the transaction. */
export async function findForWrite(db: Executor, taskIds: readonly string[], lock = true): Promise<TaskWriteRow[]> {
  if (taskIds.length === 0) return [];
  const result = await sql<TaskWriteRow>`
    SELECT t.*, (SELECT u.department_id FROM users u WHERE u.id = t.responsible_id) AS responsible_department_id,
      coalesce((SELECT array_agg(tp.user_id ORDER BY tp.user_id) FROM task_participants tp WHERE tp.task_id = t.id), '{}') AS participant_ids
    FROM tasks t WHERE t.id = ANY(${ids(taskIds)})
    ${lock ? sql`FOR UPDATE OF t` : sql``}`.execute(db);
  return result.rows.map((r) => ({ ...r, participant_ids: normalizeUuidArray(r.participant_ids) }));
}

export async function findOneForWrite(db: Executor, id: string, lock = true): Promise<TaskWriteRow | undefined> {
  return (await findForWrite(db, [id], lock))[0];
}

/** PGlite returns uuid[] as text ('{a,b}') where pg parses it; both become string[]. */
function normalizeUuidArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}

export async function findType(db: Executor, id: string): Promise<TaskTypeRow | undefined> {
  return db.selectFrom('task_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function usersById(db: Executor, userIds: readonly string[]): Promise<Map<string, { id: string; name: string; active: boolean }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'active']).where('id', 'in', [...new Set(userIds)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Live descendants of tasks (children and grandchildren), parents first. */
export async function descendants(db: Executor, parentIds: readonly string[]): Promise<TaskRow[]> {
  if (parentIds.length === 0) return [];
  const result = await sql<TaskRow>`
    WITH RECURSIVE d AS (
      SELECT t.* FROM tasks t WHERE t.parent_id = ANY(${ids(parentIds)}) AND t.deleted_at IS NULL
      UNION ALL
      SELECT t.* FROM tasks t JOIN d ON t.parent_id = d.id WHERE t.deleted_at IS NULL
    )
    SELECT * FROM d ORDER BY depth, id`.execute(db);
  return result.rows;
}

/** How many levels hang below a task: 0 without children, 1 with children, 2 with grandchildren. */
export async function subtreeHeight(db: Executor, id: string): Promise<number> {
  const rows = await descendants(db, [id]);
  if (rows.length === 0) return 0;
  const base = (await db.selectFrom('tasks').select('depth').where('id', '=', id).executeTakeFirstOrThrow()).depth;
  return Math.max(...rows.map((r) => r.depth)) - base;
}

export async function isDescendantOf(db: Executor, candidate: string, ancestor: string): Promise<boolean> {
  return (await descendants(db, [ancestor])).some((r) => r.id === candidate);
}

export interface ClientRow {
  id: string;
  organization_id?: string | null;
  responsible_id: string | null;
  created_by: string | null;
  responsible_department_id: string | null;
  deleted_at: Date | null;
}

export async function findClient(db: Executor, type: 'organization' | 'person', id: string): Promise<ClientRow | undefined> {
  const table = sql.raw(type === 'organization' ? 'organizations' : 'persons');
  const organization = sql.raw(type === 'person' ? 'c.organization_id,' : '');
  const result = await sql<ClientRow>`
    SELECT c.id, ${organization} c.responsible_id, c.created_by, c.deleted_at,
      (SELECT u.department_id FROM users u WHERE u.id = c.responsible_id) AS responsible_department_id
    FROM ${table} c WHERE c.id = ${id}`.execute(db);
  return result.rows[0];
}

export async function isEmployed(db: Executor, personId: string, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('employments')
    .select('id')
    .where('person_id', '=', personId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (row) return true;
  const primary = await db.selectFrom('persons').select('organization_id').where('id', '=', personId).executeTakeFirst();
  return primary?.organization_id === organizationId;
}

export async function replaceParticipants(db: Executor, taskId: string, userIds: readonly string[]): Promise<void> {
  const kept = [...new Set(userIds)];
  let del = db.deleteFrom('task_participants').where('task_id', '=', taskId);
  if (kept.length > 0) del = del.where('user_id', 'not in', kept);
  await del.execute();
  if (kept.length > 0) {
    await db
      .insertInto('task_participants')
      .values(kept.map((user_id) => ({ task_id: taskId, user_id })))
      .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
      .execute();
  }
}

export async function insertParticipants(db: Executor, rows: readonly { task_id: string; user_id: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('task_participants').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Later occurrences of a series that a "this and following" change reaches: open, not edited on their own. */
export async function followingOccurrences(db: Executor, seriesId: string, after: Date, exceptId: string): Promise<TaskWriteRow[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('occurrence_at', '>', after)
    .where('id', '<>', exceptId)
    .where('deleted_at', 'is', null)
    .where('detached', '=', false)
    .where('status', 'in', ['planned', 'in_progress'])
    .orderBy('occurrence_at')
    .execute();
  return findForWrite(
    db,
    rows.map((r) => r.id),
  ).then((found) => found.sort((a, b) => a.occurrence_at!.getTime() - b.occurrence_at!.getTime()));
}

export async function hasEarlierOccurrences(db: Executor, seriesId: string, before: Date): Promise<boolean> {
  return !!(await db
    .selectFrom('tasks')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('occurrence_at', '<', before)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst());
}
