import { sql, type Kysely, type SqlBool, type Transaction, type Expression } from 'kysely';
import type { TaskDto, TaskListItemDto, TaskNotify } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { can, type RecordOwnership } from '../../platform/access/access.js';
import type { AccessSubject } from '../../platform/access/access.js';
import { loadReminders } from './task-reminders.js';

/**
 * Tasks as the API shows them, loaded by ids in a fixed number of queries whatever the number of tasks:
 * one for the rows with every name they show (type, client, responsible, controller, author, series rule),
 * one for the participants, one for the children's progress and, for the full card, one for reminders.
 * Lists, timelines, "my day", the calendar and the write side all build their answers here.
 *
 * The loader does not filter: callers pick the ids (through `scopeFilter` for lists) and drop deleted rows.
 */
export type Executor = Kysely<DB> | Transaction<DB>;

/** What a task row needs for access decisions. */
export interface TaskOwnerRow {
  responsible_id: string;
  created_by: string | null;
  controller_id: string | null;
  responsible_department_id?: string | null;
  participant_ids?: readonly string[];
}

/**
 * The same rules as `OWNERSHIP_SQL.task`: responsible, author and controller own a task; its department is
 * the responsible's; participants always see it (but own it only if they are one of the three).
 */
export function taskOwnership(row: TaskOwnerRow): RecordOwnership {
  return {
    ownerIds: [row.responsible_id, row.created_by, row.controller_id],
    departmentIds: [row.responsible_department_id ?? null],
    viewerIds: [row.responsible_id, row.created_by, row.controller_id, ...(row.participant_ids ?? [])],
  };
}

/**
 * When an open task becomes overdue: at its deadline; an event without a deadline (a meeting, a call at a
 * time) at its end, else at its start. All-day tasks follow iCalendar, as the web form and the calendar send
 * them: the start is the local midnight of the first day, the end the midnight after the last day, a
 * deadline the last moment of its day; so only an all-day task with nothing but a start waits a day.
 * Done and cancelled tasks are never overdue.
 */
export function taskDeadline(row: { due_at: Date | null; ends_at: Date | null; starts_at: Date | null; all_day: boolean }): Date | null {
  const moment = row.due_at ?? row.ends_at ?? row.starts_at;
  if (!moment) return null;
  return row.all_day && !row.due_at && !row.ends_at ? new Date(moment.getTime() + 86_400_000) : moment;
}

export function isOverdue(
  row: { status: string; due_at: Date | null; ends_at: Date | null; starts_at: Date | null; all_day: boolean },
  now: Date = new Date(),
): boolean {
  if (row.status !== 'planned' && row.status !== 'in_progress') return false;
  const deadline = taskDeadline(row);
  return deadline !== null && deadline.getTime() < now.getTime();
}

/**
 * `taskDeadline` in SQL over the table named `tasks` (keep the two in step). The shift is added to the
 * indexed `coalesce(…)` rather than folded into it, so `tasks_overdue_idx` still serves range scans.
 */
export const taskDeadlineSql = sql<Date>`(coalesce(tasks.due_at, tasks.ends_at, tasks.starts_at)
  + CASE WHEN tasks.all_day AND tasks.due_at IS NULL AND tasks.ends_at IS NULL THEN interval '1 day' ELSE interval '0' END)`;

/** `isOverdue` in SQL over the table named `tasks`, for list filters and counters. */
export function overdueSql(now: Date = new Date()): Expression<SqlBool> {
  return sql<SqlBool>`(tasks.status IN ('planned', 'in_progress') AND ${taskDeadlineSql} < ${now})`;
}

export interface TaskDtoRow {
  id: string;
  parent_id: string | null;
  depth: number;
  type_id: string;
  type_key: string | null;
  type_name: string | null;
  type_icon: string;
  type_color: string;
  title: string;
  description: string | null;
  organization_id: string | null;
  organization_name: string | null;
  organization_deleted: boolean | null;
  person_id: string | null;
  person_name: string | null;
  person_deleted: boolean | null;
  deal_id: string | null;
  status: string;
  priority: string;
  interest: number | null;
  direction: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  all_day: boolean;
  at: Date;
  completed_at: Date | null;
  minutes_spent: number | null;
  planned_result: string | null;
  result_text: string | null;
  result_key: string | null;
  responsible_id: string;
  responsible_name: string;
  responsible_department_id: string | null;
  controller_id: string | null;
  controller_name: string | null;
  created_by: string | null;
  author_name: string | null;
  accepted_at: Date | null;
  checked_at: Date | null;
  series_id: string | null;
  rrule: string | null;
  occurrence_at: Date | null;
  detached: boolean;
  notify: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  version: number;
  deleted_at: Date | null;
}

const uuidList = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;

/** The rows with the names they show; one query, in no particular order. */
export async function selectTaskRows(db: Executor, ids: readonly string[]): Promise<TaskDtoRow[]> {
  if (ids.length === 0) return [];
  // Scalar subqueries rather than eight joins: PGlite spent ~50 ms planning the eight-way join (0.5 ms to run it);
  // each subquery is a primary-key lookup that plans in well under a millisecond.
  const result = await sql<TaskDtoRow>`
    SELECT t.id, t.parent_id, t.depth, t.type_id, ty.key AS type_key, ty.name AS type_name, ty.icon AS type_icon, ty.color AS type_color,
      t.title, t.description,
      t.organization_id, (SELECT o.name FROM organizations o WHERE o.id = t.organization_id) AS organization_name,
      (SELECT o.deleted_at IS NOT NULL FROM organizations o WHERE o.id = t.organization_id) AS organization_deleted,
      t.person_id, (SELECT p.full_name FROM persons p WHERE p.id = t.person_id) AS person_name,
      (SELECT p.deleted_at IS NOT NULL FROM persons p WHERE p.id = t.person_id) AS person_deleted,
      t.deal_id, t.status, t.priority, t.interest, t.direction, t.starts_at, t.ends_at, t.due_at, t.all_day, t.at,
      t.completed_at, t.minutes_spent, t.planned_result, t.result_text, t.result_key,
      t.responsible_id, r.name AS responsible_name, r.department_id AS responsible_department_id,
      t.controller_id, (SELECT u.name FROM users u WHERE u.id = t.controller_id) AS controller_name,
      t.created_by, (SELECT u.name FROM users u WHERE u.id = t.created_by) AS author_name,
      t.accepted_at, t.checked_at, t.series_id, (SELECT s.rrule FROM task_series s WHERE s.id = t.series_id) AS rrule,
      t.occurrence_at, t.detached, t.notify, t.created_at, t.updated_at, t.version, t.deleted_at
    FROM tasks t
    JOIN task_types ty ON ty.id = t.type_id
    JOIN users r ON r.id = t.responsible_id
    WHERE t.id = ANY(${uuidList(ids)})`.execute(db);
  return result.rows;
}

export interface ParticipantRow {
  task_id: string;
  user_id: string;
  name: string;
  accepted_at: Date | null;
}

export async function selectParticipants(db: Executor, ids: readonly string[]): Promise<ParticipantRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<ParticipantRow>`
    SELECT tp.task_id, tp.user_id, u.name, tp.accepted_at
    FROM task_participants tp JOIN users u ON u.id = tp.user_id
    WHERE tp.task_id = ANY(${uuidList(ids)})
    ORDER BY u.name, u.id`.execute(db);
  return result.rows;
}

async function selectProgress(db: Executor, ids: readonly string[]): Promise<Map<string, { total: number; closed: number }>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ parent_id: string; total: string | number; closed: string | number }>`
    SELECT parent_id, count(*) AS total, count(*) FILTER (WHERE status IN ('done', 'cancelled')) AS closed
    FROM tasks WHERE parent_id = ANY(${uuidList(ids)}) AND deleted_at IS NULL
    GROUP BY parent_id`.execute(db);
  return new Map(result.rows.map((r) => [r.parent_id, { total: Number(r.total), closed: Number(r.closed) }]));
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const clientRef = (id: string | null, name: string | null, deleted: boolean | null) => (id ? { id, name: name ?? '', deleted: !!deleted } : null);

function toItem(
  row: TaskDtoRow,
  participants: ParticipantRow[],
  progress: { total: number; closed: number } | undefined,
  actor: AccessSubject,
  now: Date,
): TaskListItemDto {
  const ownership = taskOwnership({ ...row, participant_ids: participants.map((p) => p.user_id) });
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    type: { id: row.type_id, key: row.type_key, name: row.type_name, icon: row.type_icon, color: row.type_color },
    title: row.title,
    organization: clientRef(row.organization_id, row.organization_name, row.organization_deleted),
    person: clientRef(row.person_id, row.person_name, row.person_deleted),
    dealId: row.deal_id,
    status: row.status as TaskListItemDto['status'],
    priority: row.priority as TaskListItemDto['priority'],
    interest: row.interest,
    direction: row.direction as TaskListItemDto['direction'],
    startsAt: isoOrNull(row.starts_at),
    endsAt: isoOrNull(row.ends_at),
    dueAt: isoOrNull(row.due_at),
    allDay: row.all_day,
    at: iso(row.at),
    completedAt: isoOrNull(row.completed_at),
    minutesSpent: row.minutes_spent,
    plannedResult: row.planned_result,
    resultText: row.result_text,
    resultKey: row.result_key,
    responsible: { id: row.responsible_id, name: row.responsible_name },
    controller: ref(row.controller_id, row.controller_name),
    author: ref(row.created_by, row.author_name),
    participants: participants.map((p) => ({ id: p.user_id, name: p.name, acceptedAt: isoOrNull(p.accepted_at) })),
    acceptedAt: isoOrNull(row.accepted_at),
    checkedAt: isoOrNull(row.checked_at),
    seriesId: row.series_id,
    rrule: row.rrule,
    occurrenceAt: isoOrNull(row.occurrence_at),
    progress: progress ?? { total: 0, closed: 0 },
    overdue: isOverdue(row, now),
    canEdit: !row.deleted_at && can(actor, 'edit', 'task', ownership),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

function groupBy<T extends { task_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.task_id);
    if (list) list.push(row);
    else map.set(row.task_id, [row]);
  }
  return map;
}

/** Rows in the order of `ids`; ids without a row are skipped. */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: T[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.push(row);
  }
  return out;
}

/**
 * Runs a loader's independent reads side by side on a pool (one connection each on PostgreSQL, so a list
 * waits for the slowest read instead of their sum), and one after another in a transaction, whose single
 * connection must not be shared.
 */
async function readAll<T extends readonly unknown[]>(db: Executor, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  if (!db.isTransaction) results.push(...(await Promise.all(reads.map((read) => read()))));
  else for (const read of reads) results.push(await read());
  return results as unknown as T;
}

/** List items (no reminders, notify or description) in the order of `ids`: three queries. */
export async function loadTaskItems(db: Executor, actor: AccessSubject, ids: readonly string[]): Promise<TaskListItemDto[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [rows, participants, progress] = await readAll(db, [
    () => selectTaskRows(db, unique),
    () => selectParticipants(db, unique),
    () => selectProgress(db, unique),
  ] as const);
  const byTask = groupBy(participants);
  const now = new Date();
  return inOrder(ids, rows).map((row) => toItem(row, byTask.get(row.id) ?? [], progress.get(row.id), actor, now));
}

/** Full task cards in the order of `ids`: four queries. */
export async function loadTasks(db: Executor, actor: AccessSubject, ids: readonly string[]): Promise<TaskDto[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [rows, participants, progress, reminders] = await readAll(db, [
    () => selectTaskRows(db, unique),
    () => selectParticipants(db, unique),
    () => selectProgress(db, unique),
    () => loadReminders(db, unique),
  ] as const);
  const byTask = groupBy(participants);
  const remindersByTask = groupBy(reminders);
  const now = new Date();
  return inOrder(ids, rows).map((row) => ({
    ...toItem(row, byTask.get(row.id) ?? [], progress.get(row.id), actor, now),
    description: row.description,
    notify: (row.notify ?? {}) as TaskNotify,
    reminders: (remindersByTask.get(row.id) ?? []).map((r) => ({
      id: r.id,
      anchor: r.anchor as TaskDto['reminders'][number]['anchor'],
      offsetMinutes: r.offset_minutes,
      audience: r.audience as TaskDto['reminders'][number]['audience'],
      remindAt: iso(r.remind_at),
      firedAt: isoOrNull(r.fired_at),
    })),
  }));
}

export async function loadTask(db: Executor, actor: AccessSubject, id: string): Promise<TaskDto | undefined> {
  return (await loadTasks(db, actor, [id]))[0];
}
