import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { NOTIFICATION_KINDS } from '@kontakt/shared';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { notifyMany } from '../../platform/notifications/notify.js';
import { QUEUES } from '../../platform/jobs/jobs.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function user() {
  const created = await newUser(t.database.db);
  return { ...created, agent: await t.login(created.email) };
}

async function setSmtp(on: boolean) {
  const smtp = on ? JSON.stringify({ host: '127.0.0.1', port: 2525, secure: false, user: null, password: null, from: 'crm@test.example' }) : null;
  await t.database.db.updateTable('company').set({ smtp }).where('id', '=', 1).execute();
}

async function emailJobsFor(userId: string) {
  const result = await sql<{ kind: string }>`SELECT data->>'kind' AS kind FROM pgboss.job WHERE name = ${QUEUES.notificationEmail.name} AND data->>'userId' = ${userId} ORDER BY created_on`.execute(
    t.database.db,
  );
  return result.rows.map((r) => r.kind);
}

async function inApp(userId: string) {
  return (await t.database.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).orderBy('id').execute()).map((r) => r.kind);
}

describe('notification preferences', () => {
  it('list every kind with its defaults, and whether email can be sent at all', async () => {
    await setSmtp(false);
    const anna = await user();
    const answer = (await anna.agent.get('/api/v1/profile/notifications')).json();
    expect(answer.emailAvailable).toBe(false);
    expect(answer.events.map((e: { kind: string }) => e.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(answer.events.find((e: { kind: string }) => e.kind === 'task_reminder')).toEqual({ kind: 'task_reminder', inApp: true, email: true });
    expect(answer.events.find((e: { kind: string }) => e.kind === 'task_comment')).toEqual({ kind: 'task_comment', inApp: true, email: false });
    await setSmtp(true);
    expect((await anna.agent.get('/api/v1/profile/notifications')).json().emailAvailable).toBe(true);
  });

  it('are changed kind by kind, audited, and refuse unknown kinds', async () => {
    const boris = await user();
    const saved = await boris.agent.request('PUT', '/api/v1/profile/notifications', { events: [{ kind: 'task_comment', inApp: false, email: true }] });
    expect(saved.statusCode).toBe(200);
    const comment = saved.json().events.find((e: { kind: string }) => e.kind === 'task_comment');
    expect(comment).toEqual({ kind: 'task_comment', inApp: false, email: true });
    // Another kind later leaves the first as it was.
    await boris.agent.request('PUT', '/api/v1/profile/notifications', { events: [{ kind: 'task_overdue', inApp: true, email: false }] });
    const events = (await boris.agent.get('/api/v1/profile/notifications')).json().events;
    expect(events.find((e: { kind: string }) => e.kind === 'task_comment')).toEqual(comment);
    expect(events.find((e: { kind: string }) => e.kind === 'task_overdue')).toEqual({ kind: 'task_overdue', inApp: true, email: false });
    const audit = await t.database.db.selectFrom('audit_log').select(['changes']).where('object_id', '=', boris.id).where('action', '=', 'update').orderBy('id').execute();
    expect(audit.map((a) => Object.keys(a.changes ?? {}))).toEqual([['notifications.task_comment'], ['notifications.task_overdue']]);

    const bad = await boris.agent.request('PUT', '/api/v1/profile/notifications', { events: [{ kind: 'lottery_win', inApp: true, email: 'yes' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['events.0.email', 'events.0.kind']);
    expect((await t.anonymous().get('/api/v1/profile/notifications')).statusCode).toBe(401);
  });

  it('decide whether a notification lands in the bell and whether an email is queued', async () => {
    await setSmtp(true);
    const vera = await user();
    await vera.agent.request('PUT', '/api/v1/profile/notifications', {
      events: [
        { kind: 'task_reminder', inApp: false, email: true },
        { kind: 'task_comment', inApp: true, email: false },
        { kind: 'task_assigned', inApp: false, email: false },
      ],
    });
    await notifyMany(t.database.db, [
      { userId: vera.id, kind: 'task_reminder', params: { title: 'Звонок' } },
      { userId: vera.id, kind: 'task_comment', params: { title: 'Звонок' } },
      { userId: vera.id, kind: 'task_assigned', params: { title: 'Звонок' } },
      // Defaults: in the bell and by email.
      { userId: vera.id, kind: 'task_overdue', params: { title: 'Звонок' } },
    ]);
    expect(await inApp(vera.id)).toEqual(['task_comment', 'task_overdue']);
    expect((await emailJobsFor(vera.id)).sort()).toEqual(['task_overdue', 'task_reminder']);
  });

  it('queue no email while the company has no mail server, nor when the change rolls back', async () => {
    const gleb = await user();
    await setSmtp(false);
    await notifyMany(t.database.db, [{ userId: gleb.id, kind: 'task_assigned', params: { title: 'Встреча' } }]);
    expect(await inApp(gleb.id)).toEqual(['task_assigned']);
    expect(await emailJobsFor(gleb.id)).toEqual([]);

    await setSmtp(true);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await notifyMany(trx, [{ userId: gleb.id, kind: 'task_assigned', params: { title: 'Встреча' } }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await emailJobsFor(gleb.id)).toEqual([]);
    expect(await inApp(gleb.id)).toEqual(['task_assigned']);
  });
});
