import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withEventList, type BuiltInRole, type CalendarWithEventsDto } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { insertTask, taskTypeId } from '../tasks/tasks.testing.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function employee(role: BuiltInRole, departmentId: string | null = null, name?: string) {
  const user = await newUser(t.database.db, { role, departmentId, name });
  return { ...user, agent: await t.login(user.email) };
}

const at = (s: string) => new Date(s);
/** A week in Moscow time, as the web app asks for it. */
const WEEK = { from: '2026-03-02T00:00:00+03:00', to: '2026-03-09T00:00:00+03:00' };

async function calendarOf(agent: Agent, userIds: string[] = [], period = WEEK): Promise<CalendarWithEventsDto> {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  for (const id of userIds) params.append('userIds', id);
  const response = await agent.get(`/api/v1/calendar?${params}`);
  expect(response.statusCode, response.body).toBe(200);
  return withEventList(response.json());
}
const titles = (c: CalendarWithEventsDto) => c.events.map((e) => e.title).sort();

describe('GET /calendar', () => {
  it('shows my tasks in the period: timed, due-only at the deadline, all-day, long ones started earlier; not cancelled, undated or outside ones', async () => {
    const me = await employee('manager');
    const db = t.database.db;
    const org = await insertOrganization(db, { name: 'ООО «Ромашка»', responsibleId: me.id });
    const person = await insertPerson(db, { lastName: 'Антонов', firstName: 'Юрий', responsibleId: me.id });
    const meeting = await taskTypeId(db, 'meeting');
    const timed = await insertTask(db, {
      responsible_id: me.id,
      title: 'Первая презентация',
      type_id: meeting,
      organization_id: org.id,
      person_id: person.id,
      starts_at: at('2026-03-03T10:00:00+03:00'),
      ends_at: at('2026-03-03T11:30:00+03:00'),
    });
    const due = await insertTask(db, { responsible_id: me.id, title: 'Отправить КП', person_id: person.id, due_at: at('2026-03-05T18:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Весь день', all_day: true, starts_at: at('2026-03-06T00:00:00+03:00') });
    await insertTask(db, {
      responsible_id: me.id,
      title: 'Командировка',
      starts_at: at('2026-02-26T09:00:00+03:00'),
      ends_at: at('2026-03-03T18:00:00+03:00'),
    });
    await insertTask(db, { responsible_id: me.id, title: 'Через полночь', starts_at: at('2026-03-01T23:00:00+03:00'), ends_at: at('2026-03-02T01:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Закончилась до', starts_at: at('2026-03-01T20:00:00+03:00'), ends_at: at('2026-03-01T21:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Позвонил', status: 'done', completed_at: at('2026-03-04T12:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Отменена', status: 'cancelled', starts_at: at('2026-03-04T12:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Без даты' });
    await insertTask(db, { responsible_id: me.id, title: 'На следующей неделе', starts_at: at('2026-03-09T09:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Удалена', starts_at: at('2026-03-04T09:00:00+03:00'), deleted_at: new Date() });

    const calendar = await calendarOf(me.agent);
    expect(titles(calendar)).toEqual(['Весь день', 'Командировка', 'Отправить КП', 'Первая презентация', 'Позвонил', 'Через полночь'].sort());
    expect(calendar.truncated).toBe(false);
    expect(calendar.users).toEqual([
      { id: me.id, name: expect.any(String), workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, absences: [] },
    ]);
    const first = calendar.events.find((e) => e.id === timed)!;
    expect(first).toMatchObject({
      typeId: meeting,
      status: 'planned',
      anchor: 'start',
      start: '2026-03-03T07:00:00.000Z',
      end: '2026-03-03T08:30:00.000Z',
      clientName: 'ООО «Ромашка»',
      responsibleId: me.id,
      userIds: [me.id],
      // The week is long past: what was planned in it is overdue, what was done is not.
      overdue: true,
      canEdit: true,
      version: 1,
    });
    // A task on a person alone shows the person.
    expect(calendar.events.find((e) => e.id === due)).toMatchObject({ anchor: 'due', start: '2026-03-05T15:00:00.000Z', end: null, clientName: 'Антонов Юрий' });
    expect(calendar.events.find((e) => e.title === 'Командировка')!.clientName).toBeNull();
    expect(calendar.events.find((e) => e.title === 'Позвонил')).toMatchObject({ anchor: 'done', start: '2026-03-04T09:00:00.000Z', end: null, overdue: false });
    expect(calendar.events.find((e) => e.title === 'Весь день')).toMatchObject({ anchor: 'start', allDay: true, start: '2026-03-05T21:00:00.000Z' });
    expect(calendar.types.find((type) => type.id === meeting)).toEqual({ id: meeting, key: 'meeting', name: null, icon: 'users', color: 'blue' });
    expect(calendar.types).toHaveLength(2);
  });

  it('shows several employees side by side, each event under everyone chosen who takes part', async () => {
    const dept = await newDepartment(t.database.db);
    const anna = await employee('manager', dept.id, 'Анна');
    const boris = await employee('manager', dept.id, 'Борис');
    const shared = await insertTask(t.database.db, {
      responsible_id: anna.id,
      title: 'Совместная встреча',
      starts_at: at('2026-03-04T15:00:00+03:00'),
      participantIds: [boris.id],
    });
    await insertTask(t.database.db, { responsible_id: boris.id, title: 'Звонок Бориса', starts_at: at('2026-03-04T10:00:00+03:00'), created_by: anna.id });
    const third = await employee('manager', dept.id);
    const theirs = await insertTask(t.database.db, {
      responsible_id: third.id,
      title: 'Чужая встреча с обоими',
      created_by: anna.id,
      starts_at: at('2026-03-05T15:00:00+03:00'),
      participantIds: [anna.id, boris.id],
    });
    const trip = await insertTask(t.database.db, {
      responsible_id: third.id,
      title: 'Выставка',
      starts_at: at('2026-02-20T09:00:00+03:00'),
      ends_at: at('2026-03-04T18:00:00+03:00'),
      participantIds: [boris.id],
    });
    const calendar = await calendarOf(anna.agent, [anna.id, boris.id]);
    expect(calendar.users.map((u) => u.name)).toEqual(['Анна', 'Борис']);
    expect(calendar.events.find((e) => e.id === shared)?.userIds).toEqual([anna.id, boris.id]);
    expect(calendar.events.find((e) => e.id === theirs)?.userIds.sort()).toEqual([anna.id, boris.id].sort());
    // Anna may not see a colleague's task she has no part in, however long it is.
    expect(calendar.events.find((e) => e.id === trip)).toBeUndefined();
    expect(titles(calendar)).toEqual(['Звонок Бориса', 'Совместная встреча', 'Чужая встреча с обоими']);
    expect((await calendarOf(boris.agent, [boris.id])).events.find((e) => e.id === trip)).toMatchObject({ userIds: [boris.id], start: '2026-02-20T06:00:00.000Z' });
    // The participant sees it as their own busy time (in their column only); moving it is the responsible's.
    const fromBoris = await calendarOf(boris.agent, [boris.id]);
    expect(fromBoris.events.find((e) => e.id === shared)).toMatchObject({ userIds: [boris.id], canEdit: false });
  });

  it('keeps a colleague’s private tasks out of a manager’s view unless the manager takes part; a head sees the department', async () => {
    const dept = await newDepartment(t.database.db);
    const head = await employee('head', dept.id);
    await t.database.db.updateTable('departments').set({ head_id: head.id }).where('id', '=', dept.id).execute();
    const viewer = await employee('manager', dept.id);
    const colleague = await employee('manager', dept.id);
    const db = t.database.db;
    await insertTask(db, { responsible_id: colleague.id, title: 'Личное', starts_at: at('2026-03-03T09:00:00+03:00') });
    await insertTask(db, { responsible_id: colleague.id, title: 'С участием', starts_at: at('2026-03-03T12:00:00+03:00'), participantIds: [viewer.id] });
    await insertTask(db, { responsible_id: colleague.id, title: 'Под контролем', starts_at: at('2026-03-03T14:00:00+03:00'), controller_id: viewer.id });
    expect(titles(await calendarOf(viewer.agent, [colleague.id]))).toEqual(['Под контролем', 'С участием']);
    const headView = await calendarOf((await t.login(head.email)), [colleague.id, viewer.id]);
    expect(titles(headView)).toEqual(['Личное', 'Под контролем', 'С участием']);
    expect(headView.events.every((e) => e.canEdit)).toBe(true);
  });

  it('refuses employees the actor may not see, bad periods and anonymous callers, with field messages', async () => {
    const me = await employee('manager', (await newDepartment(t.database.db)).id);
    const stranger = await employee('manager', (await newDepartment(t.database.db)).id);
    const response = await me.agent.get(`/api/v1/calendar?from=${encodeURIComponent(WEEK.from)}&to=${encodeURIComponent(WEEK.to)}&userIds=${me.id},${stranger.id}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'userIds.1', code: 'not_found', message: 'Не найдено' }]);

    const backwards = await me.agent.get(`/api/v1/calendar?from=${encodeURIComponent(WEEK.to)}&to=${encodeURIComponent(WEEK.from)}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'to', code: 'before_start', message: 'Не раньше начала' }]);
    const tooLong = await me.agent.get('/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z', { 'accept-language': 'en' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'to', code: 'too_big', params: { max: 62 } });
    const badId = await me.agent.get(`/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&userIds=nope`);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0]).toMatchObject({ code: 'invalid_id' });
    expect((await me.agent.get('/api/v1/calendar?from=yesterday&to=2026-01-02T00:00:00Z')).statusCode).toBe(400);
    expect((await t.anonymous().get(`/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)).statusCode).toBe(401);
  });

  it('gives each employee’s absences and working hours (their own, else the company’s)', async () => {
    const dept = await newDepartment(t.database.db);
    const anna = await employee('manager', dept.id);
    const boris = await employee('manager', dept.id);
    await t.database.db
      .updateTable('users')
      .set({ working_hours: JSON.stringify({ days: [1, 2, 3, 4], from: '10:00', to: '16:00' }) })
      .where('id', '=', boris.id)
      .execute();
    expect((await boris.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: '2026-03-05', endsOn: '2026-03-12' })).statusCode).toBe(201);
    expect((await boris.agent.post('/api/v1/absences', { kind: 'sick_leave', startsOn: '2026-02-01', endsOn: '2026-02-03' })).statusCode).toBe(201);
    const calendar = await calendarOf(anna.agent, [anna.id, boris.id]);
    expect(calendar.users[0]).toMatchObject({ workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, absences: [] });
    expect(calendar.users[1]).toMatchObject({
      workingHours: { days: [1, 2, 3, 4], from: '10:00', to: '16:00' },
      absences: [{ kind: 'vacation', startsOn: '2026-03-05', endsOn: '2026-03-12', canEdit: false }],
    });
  });

  it('cuts a period with too many events and says so, keeping the earliest', async () => {
    const me = await employee('manager');
    const typeId = await taskTypeId(t.database.db);
    // 2,000 on Tuesday and 1,001 on Saturday: both halves of the week the server reads side by side.
    await sql`
      INSERT INTO tasks (id, type_id, title, responsible_id, created_by, starts_at)
      SELECT gen_random_uuid(), ${typeId}, 'Звонок ' || i, ${me.id}, ${me.id},
        CASE WHEN i <= 2000 THEN '2026-03-03T06:00:00Z'::timestamptz ELSE '2026-03-07T06:00:00Z'::timestamptz END + i * interval '1 second'
      FROM generate_series(1, 3001) AS s(i)`.execute(t.database.db);
    const calendar = await calendarOf(me.agent);
    expect(calendar.events).toHaveLength(3000);
    expect(calendar.truncated).toBe(true);
    expect(calendar.events.map((e) => e.title)).toEqual(Array.from({ length: 3000 }, (_, i) => `Звонок ${i + 1}`));
    // Each event's fields belong together: the 2,001st call is Saturday's first.
    expect(calendar.events[2000]).toMatchObject({ title: 'Звонок 2001', start: '2026-03-07T06:33:21.000Z', typeId });
    expect(calendar.types.map((type) => type.id)).toEqual([typeId]);
  });

  it('gives an event at the middle of the period, or across it, once; lists come in time order, fields together', async () => {
    const me = await employee('manager');
    const db = t.database.db;
    // The week's middle is Thursday 12:00 in Moscow (09:00 UTC).
    await insertTask(db, { responsible_id: me.id, title: 'Ровно в середине', starts_at: at('2026-03-05T12:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Через середину', starts_at: at('2026-03-05T11:00:00+03:00'), ends_at: at('2026-03-05T13:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Перед серединой', due_at: at('2026-03-05T11:59:59+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'В субботу', starts_at: at('2026-03-07T10:00:00+03:00') });
    await insertTask(db, { responsible_id: me.id, title: 'Во вторник', starts_at: at('2026-03-03T10:00:00+03:00') });
    const calendar = await calendarOf(me.agent);
    expect(calendar.events.map((e) => [e.title, e.start])).toEqual([
      ['Во вторник', '2026-03-03T07:00:00.000Z'],
      ['Через середину', '2026-03-05T08:00:00.000Z'],
      ['Перед серединой', '2026-03-05T08:59:59.000Z'],
      ['Ровно в середине', '2026-03-05T09:00:00.000Z'],
      ['В субботу', '2026-03-07T07:00:00.000Z'],
    ]);
    expect(calendar.truncated).toBe(false);
  });

  it('answers an empty period with empty lists', async () => {
    const me = await employee('manager');
    const response = await me.agent.get(`/api/v1/calendar?from=${encodeURIComponent(WEEK.from)}&to=${encodeURIComponent(WEEK.to)}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.events.id).toEqual([]);
    expect(body.events.clientName).toEqual([]);
    expect(body).toMatchObject({ truncated: false, types: [] });
  });
});

describe('working hours', () => {
  it('the company’s: everyone reads them, only settings editors change them, with a version and an audit entry', async () => {
    const admin = await employee('administrator');
    const manager = await employee('manager');
    const before = (await manager.agent.get('/api/v1/working-hours')).json();
    expect(before).toMatchObject({ workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, canEdit: false });
    const body = { workingHours: { days: [5, 1, 2, 3, 4, 1], from: '08:30', to: '17:30' }, version: before.version };
    expect((await manager.agent.request('PUT', '/api/v1/working-hours', body)).statusCode).toBe(403);
    const saved = await admin.agent.request('PUT', '/api/v1/working-hours', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ workingHours: { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' }, canEdit: true, version: before.version + 1 });
    expect((await admin.agent.request('PUT', '/api/v1/working-hours', body)).statusCode).toBe(409);
    const backwards = await admin.agent.request('PUT', '/api/v1/working-hours', { workingHours: { days: [1], from: '18:00', to: '09:00' }, version: before.version + 1 });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'workingHours.to', code: 'before_start', message: 'Не раньше начала' }]);
    const badTime = await admin.agent.request('PUT', '/api/v1/working-hours', { workingHours: { days: [8], from: '9:00', to: '25:00' }, version: 1 });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['workingHours.days.0', 'workingHours.from', 'workingHours.to']);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', 'working_hours').execute();
    expect(audit).toHaveLength(1);
    // Put them back for the other tests.
    await admin.agent.request('PUT', '/api/v1/working-hours', { workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, version: before.version + 1 });
  });

  it('an employee’s own: the employee or a head of the department sets them, a colleague cannot; null returns to the company’s', async () => {
    const dept = await newDepartment(t.database.db);
    const head = await employee('head', dept.id);
    await t.database.db.updateTable('departments').set({ head_id: head.id }).where('id', '=', dept.id).execute();
    const me = await employee('manager', dept.id);
    const colleague = await employee('manager', dept.id);
    const outsider = await employee('manager', (await newDepartment(t.database.db)).id);
    const url = `/api/v1/users/${me.id}/working-hours`;
    const initial = (await me.agent.get(url)).json();
    expect(initial).toMatchObject({ own: null, workingHours: { from: '09:00' }, company: { from: '09:00' }, canEdit: true });
    const mine = await me.agent.request('PUT', url, { workingHours: { days: [1, 2, 3], from: '12:00', to: '20:00' }, version: initial.version });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ own: { days: [1, 2, 3], from: '12:00', to: '20:00' }, workingHours: { from: '12:00' } });
    expect((await colleague.agent.get(url)).json().canEdit).toBe(false);
    expect((await colleague.agent.request('PUT', url, { workingHours: null, version: mine.json().version })).statusCode).toBe(403);
    expect((await outsider.agent.get(url)).statusCode).toBe(404);
    const headAgent = await t.login(head.email);
    expect((await headAgent.request('PUT', url, { workingHours: null, version: initial.version })).statusCode).toBe(409);
    const reset = await headAgent.request('PUT', url, { workingHours: null, version: mine.json().version });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ own: null, workingHours: { from: '09:00', to: '18:00' } });
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id']).where('object_id', '=', me.id).where('action', '=', 'update').execute();
    expect(audit.map((a) => a.actor_id).sort()).toEqual([me.id, head.id].sort());
  });
});
