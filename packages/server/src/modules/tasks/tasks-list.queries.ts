import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { TASK_SORTS, TASK_STATUSES, TASK_VIEWS } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { scopeFilter, scopeFor, type AccessSubject } from '../../platform/access/access.js';
import { AppError } from '../../platform/errors.js';
import { escapeLike } from '../search/search.queries.js';
import { overdueSql } from './task-dto.js';

/**
 * The SQL of task lists: which rows a view and its filters select, in which order, and where the next keyset
 * page starts. Queries return ids (and the printed sort values for the cursor); the list items themselves come
 * from `loadTaskItems`, so every list shows a task exactly as the card does.
 *
 * Orders and the indexes that serve them (migrations 0006 and 0008), checked with EXPLAIN over 400,000 tasks:
 * - `at` / `-at`: `(at, id)`. "Mine" walks `tasks_responsible_at_idx (responsible_id, at, id)`, "controlled"
 *   `tasks_controller_at_idx`, an administrator's or a head's lists `tasks_at_idx (at, id)` with the scope
 *   filter evaluated while scanning. The keyset condition `(at, id) > (…)` is an index condition, so a deep
 *   page costs what the first does.
 * - `due`: the deadline, tasks without one last (`coalesce(due_at, 'infinity')` keeps the key non-null, so one
 *   row comparison pages through both); `priority`: high → low, then `at`; `-created`: newest first. Each has
 *   an index of the same expression (`tasks_due_idx`, `tasks_priority_idx`, `tasks_created_at_idx`); within
 *   one person's tasks the planner rather sorts those few.
 * - A manager's "all" is a union of index walks (see `branchesOf`); measured there: first page 1.6 ms of SQL
 *   where the walk over all tasks by time took 17 ms, and the next page 117 ms.
 */
export type Executor = Kysely<DB> | Transaction<DB>;

export type TaskView = (typeof TASK_VIEWS)[number];
export type TaskSortKey = (typeof TASK_SORTS)[number];
type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskListFilter {
  view?: TaskView | undefined;
  status?: TaskStatus | TaskStatus[] | undefined;
  open?: boolean | undefined;
  overdue?: boolean | undefined;
  typeId?: string | string[] | undefined;
  organizationId?: string | undefined;
  personId?: string | undefined;
  responsibleId?: string | undefined;
  resultKey?: string | undefined;
  parentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

type Cast = 'timestamptz' | 'int';

interface SortPart {
  expr: RawBuilder<unknown>;
  cast: Cast;
}

export interface TaskSort {
  key: TaskSortKey;
  parts: SortPart[];
  direction: 'asc' | 'desc';
}

const AT: SortPart = { expr: sql`tasks.at`, cast: 'timestamptz' };
const SORTS: Record<TaskSortKey, TaskSort> = {
  at: { key: 'at', parts: [AT], direction: 'asc' },
  '-at': { key: '-at', parts: [AT], direction: 'desc' },
  due: { key: 'due', parts: [{ expr: sql`coalesce(tasks.due_at, 'infinity'::timestamptz)`, cast: 'timestamptz' }], direction: 'asc' },
  priority: {
    key: 'priority',
    parts: [{ expr: sql`(CASE tasks.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END)`, cast: 'int' }, AT],
    direction: 'asc',
  },
  '-created': { key: '-created', parts: [{ expr: sql`tasks.created_at`, cast: 'timestamptz' }], direction: 'desc' },
};

export function taskSort(key: TaskSortKey | undefined): TaskSort {
  return SORTS[key ?? 'at'];
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const uuids = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;
const OPEN = sql<SqlBool>`tasks.status IN ('planned', 'in_progress')`;

/**
 * A part of a list: extra rows joined and a condition. A view is one branch, except where an OR over several
 * columns would stop every index from serving the order: then each branch walks its own index in the list's
 * order, takes one page, and the union of those pages is sorted and cut to a page (see `pageQuery`).
 */
export interface Branch {
  join?: RawBuilder<unknown>;
  cond?: Expression<SqlBool>;
  /** The participants' copy of `tasks.at` (kept equal by triggers, migration 0010), indexed by `(user_id, at)`. */
  at?: RawBuilder<unknown>;
}

export interface TaskListPlan {
  where: Expression<SqlBool>;
  branches: Branch[];
}

function participantBranch(userId: string): Branch {
  return { join: sql`JOIN task_participants tp ON tp.task_id = tasks.id AND tp.user_id = ${userId}`, at: sql`tp.at` };
}

/** The rows a view selects (besides the role's scope, which is always ANDed as well). */
function viewCondition(actor: AccessSubject, view: TaskView): Expression<SqlBool> | undefined {
  const me = actor.userId;
  switch (view) {
    case 'mine':
      return sql<SqlBool>`tasks.responsible_id = ${me}`;
    case 'department':
      if (actor.departmentScope.length === 0) return sql<SqlBool>`FALSE`;
      return sql<SqlBool>`tasks.responsible_id IN (SELECT u.id FROM users u WHERE u.department_id = ANY(${uuids(actor.departmentScope)}))`;
    case 'assigned_by_me':
      // The last term follows from the others; it lets open lists use the partial `tasks_assigned_open_idx`.
      return sql<SqlBool>`(tasks.created_by = ${me} AND tasks.responsible_id <> ${me} AND tasks.responsible_id <> tasks.created_by)`;
    case 'controlled':
      return sql<SqlBool>`tasks.controller_id = ${me}`;
    case 'participating':
    case 'all':
      return undefined;
  }
}

/**
 * Where a view's rows come from. "Participating" walks the actor's participations by time. "All" for a role
 * that sees only its own tasks is the union of the four ways of taking part (responsible, author, controller,
 * participant): with an OR of them, the walk over all tasks by time would pass every colleague's task.
 */
function branchesOf(actor: AccessSubject, view: TaskView): Branch[] {
  const me = actor.userId;
  if (view === 'participating') return [participantBranch(me)];
  if (view === 'all' && ['own', 'none'].includes(scopeFor(actor, 'view', 'task'))) {
    return [
      { cond: sql<SqlBool>`tasks.responsible_id = ${me}` },
      { cond: sql<SqlBool>`tasks.created_by = ${me}` },
      { cond: sql<SqlBool>`tasks.controller_id = ${me}` },
      participantBranch(me),
    ];
  }
  return [{}];
}

/** Every condition of a list over the table named `tasks`: live rows, the view, the filters and the access scope. */
export function taskListWhere(actor: AccessSubject, f: TaskListFilter, now: Date = new Date()): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`tasks.deleted_at IS NULL`];
  const view = viewCondition(actor, f.view ?? 'all');
  if (view) conditions.push(view);
  const statuses = asArray(f.status);
  if (statuses.length > 0) conditions.push(sql<SqlBool>`tasks.status = ANY(${statuses}::text[])`);
  if (f.open === true) conditions.push(OPEN);
  if (f.open === false) conditions.push(sql<SqlBool>`tasks.status IN ('done', 'cancelled')`);
  if (f.overdue === true) conditions.push(overdueSql(now));
  if (f.overdue === false) conditions.push(sql<SqlBool>`NOT ${overdueSql(now)}`);
  const types = asArray(f.typeId);
  if (types.length > 0) conditions.push(sql<SqlBool>`tasks.type_id = ANY(${uuids(types)})`);
  if (f.organizationId) conditions.push(sql<SqlBool>`tasks.organization_id = ${f.organizationId}`);
  if (f.personId) conditions.push(sql<SqlBool>`tasks.person_id = ${f.personId}`);
  if (f.responsibleId) conditions.push(sql<SqlBool>`tasks.responsible_id = ${f.responsibleId}`);
  if (f.resultKey) conditions.push(sql<SqlBool>`tasks.result_key = ${f.resultKey}`);
  if (f.parentId) conditions.push(sql<SqlBool>`tasks.parent_id = ${f.parentId}`);
  if (f.from) conditions.push(sql<SqlBool>`tasks.at >= ${f.from}::timestamptz`);
  if (f.to) conditions.push(sql<SqlBool>`tasks.at < ${f.to}::timestamptz`);
  if (f.q) conditions.push(sql<SqlBool>`tasks.title ILIKE ${`%${escapeLike(f.q)}%`}`);
  conditions.push(scopeFilter(actor, 'view', 'task'));
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

export function planTaskList(actor: AccessSubject, f: TaskListFilter, now: Date = new Date()): TaskListPlan {
  return { where: taskListWhere(actor, f, now), branches: branchesOf(actor, f.view ?? 'all') };
}

// ---------- keyset cursors ----------

/** Where a page ends: the sort it belongs to, the last row's sort values as the database prints them, its id. */
export interface TaskCursor {
  values: string[];
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_VALUE: Record<Cast, RegExp> = {
  timestamptz: /^(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2})?)$/,
  int: /^-?\d{1,9}$/,
};

export function encodeTaskCursor(sort: TaskSort, values: string[], id: string): string {
  return Buffer.from(JSON.stringify([sort.key, ...values, id])).toString('base64url');
}

export function decodeTaskCursor(cursor: string | undefined, sort: TaskSort): TaskCursor | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === sort.parts.length + 2 && parsed[0] === sort.key) {
      const values = parsed.slice(1, -1) as unknown[];
      const id = parsed[parsed.length - 1] as unknown;
      const valid = values.every((v, i) => typeof v === 'string' && CURSOR_VALUE[sort.parts[i]!.cast].test(v));
      if (valid && typeof id === 'string' && UUID.test(id)) return { values: values as string[], id };
    }
  } catch {
    // answered below
  }
  throw invalidCursor();
}

const invalidCursor = () => new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });

/** The sort parts of a branch: the participants' indexed copy of `at` where the branch has one. */
function partsOf(sort: TaskSort, branch: Branch): RawBuilder<unknown>[] {
  return sort.parts.map((p) => (p === AT && branch.at ? branch.at : p.expr));
}

/**
 * `(k1, k2, id) > (v1, v2, id)` (or `<` descending): one row comparison, an index condition where an index
 * fits. The bound on the first key alone is implied, but lets an index whose key is only a prefix (the
 * participants' `(user_id, at)`) start at the cursor instead of the beginning of the range.
 */
export function keysetAfter(sort: TaskSort, after: TaskCursor, branch: Branch = {}): Expression<SqlBool> {
  const parts = partsOf(sort, branch);
  const value = (i: number) => sql`${after.values[i]}::${sql.raw(sort.parts[i]!.cast)}`;
  const left = sql.join([...parts, sql`tasks.id`]);
  const right = sql.join([...sort.parts.map((_, i) => value(i)), sql`${after.id}::uuid`]);
  const asc = sort.direction === 'asc';
  return sql<SqlBool>`${parts[0]} ${sql.raw(asc ? '>=' : '<=')} ${value(0)} AND (${left}) ${sql.raw(asc ? '>' : '<')} (${right})`;
}

function orderOf(sort: TaskSort, parts: RawBuilder<unknown>[], id: RawBuilder<unknown>): RawBuilder<unknown> {
  const dir = sql.raw(sort.direction === 'asc' ? 'ASC' : 'DESC');
  return sql.join([...parts.map((p) => sql`${p} ${dir}`), sql`${id} ${dir}`]);
}

export interface IdRow {
  id: string;
  [sortValue: `sort_${number}`]: string;
}

export interface IdPage {
  ids: string[];
  nextCursor: string | null;
}

/** `limit + 1` rows say whether another page exists; the cursor is built from the last row kept. */
export function toIdPage(rows: IdRow[], limit: number, sort: TaskSort): IdPage {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    ids: kept.map((r) => r.id),
    nextCursor: hasMore && last ? encodeTaskCursor(sort, sort.parts.map((_, i) => last[`sort_${i}`]!), last.id) : null,
  };
}

function branchWhere(plan: TaskListPlan, branch: Branch, sort: TaskSort, after: TaskCursor | undefined): Expression<SqlBool> {
  const conditions = [plan.where];
  if (branch.cond) conditions.push(branch.cond);
  if (after) conditions.push(keysetAfter(sort, after, branch));
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

/**
 * A keyset page. One branch is one index walk. Several branches each take a page in the same order from
 * their own index, and the union (a task found twice counts once) is sorted and cut again: the page of the
 * whole is always within the pages of its parts.
 */
export function pageQuery(plan: TaskListPlan, sort: TaskSort, limit: number, after: TaskCursor | undefined): RawBuilder<IdRow> {
  const one = (branch: Branch, text: boolean) => {
    const values = sort.parts.map((p, i) => (text ? sql`(${p.expr})::text AS ${sql.ref(`sort_${i}`)}` : sql`${p.expr} AS ${sql.ref(`s_${i}`)}`));
    return sql`SELECT tasks.id, ${sql.join(values)} FROM tasks ${branch.join ?? sql``}
      WHERE ${branchWhere(plan, branch, sort, after)}
      ORDER BY ${orderOf(sort, partsOf(sort, branch), sql`tasks.id`)}
      LIMIT ${limit + 1}`;
  };
  if (plan.branches.length === 1) return sql<IdRow>`${one(plan.branches[0]!, true)}`;
  const union = sql.join(plan.branches.map((b) => sql`(${one(b, false)})`), sql` UNION `);
  const printed = sort.parts.map((_, i) => sql`${sql.ref(`u.s_${i}`)}::text AS ${sql.ref(`sort_${i}`)}`);
  const outer = sort.parts.map((_, i) => sql.ref(`u.s_${i}`) as RawBuilder<unknown>);
  return sql<IdRow>`SELECT u.id, ${sql.join(printed)} FROM (${union}) u ORDER BY ${orderOf(sort, outer, sql`u.id`)} LIMIT ${limit + 1}`;
}

export async function selectIdPage(db: Executor, plan: TaskListPlan, sort: TaskSort, limit: number, after: TaskCursor | undefined): Promise<IdPage> {
  try {
    const { rows } = await pageQuery(plan, sort, limit, after).execute(db);
    return toIdPage(rows, limit, sort);
  } catch (error) {
    // The cursor's values have the shape of the database's own printing; one it still refuses (30 February,
    // year 0) was not made by this server.
    const code = (error as { code?: unknown })?.code;
    if (after && typeof code === 'string' && code.startsWith('22')) throw invalidCursor();
    throw error;
  }
}

/** How many tasks a list holds: a separate query, so the first page never waits for it. */
export async function countTaskList(db: Executor, plan: TaskListPlan): Promise<number> {
  const one = (b: Branch) => sql`SELECT tasks.id FROM tasks ${b.join ?? sql``} WHERE ${branchWhere(plan, b, taskSort('at'), undefined)}`;
  const ids = plan.branches.length === 1 ? one(plan.branches[0]!) : sql.join(plan.branches.map(one), sql` UNION `);
  const { rows } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (${ids}) c`.execute(db);
  return rows[0]?.total ?? 0;
}

export async function explainQuery(db: Executor, query: RawBuilder<unknown>, analyze = false): Promise<string> {
  const explain = sql.raw(analyze ? 'EXPLAIN (ANALYZE, BUFFERS OFF)' : 'EXPLAIN');
  const { rows } = await sql<Record<string, string>>`${explain} ${query}`.execute(db);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}
