import type { Kysely } from 'kysely';
import { taskNotifies } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { notifyMany, type NotifyInput } from '../../platform/notifications/notify.js';
import * as q from './reminders.queries.js';

/** Rows per transaction: big enough to drain a backlog quickly, small enough to hold locks briefly. */
export const DELIVERY_BATCH = 500;
/**
 * A reminder or a missed deadline older than this when first seen (the server was off for longer, or the
 * task was entered already late) is not announced: a week-old "starts in 15 minutes" helps nobody.
 */
export const STALE_AFTER_DAYS = 7;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const OPEN = new Set(['planned', 'in_progress']);

/**
 * Delivery of task reminders and overdue notices, run periodically by every app instance (platform/jobs).
 * Each call handles one batch in one transaction: claim rows (locked, skipping rows another instance
 * holds), notify, mark them done. The notification and the mark commit together, so each reminder is
 * delivered exactly once whatever the number of instances or restarts.
 */
export function makeReminderDelivery(db: Kysely<DB>) {
  /** Delivers due reminders; answers how many rows it claimed (a full batch means: run again). */
  async function deliverDueReminders(limit = DELIVERY_BATCH): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await q.claimDueReminders(trx, limit);
      if (due.length === 0) return 0;
      const tasks = new Map((await q.loadTaskAudiences(trx, [...new Set(due.map((r) => r.task_id))])).map((t) => [t.id, t]));
      const staleBefore = Date.now() - STALE_AFTER_DAYS * 86_400_000;
      const inputs: NotifyInput[] = [];
      for (const reminder of due) {
        const task = tasks.get(reminder.task_id);
        // Reminders of a deleted, done or cancelled task, or long past, are marked fired without a word.
        if (!task || task.deleted_at || !OPEN.has(task.status) || new Date(reminder.remind_at).getTime() < staleBefore) continue;
        const params = {
          title: task.title,
          anchor: reminder.anchor,
          offsetMinutes: reminder.offset_minutes,
          remindAt: iso(reminder.remind_at),
          startsAt: iso(task.starts_at),
          dueAt: iso(task.due_at),
          allDay: task.all_day,
        };
        for (const userId of reminderAudience(task, reminder.audience)) {
          inputs.push({ userId, kind: 'task_reminder', params, recordType: 'task', recordId: task.id });
        }
      }
      await notifyMany(trx, inputs);
      await q.markRemindersFired(trx, due.map((r) => r.id));
      return due.length;
    });
  }

  /** Announces open tasks that passed their deadline, once per deadline; answers how many it claimed. */
  async function announceOverdueTasks(limit = DELIVERY_BATCH): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const claimed = await q.claimOverdueTasks(trx, limit, STALE_AFTER_DAYS);
      if (claimed.length === 0) return 0;
      const tasks = await q.loadTaskAudiences(trx, claimed.map((t) => t.id));
      const deadlines = new Map(claimed.map((t) => [t.id, t.deadline]));
      const inputs: NotifyInput[] = [];
      for (const task of tasks) {
        const params = { title: task.title, deadline: iso(deadlines.get(task.id) ?? null), dueAt: iso(task.due_at), allDay: task.all_day };
        for (const userId of overdueAudience(task)) {
          inputs.push({ userId, kind: 'task_overdue', params, recordType: 'task', recordId: task.id });
        }
      }
      await notifyMany(trx, inputs);
      await q.markOverdueAnnounced(trx, claimed.map((t) => t.id));
      return claimed.length;
    });
  }

  return { deliverDueReminders, announceOverdueTasks };
}

export type ReminderDelivery = ReturnType<typeof makeReminderDelivery>;

/** Who a reminder is for: everyone on the task, or one side of it; each person once. */
export function reminderAudience(task: Pick<q.TaskAudience, 'responsible_id' | 'controller_id' | 'participant_ids'>, audience: string): string[] {
  const people: (string | null)[] = [];
  if (audience === 'all' || audience === 'responsible') people.push(task.responsible_id);
  if (audience === 'all' || audience === 'participants') people.push(...task.participant_ids);
  if (audience === 'all' || audience === 'controller') people.push(task.controller_id);
  return [...new Set(people.filter((p): p is string => !!p))];
}

/** A missed deadline always reaches the responsible; participants and the controller as the task says. */
export function overdueAudience(task: Pick<q.TaskAudience, 'responsible_id' | 'controller_id' | 'participant_ids' | 'notify'>): string[] {
  const people: (string | null)[] = [task.responsible_id];
  if (taskNotifies(task.notify, 'participants', 'overdue')) people.push(...task.participant_ids);
  if (taskNotifies(task.notify, 'controller', 'overdue')) people.push(task.controller_id);
  return [...new Set(people.filter((p): p is string => !!p))];
}
