import type { z } from 'zod';
import type { createTaskBodySchema, TaskStatus, updateTaskBodySchema } from '@kontakt/shared';
import { MAX_TASK_DEPTH, OPEN_TASK_STATUSES } from '@kontakt/shared';
import type { TaskTypeRow } from '../../db/schema.js';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Problems } from '../../platform/validate.js';
import { clientOwnership } from '../clients/ownership.js';
import { taskOwnership, type Executor } from './task-dto.js';
import * as q from './tasks.queries.js';

export type CreateTaskInput = z.output<typeof createTaskBodySchema>;
export type UpdateTaskInput = z.output<typeof updateTaskBodySchema>;

/** The columns a user edits, as the service reasons about them before writing. */
export interface TaskState {
  parent_id: string | null;
  depth: number;
  type_id: string;
  title: string;
  description: string | null;
  organization_id: string | null;
  person_id: string | null;
  status: TaskStatus;
  priority: string;
  interest: number | null;
  direction: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  all_day: boolean;
  completed_at: Date | null;
  minutes_spent: number | null;
  planned_result: string | null;
  result_text: string | null;
  result_key: string | null;
  responsible_id: string;
  controller_id: string | null;
  notify: Record<string, unknown>;
}

/** Column → the body field problems are reported on. */
export const FIELD_OF: Record<keyof TaskState, string> = {
  parent_id: 'parentId',
  depth: 'parentId',
  type_id: 'typeId',
  title: 'title',
  description: 'description',
  organization_id: 'organizationId',
  person_id: 'personId',
  status: 'status',
  priority: 'priority',
  interest: 'interest',
  direction: 'direction',
  starts_at: 'startsAt',
  ends_at: 'endsAt',
  due_at: 'dueAt',
  all_day: 'allDay',
  completed_at: 'completedAt',
  minutes_spent: 'minutesSpent',
  planned_result: 'plannedResult',
  result_text: 'resultText',
  result_key: 'resultKey',
  responsible_id: 'responsibleId',
  controller_id: 'controllerId',
  notify: 'notify',
};

export const DATE_COLUMNS = ['starts_at', 'ends_at', 'due_at'] as const;
export const isOpen = (status: string) => (OPEN_TASK_STATUSES as readonly string[]).includes(status);

const date = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/** The columns a body sets; absent fields stay absent so an update changes only what it names. */
export function changesFromBody(body: Partial<CreateTaskInput & UpdateTaskInput>): Partial<TaskState> {
  const out: Partial<Record<keyof TaskState, unknown>> = {
    parent_id: body.parentId,
    type_id: body.typeId,
    title: body.title,
    description: body.description,
    organization_id: body.organizationId,
    person_id: body.personId,
    status: body.status,
    priority: body.priority,
    interest: body.interest,
    direction: body.direction,
    starts_at: date(body.startsAt),
    ends_at: date(body.endsAt),
    due_at: date(body.dueAt),
    all_day: body.allDay,
    completed_at: date(body.completedAt),
    minutes_spent: body.minutesSpent,
    planned_result: body.plannedResult,
    result_text: body.resultText,
    result_key: body.resultKey,
    responsible_id: body.responsibleId,
    controller_id: body.controllerId,
    notify: body.notify,
  };
  for (const key of Object.keys(out) as (keyof TaskState)[]) if (out[key] === undefined) delete out[key];
  return out as Partial<TaskState>;
}

export function stateOf(row: q.TaskRow): TaskState {
  return {
    parent_id: row.parent_id,
    depth: row.depth,
    type_id: row.type_id,
    title: row.title,
    description: row.description,
    organization_id: row.organization_id,
    person_id: row.person_id,
    status: row.status as TaskStatus,
    priority: row.priority,
    interest: row.interest,
    direction: row.direction,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    due_at: row.due_at,
    all_day: row.all_day,
    completed_at: row.completed_at,
    minutes_spent: row.minutes_spent,
    planned_result: row.planned_result,
    result_text: row.result_text,
    result_key: row.result_key,
    responsible_id: row.responsible_id,
    controller_id: row.controller_id,
    notify: row.notify ?? {},
  };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b)
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function changedColumns(before: TaskState, next: TaskState): Set<keyof TaskState> {
  const changed = new Set<keyof TaskState>();
  for (const key of Object.keys(next) as (keyof TaskState)[]) if (!same(before[key], next[key])) changed.add(key);
  return changed;
}

export interface CheckContext {
  actor: Actor;
  problems: Problems;
  /** The task being changed (null on create). */
  taskId: string | null;
  before: TaskState | null;
  /** Body fields that were given: decide where person → organization filling applies. */
  given: Partial<TaskState>;
  /** Where a problem with the responsible is reported; null when the caller checks responsibles itself. */
  responsibleField?: string | null;
}

/**
 * Checks the next state of a task against the database and fills in what follows from it (the depth under
 * the parent, the person's organization). Only what changed is checked against references, so a task whose
 * responsible was deactivated since can still be edited in other ways. Returns the task's type.
 */
export async function checkState(db: Executor, next: TaskState, ctx: CheckContext): Promise<TaskTypeRow | undefined> {
  const { problems, before } = ctx;
  const changed = (key: keyof TaskState) => !before || !same(before[key], next[key]);

  const type = await q.findType(db, next.type_id);
  if (!type) problems.add('typeId', 'not_found');
  else if (!type.active && changed('type_id')) problems.add('typeId', 'inactive');
  if (type && next.result_key !== null && (changed('result_key') || changed('type_id')) && !type.results.some((r) => r.key === next.result_key)) {
    problems.add('resultKey', 'invalid_option');
  }

  if (changed('starts_at') || changed('due_at') || changed('ends_at')) {
    if (next.starts_at && next.due_at && next.due_at < next.starts_at) problems.add('dueAt', 'due_before_start');
    if (next.starts_at && next.ends_at && next.ends_at < next.starts_at) problems.add('endsAt', 'before_start');
  }

  const userFields: [string, string][] = [];
  const responsibleField = ctx.responsibleField === undefined ? 'responsibleId' : ctx.responsibleField;
  if (changed('responsible_id') && responsibleField) userFields.push([responsibleField, next.responsible_id]);
  if (changed('controller_id') && next.controller_id) userFields.push(['controllerId', next.controller_id]);
  await checkUsers(db, userFields, problems);

  if (changed('parent_id')) await checkParent(db, next, ctx);
  if (changed('person_id') || changed('organization_id')) await checkClient(db, next, ctx);
  return type;
}

/** Users named in fields must exist and be active. */
export async function checkUsers(db: Executor, fields: readonly (readonly [string, string])[], problems: Problems): Promise<void> {
  if (fields.length === 0) return;
  const users = await q.usersById(
    db,
    fields.map(([, id]) => id),
  );
  for (const [field, id] of fields) {
    const user = users.get(id);
    if (!user) problems.add(field, 'not_found');
    else if (!user.active) problems.add(field, 'user_inactive');
  }
}

/** The tree: a visible, live parent; no task inside itself; at most three levels counting the moved subtree. */
async function checkParent(db: Executor, next: TaskState, { actor, problems, taskId }: CheckContext): Promise<void> {
  if (!next.parent_id) {
    next.depth = 0;
    return;
  }
  const parent = (await q.findForWrite(db, [next.parent_id]))[0];
  if (!parent || parent.deleted_at || !can(actor, 'view', 'task', taskOwnership(parent))) {
    problems.add('parentId', 'not_found');
    return;
  }
  if (taskId && (parent.id === taskId || (await q.isDescendantOf(db, parent.id, taskId)))) {
    problems.add('parentId', 'task_cycle');
    return;
  }
  const height = taskId ? await q.subtreeHeight(db, taskId) : 0;
  if (parent.depth + 1 + height > MAX_TASK_DEPTH) {
    problems.add('parentId', 'task_depth', { max: MAX_TASK_DEPTH + 1 });
    return;
  }
  next.depth = parent.depth + 1;
}

/**
 * The client: each record named must exist, be live and visible to the user. A task on a person carries
 * the person's organization (the organization's timeline is then one index range): given both, the person
 * must work there; given the person alone, their primary organization is filled in.
 */
async function checkClient(db: Executor, next: TaskState, { actor, problems, given, before }: CheckContext): Promise<void> {
  const personChanged = !before || before.person_id !== next.person_id;
  const organizationChanged = !before || before.organization_id !== next.organization_id;
  let person: q.ClientRow | undefined;
  if (next.person_id) {
    person = await q.findClient(db, 'person', next.person_id);
    if (personChanged && !checkVisible(actor, 'person', person, 'personId', problems)) return;
  }
  if (next.person_id && person && !given.organization_id) {
    // The person without an organization: keep one they work in (unless cleared), else take their primary one.
    const keep = given.organization_id === undefined && next.organization_id && (await q.isEmployed(db, next.person_id, next.organization_id));
    if (!keep) next.organization_id = person.organization_id ?? null;
    return;
  }
  if (next.organization_id && organizationChanged) {
    const organization = await q.findClient(db, 'organization', next.organization_id);
    if (!checkVisible(actor, 'organization', organization, 'organizationId', problems)) return;
  }
  if (next.person_id && next.organization_id && !(await q.isEmployed(db, next.person_id, next.organization_id))) {
    problems.add('personId', 'person_not_in_organization');
  }
}

function checkVisible(actor: Actor, type: 'organization' | 'person', row: q.ClientRow | undefined, field: string, problems: Problems): boolean {
  if (!row) problems.add(field, 'not_found');
  else if (row.deleted_at) problems.add(field, 'deleted');
  else if (!can(actor, 'view', type, clientOwnership(row))) problems.add(field, 'forbidden');
  else return true;
  return false;
}
