import type { OPEN_CHILDREN_ACTIONS, TaskStatus } from '@kontakt/shared';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Problems } from '../../platform/validate.js';
import { taskOwnership, type Executor } from './task-dto.js';
import { followDates, shiftAbsolute } from './task-reminders.js';
import { shiftByWall, wallClock } from './task-series.js';
import { DATE_COLUMNS, isOpen, type TaskState } from './task-state.js';
import type { TaskAuditTrail } from './task-audit.js';
import * as q from './tasks.queries.js';

/** Pieces of a task write shared by the edit form, the actions (complete, return…) and series changes. */

export type OpenChildrenAction = (typeof OPEN_CHILDREN_ACTIONS)[number];

/** A task the actor may not see answers like one that does not exist, so ids reveal nothing. */
export function assertVisible(actor: Actor, row: q.TaskWriteRow | undefined): asserts row is q.TaskWriteRow {
  if (!row || row.deleted_at || !can(actor, 'view', 'task', taskOwnership(row))) throw notFound();
}

/** The row's columns for an insert or update. */
export function columnsOf(state: TaskState) {
  return {
    parent_id: state.parent_id,
    depth: state.depth,
    type_id: state.type_id,
    title: state.title,
    description: state.description,
    organization_id: state.organization_id,
    person_id: state.person_id,
    status: state.status,
    priority: state.priority,
    interest: state.interest,
    direction: state.direction,
    starts_at: state.starts_at,
    ends_at: state.ends_at,
    due_at: state.due_at,
    all_day: state.all_day,
    completed_at: state.completed_at,
    minutes_spent: state.minutes_spent,
    planned_result: state.planned_result,
    result_text: state.result_text,
    result_key: state.result_key,
    responsible_id: state.responsible_id,
    controller_id: state.controller_id,
    notify: JSON.stringify(state.notify ?? {}),
  };
}

/**
 * Status rules: done stamps the completion time (now unless given); reopening or cancelling clears it and
 * the controller's check; starting work counts as accepting it.
 */
export function applyStatus(before: TaskState | null, next: TaskState, given: Partial<TaskState>, now: Date): void {
  if (next.status === 'done') {
    next.completed_at = given.completed_at ?? (before?.status === 'done' ? before.completed_at : null) ?? now;
  } else {
    next.completed_at = null;
  }
}

/** The moment a task moves by: its start if it has one before and after, else its deadline. */
function anchorMove(before: TaskState, next: TaskState): { from: Date; to: Date } | null {
  if (before.starts_at && next.starts_at) return { from: before.starts_at, to: next.starts_at };
  if (before.due_at && next.due_at) return { from: before.due_at, to: next.due_at };
  return null;
}

export interface ChildrenCheck {
  closing: boolean;
  moving: boolean;
  open: q.TaskRow[];
}

/**
 * Closing a parent (done or cancelled) or moving its start or deadline while it has open children (or
 * grandchildren) needs the user's choice: without `openChildren` the answer is 409 `task_has_open_children`
 * with their count, and the web app asks.
 */
export async function checkOpenChildren(
  db: Executor,
  taskId: string,
  before: TaskState,
  next: TaskState,
  choice: OpenChildrenAction | undefined,
  problems: Problems,
): Promise<ChildrenCheck> {
  const closing = isOpen(before.status) && !isOpen(next.status);
  const moving = before.starts_at?.getTime() !== next.starts_at?.getTime() || before.due_at?.getTime() !== next.due_at?.getTime();
  if (!closing && !moving) return { closing, moving, open: [] };
  const open = (await q.descendants(db, [taskId])).filter((d) => isOpen(d.status));
  if (open.length === 0) return { closing, moving, open };
  if (!choice) throw new AppError('task_has_open_children', { params: { count: open.length } });
  if (choice === 'shift' && !moving) problems.add('openChildren', 'invalid_value');
  return { closing, moving, open };
}

/** Carries out the user's choice for the open children; returns the ids changed (already remembered by the audit trail). */
export async function applyOpenChildren(
  db: Executor,
  actor: Actor,
  audit: TaskAuditTrail,
  check: ChildrenCheck,
  choice: OpenChildrenAction | undefined,
  before: TaskState,
  next: TaskState,
  now: Date,
): Promise<void> {
  if (check.open.length === 0 || !choice || choice === 'keep') return;
  const ids = check.open.map((c) => c.id);
  await audit.remember(ids);
  if (choice === 'complete' || choice === 'cancel') {
    const status: TaskStatus = choice === 'complete' ? 'done' : 'cancelled';
    for (const child of check.open) {
      await db
        .updateTable('tasks')
        .set({ status, completed_at: status === 'done' ? now : null, updated_at: now, version: child.version + 1 })
        .where('id', '=', child.id)
        .execute();
    }
    return;
  }
  const move = anchorMove(before, next);
  if (!move) return;
  const fromWall = wallClock(move.from, actor.timeZone);
  const toWall = wallClock(move.to, actor.timeZone);
  for (const child of check.open) {
    const dates = Object.fromEntries(
      DATE_COLUMNS.map((column) => [column, child[column] ? shiftByWall(child[column]!, fromWall, toWall, actor.timeZone) : null]),
    );
    await db
      .updateTable('tasks')
      .set({ ...dates, updated_at: now, version: child.version + 1 })
      .where('id', '=', child.id)
      .execute();
  }
  await followDates(db, ids);
  await shiftAbsolute(db, ids, move.to.getTime() - move.from.getTime());
}
