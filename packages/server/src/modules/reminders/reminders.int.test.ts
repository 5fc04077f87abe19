import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { waitFor } from '../../testing/two-instances.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { insertTask } from '../tasks/tasks.testing.js';
import { backgroundJobsOf } from '../notifications/notification-delivery.js';
import { makeReminderDelivery } from './reminders.service.js';

let t: TestApp;
let delivery: ReturnType<typeof makeReminderDelivery>;

beforeAll(async () => {
  t = await createTestApp();
  delivery = makeReminderDelivery(t.database.db);
});
afterAll(() => t.close());

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function team() {
  const [responsible, participant, controller] = await Promise.all([newUser(t.database.db), newUser(t.database.db), newUser(t.database.db)]);
  return { responsible: responsible.id, participant: participant.id, controller: controller.id };
}

async function reminder(taskId: string, values: { audience?: string; anchor?: string; offset?: number; at: Date }): Promise<string> {
  const id = newId();
  await t.database.db
    .insertInto('task_reminders')
    .values({ id, task_id: taskId, audience: values.audience ?? 'all', anchor: values.anchor ?? 'start', offset_minutes: values.offset ?? 15, remind_at: values.at })
    .execute();
  return id;
}

async function notificationsOf(userId: string, kind: string) {
  return t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', kind).orderBy('id').execute();
}

async function firedAt(id: string) {
  return (await t.database.db.selectFrom('task_reminders').select('fired_at').where('id', '=', id).executeTakeFirstOrThrow()).fired_at;
}

/** Drains what is due now (the sweep is also what the periodic job runs). */
async function sweep() {
  let n = 0;
  while ((await delivery.deliverDueReminders(50)) === 50) n++;
  return n;
}

describe('task reminders', () => {
  it('reach each side of the task the reminder names, once, with what the bell needs to say', async () => {
    const p = await team();
    const startsAt = minutes(10);
    const dueAt = minutes(70);
    const task = await insertTask(t.database.db, {
      title: 'Встреча с ООО «Ромашка»',
      responsible_id: p.responsible,
      controller_id: p.controller,
      participantIds: [p.participant],
      starts_at: startsAt,
      due_at: dueAt,
    });
    const all = await reminder(task, { audience: 'all', at: minutes(-1) });
    const toController = await reminder(task, { audience: 'controller', anchor: 'due', offset: 60, at: minutes(-1) });
    const later = await reminder(task, { audience: 'all', anchor: 'start', offset: 0, at: startsAt });

    await sweep();
    await sweep();

    const forResponsible = await notificationsOf(p.responsible, 'task_reminder');
    const forParticipant = await notificationsOf(p.participant, 'task_reminder');
    const forController = await notificationsOf(p.controller, 'task_reminder');
    expect(forResponsible).toHaveLength(1);
    expect(forParticipant).toHaveLength(1);
    expect(forController).toHaveLength(2);
    expect(forResponsible[0]).toMatchObject({
      record_type: 'task',
      record_id: task,
      params: { title: 'Встреча с ООО «Ромашка»', anchor: 'start', offsetMinutes: 15, startsAt: startsAt.toISOString(), dueAt: dueAt.toISOString() },
    });
    expect(forController.map((n) => n.params.anchor).sort()).toEqual(['due', 'start']);
    expect(await firedAt(all)).toBeInstanceOf(Date);
    expect(await firedAt(toController)).toBeInstanceOf(Date);
    expect(await firedAt(later)).toBeNull();
  });

  it('of a done, cancelled or deleted task, or a week late, are marked fired without a word', async () => {
    const p = await team();
    const done = await insertTask(t.database.db, { responsible_id: p.responsible, status: 'done', starts_at: minutes(5) });
    const cancelled = await insertTask(t.database.db, { responsible_id: p.responsible, status: 'cancelled', starts_at: minutes(5) });
    const deleted = await insertTask(t.database.db, { responsible_id: p.responsible, starts_at: minutes(5), deleted_at: new Date() });
    const open = await insertTask(t.database.db, { responsible_id: p.responsible, starts_at: minutes(-8 * 24 * 60) });
    const ids = [
      await reminder(done, { at: minutes(-1) }),
      await reminder(cancelled, { at: minutes(-1) }),
      await reminder(deleted, { at: minutes(-1) }),
      await reminder(open, { at: minutes(-8 * 24 * 60 - 15) }),
    ];
    await sweep();
    expect(await notificationsOf(p.responsible, 'task_reminder')).toEqual([]);
    for (const id of ids) expect(await firedAt(id)).toBeInstanceOf(Date);
  });

  it('skip a deactivated participant and anyone who turned reminders off in the app', async () => {
    const p = await team();
    const gone = await newUser(t.database.db, { active: false });
    await t.database.db.updateTable('users').set({ notification_prefs: JSON.stringify({ task_reminder: { inApp: false, email: false } }) }).where('id', '=', p.controller).execute();
    const task = await insertTask(t.database.db, { responsible_id: p.responsible, controller_id: p.controller, participantIds: [gone.id, p.participant], starts_at: minutes(5) });
    await reminder(task, { at: minutes(-1) });
    await sweep();
    expect(await notificationsOf(p.responsible, 'task_reminder')).toHaveLength(1);
    expect(await notificationsOf(p.participant, 'task_reminder')).toHaveLength(1);
    expect(await notificationsOf(gone.id, 'task_reminder')).toHaveLength(0);
    expect(await notificationsOf(p.controller, 'task_reminder')).toHaveLength(0);
  });

  it('a large backlog is delivered in batches, every reminder exactly once', async () => {
    const p = await team();
    const task = await insertTask(t.database.db, { responsible_id: p.responsible, starts_at: minutes(30) });
    const at = minutes(-2);
    await t.database.db
      .insertInto('task_reminders')
      .values(Array.from({ length: 230 }, () => ({ id: newId(), task_id: task, audience: 'responsible', anchor: 'absolute', offset_minutes: 0, remind_at: at })))
      .execute();
    expect(await sweep()).toBe(4);
    expect(await notificationsOf(p.responsible, 'task_reminder')).toHaveLength(230);
    const left = await t.database.db.selectFrom('task_reminders').select(sql<number>`count(*)::int`.as('n')).where('task_id', '=', task).where('fired_at', 'is', null).executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
  });
});

describe('missed deadlines', () => {
  it('reach the responsible and the controller by default, participants only when the task says so, once per deadline', async () => {
    const p = await team();
    const quiet = await insertTask(t.database.db, { title: 'Счёт на оплату', responsible_id: p.responsible, controller_id: p.controller, participantIds: [p.participant], due_at: minutes(-5) });
    const loud = await insertTask(t.database.db, {
      title: 'Договор',
      responsible_id: p.responsible,
      controller_id: p.controller,
      participantIds: [p.participant],
      due_at: minutes(-3),
      notify: JSON.stringify({ participants: { overdue: true }, controller: { overdue: false } }),
    });
    const future = await insertTask(t.database.db, { responsible_id: p.responsible, due_at: minutes(30) });
    const closed = await insertTask(t.database.db, { responsible_id: p.responsible, due_at: minutes(-3), status: 'done' });
    // An all-day task with only a start is late once its whole day has passed.
    const today = await insertTask(t.database.db, { responsible_id: p.responsible, starts_at: minutes(-60), all_day: true });
    // A deadline missed long ago (entered late, or the server was off for weeks) is not announced.
    const ancient = await insertTask(t.database.db, { responsible_id: p.responsible, due_at: minutes(-30 * 24 * 60) });

    await delivery.announceOverdueTasks();
    await delivery.announceOverdueTasks();

    const records = async (userId: string) => (await notificationsOf(userId, 'task_overdue')).map((n) => n.record_id).sort();
    expect(await records(p.responsible)).toEqual([quiet, loud].sort());
    expect(await records(p.controller)).toEqual([quiet]);
    expect(await records(p.participant)).toEqual([loud]);
    for (const id of [future, closed, today, ancient]) expect((await records(p.responsible)).includes(id)).toBe(false);
    const [first] = await notificationsOf(p.controller, 'task_overdue');
    expect(first!.params).toMatchObject({ title: 'Счёт на оплату' });

    // The deadline moves, passes again: announced again.
    await t.database.db.updateTable('tasks').set({ due_at: minutes(-1) }).where('id', '=', quiet).execute();
    await delivery.announceOverdueTasks();
    expect((await records(p.responsible)).filter((id) => id === quiet)).toHaveLength(2);
  });

  it('the sweeps read their indexes, not the tables', async () => {
    // On a small table the planner prefers a scan; forbidding it (in one transaction, so on one connection)
    // shows the index fits the query: its predicate, range and order.
    const plans = await t.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const explain = async (query: ReturnType<typeof sql>) => (await query.execute(trx)).rows.map((r) => (r as { 'QUERY PLAN': string })['QUERY PLAN']).join('\n');
      return {
        overdue: await explain(sql`
          EXPLAIN SELECT id FROM tasks
          WHERE deleted_at IS NULL AND status IN ('planned', 'in_progress')
            AND overdue_notified_for IS DISTINCT FROM coalesce(due_at, ends_at, starts_at)
            AND coalesce(due_at, ends_at, starts_at) <= now()
            AND coalesce(due_at, ends_at, starts_at) > now() - make_interval(days => 7)
          ORDER BY coalesce(due_at, ends_at, starts_at) LIMIT 500 FOR UPDATE SKIP LOCKED`),
        due: await explain(sql`
          EXPLAIN SELECT id FROM task_reminders WHERE fired_at IS NULL AND remind_at <= now()
          ORDER BY remind_at LIMIT 500 FOR UPDATE SKIP LOCKED`),
      };
    });
    expect(plans.overdue).toContain('tasks_overdue_idx');
    expect(plans.due).toContain('task_reminders_due_idx');
    expect(plans.due).not.toContain('Sort');
  });
});

describe('the periodic job', () => {
  it('delivers a reminder within seconds of its time, and one due while the server was off right after start', async () => {
    const p = await team();
    const task = await insertTask(t.database.db, { responsible_id: p.responsible, starts_at: minutes(30) });
    // Due while "the server was down": no app with jobs ran when it came due.
    const missed = await reminder(task, { audience: 'responsible', at: minutes(-20) });
    const soon = await reminder(task, { audience: 'responsible', anchor: 'absolute', offset: 0, at: new Date(Date.now() + 1500) });

    // The app of this file runs no jobs; a second one on the same database, with jobs, is "the server starting".
    const started = Date.now();
    const app = await buildApp({ config: { ...t.config, backgroundJobs: true }, database: t.database, logger: false });
    await app.ready();
    try {
      await waitFor(async () => (await firedAt(missed)) !== null, 5000);
      await waitFor(async () => (await firedAt(soon)) !== null, 8000);
      const fired = (await firedAt(soon))!.getTime();
      const due = started + 1500;
      expect(fired - due).toBeLessThan(5000);
      expect(backgroundJobsOf(app)).toBeDefined();
      expect(await notificationsOf(p.responsible, 'task_reminder')).toHaveLength(2);
    } finally {
      await app.close();
    }
    expect(backgroundJobsOf(app)).toBeUndefined();
  });
});
