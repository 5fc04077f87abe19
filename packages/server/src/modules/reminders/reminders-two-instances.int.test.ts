import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/connection.js';
import { newUser } from '../../testing/factories.js';
import { startTwoInstances, type TwoInstances } from '../../testing/two-instances.js';
import { newId } from '../../platform/ids.js';
import { insertTask } from '../tasks/tasks.testing.js';
import { backgroundJobsOf } from '../notifications/notification-delivery.js';

/**
 * Two app instances with background jobs on one database, as behind a load balancer. On PostgreSQL each has
 * its own connection pool, so their sweeps really race for the same rows; every reminder must still be
 * delivered exactly once.
 */
let first: Database;
let a: FastifyInstance;
let b: FastifyInstance;
let instances: TwoInstances;

beforeAll(async () => {
  instances = await startTwoInstances(loadConfig({}, { passwordHashCost: 10, checkResponses: true, backgroundJobs: true, logLevel: 'silent' }));
  ({ first, a, b } = instances);
});
afterAll(() => instances.close());

describe('reminders with two app instances', () => {
  it('each due reminder reaches each of its people exactly once', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => newUser(first.db)));
    const tasks: { id: string; people: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const responsible = users[i % users.length]!.id;
      const participant = users[(i + 1) % users.length]!.id;
      tasks.push({ id: await insertTask(first.db, { responsible_id: responsible, participantIds: [participant], starts_at: new Date(Date.now() + 3_600_000) }), people: 2 });
    }
    // All due at the same moment, so both instances' sweeps find them at once.
    const due = new Date(Date.now() + 1000);
    const perTask = 30;
    await first.db
      .insertInto('task_reminders')
      .values(tasks.flatMap((task) => Array.from({ length: perTask }, () => ({ id: newId(), task_id: task.id, audience: 'all', anchor: 'absolute', offset_minutes: 0, remind_at: due }))))
      .execute();

    await new Promise((r) => setTimeout(r, 1100));
    // Besides the instances' own ticks, make both sweep side by side a few times.
    for (let i = 0; i < 3; i++) {
      await Promise.all([backgroundJobsOf(a)!.runNow('task-reminders'), backgroundJobsOf(b)!.runNow('task-reminders')]);
    }

    const unfired = await first.db.selectFrom('task_reminders').select(sql<number>`count(*)::int`.as('n')).where('fired_at', 'is', null).executeTakeFirstOrThrow();
    expect(unfired.n).toBe(0);
    const counts = await first.db
      .selectFrom('notifications')
      .select(['record_id', 'user_id', sql<number>`count(*)::int`.as('n')])
      .where('kind', '=', 'task_reminder')
      .where('record_id', 'in', tasks.map((t) => t.id))
      .groupBy(['record_id', 'user_id'])
      .execute();
    expect(counts).toHaveLength(tasks.length * 2);
    expect(new Set(counts.map((c) => c.n))).toEqual(new Set([perTask]));
  });

  it('a missed deadline is announced once', async () => {
    const [responsible, controller] = await Promise.all([newUser(first.db), newUser(first.db)]);
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => insertTask(first.db, { responsible_id: responsible.id, controller_id: controller.id, due_at: new Date(Date.now() - 1000 - i) })),
    );
    for (let i = 0; i < 3; i++) {
      await Promise.all([backgroundJobsOf(a)!.runNow('task-overdue'), backgroundJobsOf(b)!.runNow('task-overdue')]);
    }
    for (const user of [responsible, controller]) {
      const rows = await first.db.selectFrom('notifications').select('record_id').where('user_id', '=', user.id).where('kind', '=', 'task_overdue').execute();
      expect(rows.map((r) => r.record_id).sort()).toEqual([...ids].sort());
    }
  });
});
