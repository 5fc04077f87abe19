import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { waitFor } from '../../testing/two-instances.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications/notify.js';
import { QUEUES } from '../../platform/jobs/jobs.js';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from '../../platform/mail/mail.testing.js';
import { insertTask } from '../tasks/tasks.testing.js';

let t: TestApp;
let inbox: TestSmtpServer;

beforeAll(async () => {
  inbox = await startTestSmtpServer();
  t = await createTestApp({ backgroundJobs: true, publicUrl: 'https://crm.example.test' });
  await useSmtpPort(inbox.port);
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

async function useSmtpPort(port: number) {
  const smtp = JSON.stringify({ host: '127.0.0.1', port, secure: false, user: null, password: null, from: 'Контакт <crm@test.example>' });
  await t.database.db.updateTable('company').set({ smtp }).where('id', '=', 1).execute();
}

async function person(language: 'ru' | 'uk' | 'en', name: string, timeZone = 'Europe/Moscow') {
  const created = await newUser(t.database.db, { name });
  await t.database.db.updateTable('users').set({ language, time_zone: timeZone }).where('id', '=', created.id).execute();
  return created;
}

describe('notification emails', () => {
  it('a reminder reaches the reader by email in their language and time zone, with a link to the task', async () => {
    const oksana = await person('uk', 'Оксана Коваль', 'Europe/Kyiv');
    const startsAt = new Date('2031-03-14T08:30:00Z');
    const task = await insertTask(t.database.db, { title: 'Дзвінок ТОВ «Ромашка»', responsible_id: oksana.id, starts_at: startsAt });
    await t.database.db
      .insertInto('task_reminders')
      .values({ id: newId(), task_id: task, audience: 'responsible', anchor: 'start', offset_minutes: 15, remind_at: new Date(Date.now() - 1000) })
      .execute();

    const [letter] = await inbox.waitForLetters(1, 15_000);
    expect(letter!.to).toEqual([oksana.email]);
    expect(letter!.from).toBe('crm@test.example');
    // 08:30 UTC is 10:30 in Kyiv in March.
    expect(letter!.subject).toBe('Нагадування: «Дзвінок ТОВ „Ромашка“» починається 14 березня 2031 р. о 10:30');
    expect(letter!.text).toContain(`Відкрити в Контакті: https://crm.example.test/tasks/${task}`);
    expect(letter!.text).toContain('https://crm.example.test/profile?tab=notifications');
    expect(letter!.html).toContain(`href="https://crm.example.test/tasks/${task}"`);
    expect(letter!.html).toContain('«Дзвінок ТОВ „Ромашка“»');
  });

  it('names who did it, and escapes what users typed', async () => {
    const john = await person('en', 'John Smith');
    const boss = await newUser(t.database.db, { name: 'Анна <Петрова>' });
    const taskId = newId();
    await notify(t.database.db, { userId: john.id, kind: 'task_assigned', params: { title: 'Offer <b>now</b>' }, recordType: 'task', recordId: taskId, actorId: boss.id });
    const letter = (await inbox.waitForLetters(2, 15_000))[1]!;
    expect(letter.subject).toBe('Анна <Петрова> assigned you task “Offer <b>now</b>”');
    expect(letter.html).toContain('Offer &lt;b&gt;now&lt;/b&gt;');
    expect(letter.html).not.toContain('<b>now</b>');
  });

  it('a mail server that is down is tried again later, and the letter goes once it is back', async () => {
    const ivan = await person('ru', 'Иван Орлов');
    await useSmtpPort(await closedPort());
    await notify(t.database.db, { userId: ivan.id, kind: 'task_overdue', params: { title: 'Договор', deadline: '2031-03-14T08:30:00Z' }, recordType: 'task', recordId: newId() });
    const job = async () =>
      (
        await sql<{ state: string; retry_count: number }>`SELECT state, retry_count FROM pgboss.job WHERE name = ${QUEUES.notificationEmail.name} AND data->>'userId' = ${ivan.id}`.execute(
          t.database.db,
        )
      ).rows[0];
    await waitFor(async () => (await job())?.state === 'retry', 15_000);

    await useSmtpPort(inbox.port);
    // The next attempt is 30 s away by the back-off; bring it forward instead of waiting.
    await sql`UPDATE pgboss.job SET start_after = now() WHERE name = ${QUEUES.notificationEmail.name} AND data->>'userId' = ${ivan.id}`.execute(t.database.db);
    const letter = (await inbox.waitForLetters(3, 15_000))[2]!;
    expect(letter.to).toEqual([ivan.email]);
    expect(letter.subject).toBe('Просрочена задача «Договор» (срок 14 марта 2031 г. в 11:30)');
    await waitFor(async () => (await job())?.state === 'completed', 10_000);
    // Sent on the second attempt.
    expect((await job())!.retry_count).toBe(1);
  });
});
