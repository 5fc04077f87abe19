import { sql } from 'kysely';
import type { z } from 'zod';
import type { reminderInputSchema } from '@kontakt/shared';
import { newId } from '../../platform/ids.js';
import type { Problems } from '../../platform/validate.js';
import type { Executor } from './task-dto.js';

/**
 * Reminder rows of tasks: each knows the moment it is due (`remind_at`), computed here from its anchor — the
 * task's start or deadline minus an offset, or an absolute moment. The reminders engineer's job delivers due
 * rows; this module only keeps `remind_at` right as tasks are created and their dates move.
 */
export type ReminderInput = z.output<typeof reminderInputSchema>;

export interface ReminderSpec {
  anchor: 'start' | 'due' | 'absolute';
  offsetMinutes: number;
  audience: 'all' | 'responsible' | 'participants' | 'controller';
  /** For absolute reminders. */
  at: Date | null;
}

export interface TaskDates {
  starts_at: Date | null;
  due_at: Date | null;
}

export function reminderTime(spec: Pick<ReminderSpec, 'anchor' | 'offsetMinutes' | 'at'>, dates: TaskDates): Date | null {
  if (spec.anchor === 'absolute') return spec.at;
  const anchor = spec.anchor === 'start' ? dates.starts_at : dates.due_at;
  return anchor ? new Date(anchor.getTime() - spec.offsetMinutes * 60_000) : null;
}

/** Checks reminders against the task's dates; each one without its anchor date is a problem on `reminders.N.anchor`. */
export function checkReminders(inputs: readonly ReminderInput[], dates: TaskDates, problems: Problems): ReminderSpec[] {
  return inputs.map((input, index) => {
    const spec: ReminderSpec = {
      anchor: input.anchor,
      offsetMinutes: input.anchor === 'absolute' ? 0 : (input.offsetMinutes ?? 0),
      audience: input.audience ?? 'all',
      at: input.anchor === 'absolute' && input.at ? new Date(input.at) : null,
    };
    if (input.anchor === 'absolute' && !input.at) problems.add(`reminders.${index}.at`, 'required');
    else if (reminderTime(spec, dates) === null) problems.add(`reminders.${index}.anchor`, 'reminder_anchor_missing');
    return spec;
  });
}

interface StoredReminder {
  id: string;
  task_id: string;
  anchor: string;
  offset_minutes: number;
  audience: string;
  remind_at: Date;
  fired_at: Date | null;
}

export async function loadReminders(db: Executor, taskIds: readonly string[]): Promise<StoredReminder[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('task_reminders')
    .select(['id', 'task_id', 'anchor', 'offset_minutes', 'audience', 'remind_at', 'fired_at'])
    .where('task_id', 'in', [...taskIds])
    .orderBy('remind_at')
    .orderBy('id')
    .execute();
}

/**
 * Replaces a task's reminders with `specs`. A reminder that already fired and is given again unchanged stays
 * as it is (so saving the form does not fire it a second time); other fired ones are history and stay too.
 */
export async function replaceReminders(db: Executor, taskId: string, specs: readonly ReminderSpec[], dates: TaskDates): Promise<void> {
  const stored = await loadReminders(db, [taskId]);
  const fired = stored.filter((r) => r.fired_at);
  const toInsert = specs.filter((spec) => {
    const time = reminderTime(spec, dates)!;
    return !fired.some((f) => f.anchor === spec.anchor && f.offset_minutes === spec.offsetMinutes && f.audience === spec.audience && f.remind_at.getTime() === time.getTime());
  });
  await db.deleteFrom('task_reminders').where('task_id', '=', taskId).where('fired_at', 'is', null).execute();
  await insertReminders(db, [{ taskId, specs: toInsert, dates }]);
}

export async function insertReminders(db: Executor, items: readonly { taskId: string; specs: readonly ReminderSpec[]; dates: TaskDates }[]): Promise<void> {
  const rows = items.flatMap(({ taskId, specs, dates }) =>
    specs.map((spec) => ({
      id: newId(),
      task_id: taskId,
      anchor: spec.anchor,
      offset_minutes: spec.offsetMinutes,
      audience: spec.audience,
      remind_at: reminderTime(spec, dates)!,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('task_reminders').values(rows.slice(i, i + 1000)).execute();
}

/**
 * Unfired reminders whose anchor date the task no longer has (start or deadline cleared), as problems on
 * `reminders.N.anchor` numbered as the task's card lists its reminders.
 */
export async function checkStoredAnchors(db: Executor, taskId: string, dates: TaskDates, problems: Problems): Promise<void> {
  const stored = await loadReminders(db, [taskId]);
  stored.forEach((r, index) => {
    if (r.fired_at || r.anchor === 'absolute') return;
    if ((r.anchor === 'start' ? dates.starts_at : dates.due_at) === null) problems.add(`reminders.${index}.anchor`, 'reminder_anchor_missing');
  });
}

/** Unfired reminders follow their task's start or deadline after the dates moved (one statement for many tasks). */
export async function followDates(db: Executor, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await sql`
    UPDATE task_reminders r
    SET remind_at = (CASE r.anchor WHEN 'start' THEN t.starts_at ELSE t.due_at END) - make_interval(mins => r.offset_minutes)
    FROM tasks t
    WHERE t.id = r.task_id AND r.task_id = ANY(${[...taskIds]}::uuid[]) AND r.fired_at IS NULL AND r.anchor <> 'absolute'
      AND (CASE r.anchor WHEN 'start' THEN t.starts_at ELSE t.due_at END) IS NOT NULL`.execute(db);
}

/** Absolute unfired reminders of tasks moved as a whole (children shifted with their parent) move by the same distance. */
export async function shiftAbsolute(db: Executor, taskIds: readonly string[], deltaMs: number): Promise<void> {
  if (taskIds.length === 0 || deltaMs === 0) return;
  await sql`
    UPDATE task_reminders SET remind_at = remind_at + make_interval(secs => ${deltaMs / 1000})
    WHERE task_id = ANY(${[...taskIds]}::uuid[]) AND fired_at IS NULL AND anchor = 'absolute'`.execute(db);
}

/** Reminders of deleted tasks must never fire. */
export async function dropUnfired(db: Executor, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await db.deleteFrom('task_reminders').where('task_id', 'in', [...taskIds]).where('fired_at', 'is', null).execute();
}
