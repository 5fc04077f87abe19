import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { employ, taskTypeId } from './tasks.testing.js';

let t: TestApp;
let admin: Agent;
let me: { id: string; agent: Agent };
let typeId: string;
let callType: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  const user = await newUser(t.database.db, { role: 'manager', name: 'Менеджер Задач' });
  me = { id: user.id, agent: await t.login(user.email) };
  typeId = await taskTypeId(t.database.db, 'task');
  callType = await taskTypeId(t.database.db, 'call');
});
afterAll(() => t.close());

const errorsOf = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map(({ field, code }) => ({ field, code }));
const iso = (offsetHours: number) => new Date(Date.now() + offsetHours * 3_600_000).toISOString();

async function create(agent: Agent, body: Record<string, unknown>) {
  const response = await agent.post('/api/v1/tasks', { typeId, title: 'Задача', ...body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

describe('tasks: card', () => {
  it('creates a task, reads the same card back and audits it', async () => {
    const created = await me.agent.post('/api/v1/tasks', {
      typeId: callType,
      title: 'Позвонить в «Ромашку»',
      description: 'Уточнить сроки',
      priority: 'high',
      direction: 'outbound',
      startsAt: iso(24),
      endsAt: iso(25),
      plannedResult: 'Договориться о встрече',
    });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({
      title: 'Позвонить в «Ромашку»',
      type: { id: callType, key: 'call' },
      status: 'planned',
      priority: 'high',
      direction: 'outbound',
      responsible: { id: me.id, name: 'Менеджер Задач' },
      author: { id: me.id },
      controller: null,
      depth: 0,
      canEdit: true,
      overdue: false,
      version: 1,
      createdIds: [task.id],
    });
    expect(task.at).toBe(task.startsAt);
    const { createdIds: _, ...card } = task;
    expect((await me.agent.get(`/api/v1/tasks/${task.id}`)).json()).toEqual(card);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'object_label']).where('object_id', '=', task.id).execute();
    expect(audit).toEqual([{ action: 'create', object_label: 'Позвонить в «Ромашку»' }]);
  });

  it('fills in the person’s primary organization and checks the person works in a given one', async () => {
    const db = t.database.db;
    const org = await insertOrganization(db, { responsibleId: me.id });
    const other = await insertOrganization(db, { responsibleId: me.id });
    const person = await insertPerson(db, { responsibleId: me.id });
    await employ(db, person.id, org.id);
    const onPerson = await create(me.agent, { personId: person.id });
    expect(onPerson.organization).toMatchObject({ id: org.id, deleted: false });
    expect(onPerson.person).toMatchObject({ id: person.id });
    const mismatch = await me.agent.post('/api/v1/tasks', { typeId, title: 'X', personId: person.id, organizationId: other.id });
    expect(errorsOf(mismatch.json())).toEqual([{ field: 'personId', code: 'person_not_in_organization' }]);
    // Changing the person alone takes the new person's organization.
    const second = await insertPerson(db, { responsibleId: me.id });
    await employ(db, second.id, other.id);
    const moved = await me.agent.patch(`/api/v1/tasks/${onPerson.id}`, { personId: second.id, version: 1 });
    expect(moved.json().organization.id).toBe(other.id);
  });

  it('refuses a client the user may not view, one that does not exist and one in the bin', async () => {
    const db = t.database.db;
    const stranger = await newUser(db);
    const hidden = await insertOrganization(db, { responsibleId: stranger.id });
    const gone = await insertOrganization(db, { responsibleId: me.id, deleted: true });
    const hiddenPerson = await insertPerson(db, { responsibleId: stranger.id });
    const response = await me.agent.post('/api/v1/tasks', { typeId, title: 'X', organizationId: hidden.id });
    expect(errorsOf(response.json())).toEqual([{ field: 'organizationId', code: 'forbidden' }]);
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId, title: 'X', personId: hiddenPerson.id })).json())).toEqual([
      { field: 'personId', code: 'forbidden' },
    ]);
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId, title: 'X', organizationId: gone.id })).json())).toEqual([
      { field: 'organizationId', code: 'deleted' },
    ]);
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId, title: 'X', organizationId: '0190f000-0000-7000-8000-000000000bad' })).json())).toEqual([
      { field: 'organizationId', code: 'not_found' },
    ]);
  });

  it('names every wrong date, user, type and result in one 400 with messages in the user’s language', async () => {
    const db = t.database.db;
    const inactive = await newUser(db, { active: false });
    const response = await me.agent.post(
      '/api/v1/tasks',
      {
        typeId: callType,
        title: 'X',
        startsAt: iso(5),
        endsAt: iso(4),
        dueAt: iso(3),
        responsibleId: inactive.id,
        controllerId: inactive.id,
        participantIds: [me.id, inactive.id],
        resultKey: 'no_such_result',
      },
      { 'accept-language': 'ru' },
    );
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response.json())).toEqual(
      expect.arrayContaining([
        { field: 'dueAt', code: 'due_before_start' },
        { field: 'endsAt', code: 'before_start' },
        { field: 'responsibleId', code: 'user_inactive' },
        { field: 'controllerId', code: 'user_inactive' },
        { field: 'participantIds.1', code: 'user_inactive' },
        { field: 'resultKey', code: 'invalid_option' },
      ]),
    );
    expect(response.json().errors.find((e: { field: string }) => e.field === 'dueAt').message).toBe('Срок не может быть раньше начала');
    const off = (await admin.post('/api/v1/task-types', { name: 'Устаревший тип' })).json();
    await admin.delete(`/api/v1/task-types/${off.id}`);
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId: off.id, title: 'X' })).json())).toEqual([{ field: 'typeId', code: 'not_found' }]);
    const used = (await admin.post('/api/v1/task-types', { name: 'Отключённый тип' })).json();
    await create(me.agent, { typeId: used.id });
    await admin.delete(`/api/v1/task-types/${used.id}`);
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId: used.id, title: 'X' })).json())).toEqual([{ field: 'typeId', code: 'inactive' }]);
  });

  it('answers 409 on a stale version and 404 for a task that does not exist', async () => {
    const task = await create(me.agent, {});
    expect((await me.agent.patch(`/api/v1/tasks/${task.id}`, { title: 'Новое', version: 1 })).json().version).toBe(2);
    const stale = await me.agent.patch(`/api/v1/tasks/${task.id}`, { title: 'Старое', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect((await me.agent.get('/api/v1/tasks/0190f000-0000-7000-8000-000000000bad')).statusCode).toBe(404);
  });
});

describe('tasks: status', () => {
  it('stamps completion when done, clears it on reopening, and takes only the type’s results', async () => {
    const task = await create(me.agent, { typeId: callType });
    const done = (await me.agent.patch(`/api/v1/tasks/${task.id}`, { status: 'done', resultKey: 'reached', version: 1 })).json();
    expect(done.status).toBe('done');
    expect(Math.abs(Date.parse(done.completedAt) - Date.now())).toBeLessThan(60_000);
    const reopened = (await me.agent.patch(`/api/v1/tasks/${task.id}`, { status: 'in_progress', version: 2 })).json();
    expect(reopened).toMatchObject({ status: 'in_progress', completedAt: null, resultKey: 'reached' });
    expect(reopened.acceptedAt).not.toBeNull();
    const bad = await me.agent.patch(`/api/v1/tasks/${task.id}`, { resultKey: 'held', version: 3 });
    expect(errorsOf(bad.json())).toEqual([{ field: 'resultKey', code: 'invalid_option' }]);
    // A call logged as already done, with when it happened.
    const logged = await create(me.agent, { typeId: callType, status: 'done', completedAt: '2026-01-15T09:30:00.000Z', resultKey: 'no_answer', minutesSpent: 3 });
    expect(logged).toMatchObject({ status: 'done', completedAt: '2026-01-15T09:30:00.000Z', at: '2026-01-15T09:30:00.000Z', minutesSpent: 3 });
  });
});

describe('tasks: the tree', () => {
  it('holds three levels at most and no cycles', async () => {
    const project = await create(me.agent, { title: 'Проект' });
    const stage = await create(me.agent, { title: 'Этап', parentId: project.id });
    const call = await create(me.agent, { title: 'Звонок', parentId: stage.id });
    expect([project.depth, stage.depth, call.depth]).toEqual([0, 1, 2]);
    const tooDeep = await me.agent.post('/api/v1/tasks', { typeId, title: 'Глубже', parentId: call.id });
    expect(errorsOf(tooDeep.json())).toEqual([{ field: 'parentId', code: 'task_depth' }]);
    const cycle = await me.agent.patch(`/api/v1/tasks/${project.id}`, { parentId: call.id, version: 1 });
    expect(errorsOf(cycle.json())).toEqual([{ field: 'parentId', code: 'task_cycle' }]);
    expect(errorsOf((await me.agent.patch(`/api/v1/tasks/${project.id}`, { parentId: project.id, version: 1 })).json())).toEqual([
      { field: 'parentId', code: 'task_cycle' },
    ]);
    // Moving a stage with its child under another stage would make four levels.
    const other = await create(me.agent, { title: 'Другой проект' });
    const otherStage = await create(me.agent, { title: 'Другой этап', parentId: other.id });
    expect(errorsOf((await me.agent.patch(`/api/v1/tasks/${stage.id}`, { parentId: otherStage.id, version: 1 })).json())).toEqual([
      { field: 'parentId', code: 'task_depth' },
    ]);
    expect((await me.agent.patch(`/api/v1/tasks/${stage.id}`, { parentId: other.id, version: 1 })).json().depth).toBe(1);
    expect((await me.agent.get(`/api/v1/tasks/${other.id}`)).json().progress).toEqual({ total: 2, closed: 0 });
    expect(errorsOf((await me.agent.post('/api/v1/tasks', { typeId, title: 'X', parentId: '0190f000-0000-7000-8000-000000000bad' })).json())).toEqual([
      { field: 'parentId', code: 'not_found' },
    ]);
  });

  it('asks what to do with open children when a parent is closed, and does it', async () => {
    const project = await create(me.agent, { title: 'Поставка' });
    const stage = await create(me.agent, { title: 'Продажа', parentId: project.id });
    const call = await create(me.agent, { title: 'Звонок ЛПР', parentId: stage.id });
    await create(me.agent, { title: 'Уже сделано', parentId: project.id, status: 'done' });
    const asked = await me.agent.patch(`/api/v1/tasks/${project.id}`, { status: 'done', version: 1 });
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ code: 'task_has_open_children' });
    expect(asked.json().title).toContain('(2)');
    const same = await me.agent.post(`/api/v1/tasks/${project.id}/complete`, { version: 1 });
    expect(same.statusCode).toBe(409);
    const cancelled = (await me.agent.patch(`/api/v1/tasks/${project.id}`, { status: 'cancelled', openChildren: 'cancel', version: 1 })).json();
    expect(cancelled.progress).toEqual({ total: 2, closed: 2 });
    expect((await me.agent.get(`/api/v1/tasks/${call.id}`)).json().status).toBe('cancelled');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', call.id).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);

    const second = await create(me.agent, { title: 'Проект 2' });
    const child = await create(me.agent, { title: 'Шаг', parentId: second.id });
    await me.agent.post(`/api/v1/tasks/${second.id}/complete`, { openChildren: 'complete', version: 1 });
    expect((await me.agent.get(`/api/v1/tasks/${child.id}`)).json()).toMatchObject({ status: 'done' });
    const third = await create(me.agent, { title: 'Проект 3' });
    const kept = await create(me.agent, { title: 'Шаг', parentId: third.id });
    await me.agent.patch(`/api/v1/tasks/${third.id}`, { status: 'done', openChildren: 'keep', version: 1 });
    expect((await me.agent.get(`/api/v1/tasks/${kept.id}`)).json().status).toBe('planned');
  });

  it('shifts open children with a moved parent (and their reminders), or keeps them', async () => {
    const project = await create(me.agent, { title: 'Выставка', startsAt: '2026-06-01T07:00:00.000Z', dueAt: '2026-06-10T15:00:00.000Z' });
    const prep = await create(me.agent, {
      title: 'Подготовка',
      parentId: project.id,
      startsAt: '2026-05-25T07:00:00.000Z',
      endsAt: '2026-05-25T09:00:00.000Z',
      reminders: [{ anchor: 'start', offsetMinutes: 30 }, { anchor: 'absolute', at: '2026-05-24T12:00:00.000Z' }],
    });
    const closed = await create(me.agent, { title: 'Закрытая', parentId: project.id, startsAt: '2026-05-20T07:00:00.000Z', status: 'done' });
    const moveBody = { startsAt: '2026-06-08T07:00:00.000Z', dueAt: '2026-06-17T15:00:00.000Z', version: 1 };
    const asked = await me.agent.patch(`/api/v1/tasks/${project.id}`, moveBody);
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ code: 'task_has_open_children' });
    const badChoice = await me.agent.patch(`/api/v1/tasks/${project.id}`, { status: 'done', openChildren: 'shift', version: 1 });
    expect(errorsOf(badChoice.json())).toEqual([{ field: 'openChildren', code: 'invalid_value' }]);
    expect((await me.agent.patch(`/api/v1/tasks/${project.id}`, { ...moveBody, openChildren: 'shift' })).statusCode).toBe(200);
    const shifted = (await me.agent.get(`/api/v1/tasks/${prep.id}`)).json();
    expect(shifted).toMatchObject({ startsAt: '2026-06-01T07:00:00.000Z', endsAt: '2026-06-01T09:00:00.000Z' });
    expect(shifted.reminders.map((r: { remindAt: string }) => r.remindAt)).toEqual(['2026-05-31T12:00:00.000Z', '2026-06-01T06:30:00.000Z']);
    expect((await me.agent.get(`/api/v1/tasks/${closed.id}`)).json().startsAt).toBe('2026-05-20T07:00:00.000Z');
    await me.agent.patch(`/api/v1/tasks/${project.id}`, { startsAt: '2026-06-09T07:00:00.000Z', openChildren: 'keep', version: 2 });
    expect((await me.agent.get(`/api/v1/tasks/${prep.id}`)).json().startsAt).toBe('2026-06-01T07:00:00.000Z');
  });

  it('deletes a parent only with the user’s choice about its children', async () => {
    const project = await create(me.agent, { title: 'Удаляемый' });
    const stage = await create(me.agent, { title: 'Этап', parentId: project.id });
    const call = await create(me.agent, { title: 'Звонок', parentId: stage.id });
    const asked = await me.agent.delete(`/api/v1/tasks/${project.id}`);
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ code: 'task_has_children' });
    expect((await me.agent.delete(`/api/v1/tasks/${project.id}?children=detach`)).statusCode).toBe(204);
    expect((await me.agent.get(`/api/v1/tasks/${project.id}`)).statusCode).toBe(404);
    expect((await me.agent.get(`/api/v1/tasks/${stage.id}`)).json()).toMatchObject({ parentId: null, depth: 0 });
    expect((await me.agent.get(`/api/v1/tasks/${call.id}`)).json()).toMatchObject({ parentId: stage.id, depth: 1 });
    expect((await me.agent.delete(`/api/v1/tasks/${stage.id}?children=delete`)).statusCode).toBe(204);
    expect((await me.agent.get(`/api/v1/tasks/${call.id}`)).statusCode).toBe(404);
    const deletions = await t.database.db.selectFrom('audit_log').select('object_id').where('action', '=', 'delete').where('object_type', '=', 'task').execute();
    expect(deletions.map((d) => d.object_id)).toEqual(expect.arrayContaining([project.id, stage.id, call.id]));
  });
});

describe('tasks: reminders', () => {
  it('computes when each reminder is due from its anchor and moves unfired ones with the dates', async () => {
    const task = await create(me.agent, {
      startsAt: '2026-07-01T10:00:00.000Z',
      dueAt: '2026-07-02T10:00:00.000Z',
      reminders: [
        { anchor: 'start', offsetMinutes: 15 },
        { anchor: 'due', offsetMinutes: 60 * 24, audience: 'controller' },
        { anchor: 'absolute', at: '2026-06-30T08:00:00.000Z' },
      ],
    });
    expect(task.reminders.map((r: { anchor: string; remindAt: string }) => [r.anchor, r.remindAt])).toEqual([
      ['absolute', '2026-06-30T08:00:00.000Z'],
      ['start', '2026-07-01T09:45:00.000Z'],
      ['due', '2026-07-01T10:00:00.000Z'],
    ]);
    // One reminder has fired; moving the task moves only the others.
    await t.database.db.updateTable('task_reminders').set({ fired_at: new Date() }).where('task_id', '=', task.id).where('anchor', '=', 'due').execute();
    const moved = (await me.agent.patch(`/api/v1/tasks/${task.id}`, { startsAt: '2026-07-03T10:00:00.000Z', dueAt: '2026-07-04T10:00:00.000Z', version: 1 })).json();
    expect(moved.reminders.map((r: { anchor: string; remindAt: string; firedAt: string | null }) => [r.anchor, r.remindAt, !!r.firedAt])).toEqual([
      ['absolute', '2026-06-30T08:00:00.000Z', false],
      ['due', '2026-07-01T10:00:00.000Z', true],
      ['start', '2026-07-03T09:45:00.000Z', false],
    ]);
    // A fired reminder stays as history; the same reminder for the moved deadline is a new one.
    const again = (
      await me.agent.patch(`/api/v1/tasks/${task.id}`, {
        reminders: [{ anchor: 'due', offsetMinutes: 60 * 24, audience: 'controller' }, { anchor: 'start', offsetMinutes: 5 }],
        version: 2,
      })
    ).json();
    expect(again.reminders.map((r: { anchor: string; remindAt: string }) => [r.anchor, r.remindAt])).toEqual([
      ['due', '2026-07-01T10:00:00.000Z'],
      ['start', '2026-07-03T09:55:00.000Z'],
      ['due', '2026-07-03T10:00:00.000Z'],
    ]);
    // Saving the form again does not fire a fired reminder a second time.
    await t.database.db.updateTable('task_reminders').set({ fired_at: new Date() }).where('task_id', '=', task.id).execute();
    const saved = (
      await me.agent.patch(`/api/v1/tasks/${task.id}`, {
        reminders: [{ anchor: 'due', offsetMinutes: 60 * 24, audience: 'controller' }, { anchor: 'start', offsetMinutes: 5 }],
        version: 3,
      })
    ).json();
    expect(saved.reminders).toHaveLength(3);
    expect(saved.reminders.every((r: { firedAt: string | null }) => r.firedAt !== null)).toBe(true);
  });

  it('refuses a reminder whose anchor date the task lacks', async () => {
    const response = await me.agent.post('/api/v1/tasks', {
      typeId,
      title: 'X',
      dueAt: iso(5),
      reminders: [{ anchor: 'due', offsetMinutes: 10 }, { anchor: 'start', offsetMinutes: 10 }, { anchor: 'absolute' }],
    });
    expect(errorsOf(response.json())).toEqual([
      { field: 'reminders.1.anchor', code: 'reminder_anchor_missing' },
      { field: 'reminders.2.at', code: 'required' },
    ]);
    const task = await create(me.agent, { startsAt: iso(5), reminders: [{ anchor: 'start', offsetMinutes: 10 }] });
    const cleared = await me.agent.patch(`/api/v1/tasks/${task.id}`, { startsAt: null, dueAt: iso(6), version: 1 });
    expect(errorsOf(cleared.json())).toEqual([{ field: 'reminders.0.anchor', code: 'reminder_anchor_missing' }]);
  });
});

describe('tasks: bad input', () => {
  it('never answers 500 to a mangled create body', async () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.uuid(), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())));
    const keys = ['typeId', 'title', 'parentId', 'organizationId', 'personId', 'status', 'priority', 'startsAt', 'endsAt', 'dueAt', 'responsibleId', 'controllerId', 'participantIds', 'reminders', 'rrule', 'assigneeIds', 'resultKey', 'interest', 'notify', 'minutesSpent'];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 6 }), fc.boolean(), async (patch, keepType) => {
        const body = { ...(keepType ? { typeId, title: 'Fuzz' } : {}), ...patch };
        const response = await me.agent.post('/api/v1/tasks', body);
        expect(response.statusCode, response.body).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    const rrules = fc.oneof(
      fc.string(),
      fc
        .array(fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY', 'COUNT=3', 'COUNT=abc', 'INTERVAL=0', 'BYDAY=MO', 'BYDAY=XX', 'UNTIL=2027', 'UNTIL=20270101T000000Z', 'BYHOUR=25', 'WKST=SU', '=', ';'), { maxLength: 5 })
        .map((parts) => parts.join(';')),
    );
    await fc.assert(
      fc.asyncProperty(rrules, async (rrule) => {
        const response = await me.agent.post('/api/v1/tasks', { typeId, title: 'Fuzz', startsAt: iso(1), rrule });
        expect(response.statusCode, response.body).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
