import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { taskDeadlineSql } from '../tasks/task-dto.js';

type Executor = Kysely<DB>;

/**
 * Due reminders, oldest first, locked for this transaction. `SKIP LOCKED` lets another app instance
 * claim the next rows instead of waiting; a row it would have skipped is fired (and no longer due) by
 * the time its lock is released. Reads `task_reminders_due_idx` (remind_at, unfired only).
 */
export function claimDueReminders(db: Executor, limit: number) {
  return db
    .selectFrom('task_reminders')
    .select(['id', 'task_id', 'audience', 'anchor', 'offset_minutes', 'remind_at'])
    .where('fired_at', 'is', null)
    .where('remind_at', '<=', sql<Date>`now()`)
    .orderBy('remind_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
export type DueReminder = Awaited<ReturnType<typeof claimDueReminders>>[number];

export async function markRemindersFired(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('task_reminders').set({ fired_at: sql`now()` }).where('id', 'in', ids).execute();
}

/** The tasks of a batch with who is on them, in one query. */
export function loadTaskAudiences(db: Executor, taskIds: readonly string[]) {
  return db
    .selectFrom('tasks')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.status',
      'tasks.deleted_at',
      'tasks.starts_at',
      'tasks.ends_at',
      'tasks.due_at',
      'tasks.all_day',
      'tasks.responsible_id',
      'tasks.controller_id',
      'tasks.notify',
      sql<string[]>`coalesce((SELECT array_agg(p.user_id) FROM task_participants p WHERE p.task_id = tasks.id), '{}')`.as('participant_ids'),
    ])
    .where('tasks.id', 'in', taskIds)
    .execute();
}
export type TaskAudience = Awaited<ReturnType<typeof loadTaskAudiences>>[number];

/**
 * The moment lists start calling an open task overdue (modules/tasks/task-dto.ts `taskDeadline`): its
 * deadline, else its end, else its start; an all-day task with only a start once that day is over.
 */
const deadline = sql<Date>`coalesce(tasks.due_at, tasks.ends_at, tasks.starts_at)`;

/**
 * Open tasks whose deadline passed within `lookbackDays` and was not announced yet, locked for this
 * transaction. The first three conditions are the predicate of `tasks_overdue_idx`, so the planner reads
 * only its range up to now; the all-day shift is checked on the rows found.
 */
export function claimOverdueTasks(db: Executor, limit: number, lookbackDays: number) {
  return db
    .selectFrom('tasks')
    .select(['id', deadline.as('deadline')])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'in_progress'])
    .where(sql<boolean>`overdue_notified_for IS DISTINCT FROM coalesce(due_at, ends_at, starts_at)`)
    .where(sql<boolean>`coalesce(due_at, ends_at, starts_at) <= now()`)
    .where(sql<boolean>`coalesce(due_at, ends_at, starts_at) > now() - make_interval(days => ${lookbackDays})`)
    .where(sql<boolean>`${taskDeadlineSql} < now()`)
    .orderBy(sql`coalesce(due_at, ends_at, starts_at)`)
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Remembers which deadline was announced; a deadline moved later becomes announceable again. */
export async function markOverdueAnnounced(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('tasks')
    .set({ overdue_notified_for: sql`coalesce(due_at, ends_at, starts_at)` })
    .where('id', 'in', ids)
    .execute();
}
