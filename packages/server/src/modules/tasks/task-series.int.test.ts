import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { taskTypeId } from './tasks.testing.js';

let t: TestApp;
let kyiv: { id: string; agent: Agent };
let moscow: { id: string; agent: Agent };
let callType: string;

async function userIn(timeZone: string) {
  const user = await newUser(t.database.db);
  await t.database.db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', user.id).execute();
  return { id: user.id, agent: await t.login(user.email) };
}

beforeAll(async () => {
  t = await createTestApp();
  kyiv = await userIn('Europe/Kyiv');
  moscow = await userIn('Europe/Moscow');
  callType = await taskTypeId(t.database.db, 'call');
});
afterAll(() => t.close());

const errorsOf = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map(({ field, code }) => ({ field, code }));

interface Task {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  seriesId: string | null;
  rrule: string | null;
  occurrenceAt: string | null;
  version: number;
  status: string;
  reminders: { remindAt: string }[];
}

async function seriesOf(agent: Agent, ids: string[]): Promise<(Task | null)[]> {
  return Promise.all(ids.map(async (id) => {
    const response = await agent.get(`/api/v1/tasks/${id}`);
    return response.statusCode === 200 ? (response.json() as Task) : null;
  }));
}

/** A weekly call on Thursdays at 10:00 Kyiv time from 19 March 2026: Kyiv moves its clocks on 29 March. */
async function weeklyCall(agent: Agent, count = 6) {
  const response = await agent.post('/api/v1/tasks', {
    typeId: callType,
    title: 'Еженедельный звонок',
    startsAt: '2026-03-19T08:00:00.000Z',
    endsAt: '2026-03-19T08:30:00.000Z',
    rrule: `RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=${count}`,
    reminders: [{ anchor: 'start', offsetMinutes: 15 }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Task & { createdIds: string[] };
}

describe('recurring tasks', () => {
  it('materializes every occurrence at the same local time across a change of the clocks', async () => {
    const created = await weeklyCall(kyiv.agent);
    expect(created.createdIds).toHaveLength(6);
    const tasks = (await seriesOf(kyiv.agent, created.createdIds)) as Task[];
    expect(tasks.map((x) => x.startsAt)).toEqual([
      '2026-03-19T08:00:00.000Z',
      '2026-03-26T08:00:00.000Z',
      '2026-04-02T07:00:00.000Z',
      '2026-04-09T07:00:00.000Z',
      '2026-04-16T07:00:00.000Z',
      '2026-04-23T07:00:00.000Z',
    ]);
    expect(tasks.map((x) => x.endsAt)).toEqual(tasks.map((x) => new Date(Date.parse(x.startsAt) + 30 * 60_000).toISOString()));
    expect(new Set(tasks.map((x) => x.seriesId)).size).toBe(1);
    expect(tasks.every((x) => x.rrule === 'FREQ=WEEKLY;BYDAY=TH;COUNT=6' && x.occurrenceAt === x.startsAt)).toBe(true);
    expect(tasks.map((x) => x.reminders[0]!.remindAt)).toEqual(tasks.map((x) => new Date(Date.parse(x.startsAt) - 15 * 60_000).toISOString()));

    // Moscow keeps one offset all year: the same rule stays at the same UTC time.
    const inMoscow = (
      await moscow.agent.post('/api/v1/tasks', { typeId: callType, title: 'Москва', startsAt: '2026-03-19T07:00:00.000Z', rrule: 'FREQ=WEEKLY;COUNT=3' })
    ).json();
    expect(((await seriesOf(moscow.agent, inMoscow.createdIds)) as Task[]).map((x) => x.startsAt)).toEqual([
      '2026-03-19T07:00:00.000Z',
      '2026-03-26T07:00:00.000Z',
      '2026-04-02T07:00:00.000Z',
    ]);
    // Autumn: 09:00 Kyiv is 06:00Z in summer time and 07:00Z after 25 October.
    const autumn = (
      await kyiv.agent.post('/api/v1/tasks', { typeId: callType, title: 'Осень', dueAt: '2026-10-24T06:00:00.000Z', rrule: 'FREQ=DAILY;UNTIL=20261026T235959Z' })
    ).json();
    expect(((await seriesOf(kyiv.agent, autumn.createdIds)) as (Task & { dueAt: string })[]).map((x) => x.dueAt)).toEqual([
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
    ]);
  });

  it('refuses a rule that never ends, one too long, one it cannot read and one without a date', async () => {
    const post = (rrule: string, dates: Record<string, string> = { startsAt: '2026-03-19T08:00:00.000Z' }) =>
      kyiv.agent.post('/api/v1/tasks', { typeId: callType, title: 'X', rrule, ...dates }, { 'accept-language': 'ru' });
    const endless = await post('FREQ=WEEKLY;BYDAY=MO');
    expect(errorsOf(endless.json())).toEqual([{ field: 'rrule', code: 'rrule_unbounded' }]);
    expect(endless.json().errors[0].message).toBe(
      'Повторение должно заканчиваться: укажите число повторений (не больше 500) или дату окончания (не дальше 1830 дней)',
    );
    expect(errorsOf((await post('FREQ=DAILY;COUNT=501')).json())).toEqual([{ field: 'rrule', code: 'rrule_unbounded' }]);
    expect(errorsOf((await post('FREQ=DAILY;UNTIL=20400101T000000Z')).json())).toEqual([{ field: 'rrule', code: 'rrule_unbounded' }]);
    expect(errorsOf((await post('FREQ=YEARLY;COUNT=10')).json())).toEqual([{ field: 'rrule', code: 'rrule_unbounded' }]);
    for (const bad of ['каждый понедельник', 'FREQ=WEEKLY;INTERVAL=abc;COUNT=2', 'FREQ=SECONDLY;COUNT=2', 'COUNT=3', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=3']) {
      expect(errorsOf((await post(bad)).json()), bad).toEqual([{ field: 'rrule', code: 'rrule_invalid' }]);
    }
    expect(errorsOf((await post('FREQ=DAILY;COUNT=3', {})).json())).toEqual([{ field: 'rrule', code: 'rrule_needs_start' }]);
  });

  it('changes one occurrence on its own, or it and every later one that was not changed on its own', async () => {
    const created = await weeklyCall(kyiv.agent);
    const [, second, third] = created.createdIds as [string, string, string];
    // The third call moves to 12:00 on its own.
    const one = (await kyiv.agent.patch(`/api/v1/tasks/${third}`, { startsAt: '2026-04-02T09:00:00.000Z', endsAt: '2026-04-02T09:30:00.000Z', scope: 'one', version: 1 })).json();
    expect(one.startsAt).toBe('2026-04-02T09:00:00.000Z');
    // The fifth is done already.
    const fifth = created.createdIds[4]!;
    await kyiv.agent.post(`/api/v1/tasks/${fifth}/complete`, { version: 1, resultKey: 'reached' });
    // From the second on: an hour later (11:00 local) with a new title.
    const following = await kyiv.agent.patch(`/api/v1/tasks/${second}`, {
      title: 'Звонок в 11',
      startsAt: '2026-03-26T09:00:00.000Z',
      endsAt: '2026-03-26T09:30:00.000Z',
      scope: 'following',
      version: 1,
    });
    expect(following.statusCode, following.body).toBe(200);
    const tasks = (await seriesOf(kyiv.agent, created.createdIds)) as Task[];
    expect(tasks.map((x) => [x.title, x.startsAt])).toEqual([
      ['Еженедельный звонок', '2026-03-19T08:00:00.000Z'],
      ['Звонок в 11', '2026-03-26T09:00:00.000Z'],
      ['Еженедельный звонок', '2026-04-02T09:00:00.000Z'],
      ['Звонок в 11', '2026-04-09T08:00:00.000Z'],
      ['Еженедельный звонок', '2026-04-16T07:00:00.000Z'],
      ['Звонок в 11', '2026-04-23T08:00:00.000Z'],
    ]);
    // Reminders moved with their calls.
    expect(tasks[3]!.reminders[0]!.remindAt).toBe('2026-04-09T07:45:00.000Z');
    const audit = await t.database.db.selectFrom('audit_log').select('object_id').where('action', '=', 'update').where('object_id', 'in', created.createdIds).execute();
    expect(new Set(audit.map((a) => a.object_id))).toEqual(new Set([second, third, fifth, created.createdIds[3], created.createdIds[5]]));
  });

  it('keeps every carried-on occurrence ending after it starts', async () => {
    const created = await weeklyCall(kyiv.agent, 3);
    const [first, second] = created.createdIds as [string, string];
    // The first call is two hours long; the second (changed some other way) only ten minutes.
    await kyiv.agent.patch(`/api/v1/tasks/${first}`, { endsAt: '2026-03-19T10:00:00.000Z', version: 1 });
    await t.database.db.updateTable('tasks').set({ ends_at: new Date('2026-03-26T08:10:00.000Z') }).where('id', '=', second).execute();
    const moved = await kyiv.agent.patch(`/api/v1/tasks/${first}`, { startsAt: '2026-03-19T09:00:00.000Z', scope: 'following', version: 2 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(((await seriesOf(kyiv.agent, [second])) as Task[])[0]).toMatchObject({ startsAt: '2026-03-26T09:00:00.000Z', endsAt: '2026-03-26T10:00:00.000Z' });
  });

  it('regenerates the later occurrences when the rule changes, and ends the earlier part of the series', async () => {
    const created = await weeklyCall(kyiv.agent);
    const ids = created.createdIds;
    const changed = await kyiv.agent.patch(`/api/v1/tasks/${ids[3]}`, { rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3', scope: 'following', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    const fourth = changed.json() as Task;
    expect(fourth).toMatchObject({ startsAt: '2026-04-10T07:00:00.000Z', rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3' });
    const old = (await seriesOf(kyiv.agent, ids)) as (Task | null)[];
    expect(old.map((x) => (x ? x.startsAt : null))).toEqual(['2026-03-19T08:00:00.000Z', '2026-03-26T08:00:00.000Z', '2026-04-02T07:00:00.000Z', '2026-04-10T07:00:00.000Z', null, null]);
    expect(old[0]!.rrule).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260409T065959Z');
    expect(fourth.seriesId).not.toBe(old[0]!.seriesId);
    const fresh = await t.database.db.selectFrom('tasks').select(['id', 'starts_at']).where('series_id', '=', fourth.seriesId).where('deleted_at', 'is', null).orderBy('starts_at').execute();
    expect(fresh.map((r) => r.starts_at!.toISOString())).toEqual(['2026-04-10T07:00:00.000Z', '2026-04-17T07:00:00.000Z', '2026-04-24T07:00:00.000Z']);
    const reminders = await t.database.db.selectFrom('task_reminders').select('remind_at').where('task_id', 'in', fresh.map((r) => r.id)).orderBy('remind_at').execute();
    expect(reminders.map((r) => r.remind_at.toISOString())).toEqual(['2026-04-10T06:45:00.000Z', '2026-04-17T06:45:00.000Z', '2026-04-24T06:45:00.000Z']);

    // A plain task becomes a series when it is given a rule.
    const plain = (await kyiv.agent.post('/api/v1/tasks', { typeId: callType, title: 'Разовый', startsAt: '2026-05-04T07:00:00.000Z' })).json();
    const nowRecurring = (await kyiv.agent.patch(`/api/v1/tasks/${plain.id}`, { rrule: 'FREQ=DAILY;COUNT=3', version: 1 })).json();
    expect(nowRecurring.seriesId).not.toBeNull();
    expect(await t.database.db.selectFrom('tasks').select('id').where('series_id', '=', nowRecurring.seriesId).execute()).toHaveLength(3);
    const endless = await kyiv.agent.patch(`/api/v1/tasks/${plain.id}`, { rrule: 'FREQ=DAILY', version: 2 });
    expect(errorsOf(endless.json())).toEqual([{ field: 'rrule', code: 'rrule_unbounded' }]);
    // No rule from here on: the later ones go, this one stays as a plain task.
    const ended = (await kyiv.agent.patch(`/api/v1/tasks/${plain.id}`, { rrule: null, scope: 'following', version: 2 })).json();
    expect(ended).toMatchObject({ seriesId: null, rrule: null });
    expect(await t.database.db.selectFrom('tasks').select('id').where('series_id', '=', nowRecurring.seriesId).where('deleted_at', 'is', null).execute()).toHaveLength(0);
  });

  it('deletes one occurrence, or it and the later ones', async () => {
    const created = await weeklyCall(kyiv.agent, 5);
    const ids = created.createdIds;
    expect((await kyiv.agent.delete(`/api/v1/tasks/${ids[1]}`)).statusCode).toBe(204);
    expect((await kyiv.agent.delete(`/api/v1/tasks/${ids[2]}?scope=following`)).statusCode).toBe(204);
    expect((await seriesOf(kyiv.agent, ids)).map((x) => !!x)).toEqual([true, false, false, false, false]);
    const remaining = (await kyiv.agent.get(`/api/v1/tasks/${ids[0]}`)).json();
    expect(remaining.rrule).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260402T065959Z');
    const unfired = await t.database.db.selectFrom('task_reminders').select('id').where('task_id', 'in', ids.slice(1)).execute();
    expect(unfired).toHaveLength(0);
  });
});
