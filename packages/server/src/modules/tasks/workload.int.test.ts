import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { insertTask } from './tasks.testing.js';

let t: TestApp;
type Who = { id: string; agent: Agent };
let anna: Who; // manager, sales
let boris: Who; // manager, sales east (below sales), on vacation
let vera: Who; // manager, service
let head: Who; // head of sales
let admin: Who;
let inactiveId: string;
let salesId: string;
let serviceId: string;

const hour = 3_600_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
const dayStart = Date.parse(`${today}T00:00:00+03:00`);
const dayEnd = dayStart + 24 * hour;

async function person(role: 'manager' | 'head' | 'administrator', name: string, departmentId: string | null): Promise<Who> {
  const user = await newUser(t.database.db, { role, name, departmentId });
  return { id: user.id, agent: await t.login(user.email) };
}

type Row = { user: { id: string; name: string }; department: { name: string } | null; openTasks: number; overdueTasks: number; todayTasks: number; clientsInWork: number; absentUntil: string | null };
async function load(who: Who, query = ''): Promise<Row[]> {
  const response = await who.agent.get(`/api/v1/tasks/workload${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
const summary = (rows: Row[]) => rows.map((r) => [r.user.name, r.openTasks, r.overdueTasks, r.todayTasks, r.clientsInWork, r.absentUntil]);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  salesId = (await newDepartment(db, { name: 'Продажи' })).id;
  const east = await newDepartment(db, { name: 'Продажи Восток', parentId: salesId });
  serviceId = (await newDepartment(db, { name: 'Сервис' })).id;
  anna = await person('manager', 'Анна', salesId);
  boris = await person('manager', 'Борис', east.id);
  vera = await person('manager', 'Вера', serviceId);
  head = await person('head', 'Глава', salesId);
  await db.updateTable('departments').set({ head_id: head.id }).where('id', '=', salesId).execute();
  admin = await person('administrator', 'Админ', null);
  inactiveId = (await newUser(db, { name: 'Уволенный', departmentId: salesId, active: false })).id;

  const orgA = await insertOrganization(db, { responsibleId: anna.id });
  const orgB = await insertOrganization(db, { responsibleId: anna.id });
  const lone = await insertPerson(db, { responsibleId: anna.id });
  await insertTask(db, { responsible_id: anna.id, title: 'А просрочена', organization_id: orgA.id, due_at: new Date(dayStart - 2 * hour) });
  await insertTask(db, { responsible_id: anna.id, title: 'А сегодня', organization_id: orgA.id, starts_at: new Date(dayEnd - 1) });
  await insertTask(db, { responsible_id: anna.id, title: 'А через неделю', organization_id: orgB.id, starts_at: new Date(dayEnd + 7 * 24 * hour) });
  await insertTask(db, { responsible_id: anna.id, title: 'А лицу', person_id: lone.id, starts_at: new Date(dayEnd + 8 * 24 * hour), status: 'in_progress' });
  await insertTask(db, { responsible_id: anna.id, title: 'А без клиента', starts_at: new Date(dayEnd + 9 * 24 * hour), participantIds: [boris.id] });
  await insertTask(db, { responsible_id: anna.id, title: 'А сделана', organization_id: orgA.id, starts_at: new Date(dayStart - 24 * hour), status: 'done' });
  await insertTask(db, { responsible_id: boris.id, title: 'Б открыта', starts_at: new Date(dayEnd + 24 * hour) });
  await insertTask(db, { responsible_id: vera.id, title: 'В первая', starts_at: new Date(dayEnd + 24 * hour) });
  await insertTask(db, { responsible_id: vera.id, title: 'В вторая', due_at: new Date(dayStart - hour) });
  await db
    .insertInto('absences')
    .values([
      { id: newId(), user_id: boris.id, kind: 'vacation', starts_on: '2020-01-01', ends_on: '2020-01-10' },
      { id: newId(), user_id: boris.id, kind: 'vacation', starts_on: today, ends_on: '2099-01-03' },
      { id: newId(), user_id: anna.id, kind: 'sick_leave', starts_on: today, ends_on: '2099-01-01', deleted_at: new Date() },
    ])
    .execute();
});
afterAll(async () => t?.close());

describe('GET /tasks/workload', () => {
  it("shows a head their departments' active employees with open, overdue and today's tasks, clients in work and absences", async () => {
    expect(summary(await load(head))).toEqual([
      ['Анна', 5, 1, 1, 3, null],
      ['Борис', 1, 0, 0, 0, '2099-01-03'],
      ['Глава', 0, 0, 0, 0, null],
    ]);
    const [annaRow] = await load(head);
    expect(annaRow!.department).toEqual({ id: salesId, name: 'Продажи' });
  });

  it('shows a chosen department, counting only the tasks the reader may see', async () => {
    expect(summary(await load(admin, `?departmentId=${serviceId}`))).toEqual([['Вера', 2, 1, 0, 0, null]]);
    // The head sees the service department's people but not its tasks.
    expect(summary(await load(head, `?departmentId=${serviceId}`))).toEqual([['Вера', 0, 0, 0, 0, null]]);
    // A manager sees their colleagues, and of their tasks only those they take part in.
    expect(summary(await load(anna))).toEqual([
      ['Анна', 5, 1, 1, 3, null],
      ['Борис', 0, 0, 0, 0, '2099-01-03'],
      ['Глава', 0, 0, 0, 0, null],
    ]);
    expect((await load(admin)).map((r) => r.user.name)).toEqual(['Админ', 'Анна', 'Борис', 'Вера', 'Глава']);
  });

  it('answers an unknown or malformed department with 400 on the field', async () => {
    const unknown = await head.agent.get('/api/v1/tasks/workload?departmentId=0190f000-0000-7000-8000-00000000dead');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'departmentId', code: 'not_found' })]);
    const malformed = await head.agent.get('/api/v1/tasks/workload?departmentId=sales');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'departmentId', code: 'invalid_id' })]);
  });
});

describe('POST /tasks/reassign', () => {
  const responsibleOf = async (title: string) =>
    (await t.database.db.selectFrom('tasks').select(['responsible_id', 'version', 'accepted_at']).where('title', '=', title).executeTakeFirstOrThrow());

  it('refuses the whole batch with one 403 when any task is beyond the actor’s edit rights', async () => {
    const db = t.database.db;
    const veras = await db.selectFrom('tasks').select('id').where('responsible_id', '=', vera.id).execute();
    const annas = await db.selectFrom('tasks').select('id').where('title', '=', 'А сегодня').execute();
    const response = await head.agent.post('/api/v1/tasks/reassign', { taskIds: [...annas, ...veras].map((r) => r.id), toUserIds: [boris.id] });
    expect(response.statusCode).toBe(403);
    expect((await responsibleOf('А сегодня')).responsible_id).toBe(anna.id);
    // A manager may hand over their own tasks, not a colleague's.
    const borisTask = await db.selectFrom('tasks').select('id').where('title', '=', 'Б открыта').executeTakeFirstOrThrow();
    expect((await anna.agent.post('/api/v1/tasks/reassign', { taskIds: [borisTask.id], toUserIds: [anna.id] })).statusCode).toBe(403);
  });

  it('checks the request field by field', async () => {
    const nothing = await head.agent.post('/api/v1/tasks/reassign', { toUserIds: [boris.id] });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors).toEqual([expect.objectContaining({ field: 'taskIds', code: 'required' })]);
    const receivers = await head.agent.post('/api/v1/tasks/reassign', {
      fromUserId: anna.id,
      toUserIds: [boris.id, '0190f000-0000-7000-8000-00000000dead', inactiveId],
    });
    expect(receivers.statusCode).toBe(400);
    expect(receivers.json().errors).toEqual([
      expect.objectContaining({ field: 'toUserIds.1', code: 'not_found' }),
      expect.objectContaining({ field: 'toUserIds.2', code: 'user_inactive' }),
    ]);
    const empty = await head.agent.post('/api/v1/tasks/reassign', { fromUserId: anna.id, toUserIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('toUserIds');
    const missingTask = await head.agent.post('/api/v1/tasks/reassign', { taskIds: ['0190f000-0000-7000-8000-00000000dead'], toUserIds: [boris.id] });
    expect(missingTask.statusCode).toBe(400);
    expect(missingTask.json().errors).toEqual([expect.objectContaining({ field: 'taskIds', code: 'not_found' })]);
    const borisTask = await t.database.db.selectFrom('tasks').select('id').where('title', '=', 'Б открыта').executeTakeFirstOrThrow();
    const notHis = await head.agent.post('/api/v1/tasks/reassign', { taskIds: [borisTask.id], fromUserId: anna.id, toUserIds: [head.id] });
    expect(notHis.statusCode).toBe(400);
    expect(notHis.json().errors).toEqual([expect.objectContaining({ field: 'taskIds', code: 'invalid_value' })]);
    // A receiver the actor may not see (a manager looking outside their department) does not exist for them.
    const hidden = await anna.agent.post('/api/v1/tasks/reassign', { fromUserId: anna.id, toUserIds: [vera.id] });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([expect.objectContaining({ field: 'toUserIds.0', code: 'not_found' })]);
  });

  it("hands an employee's open tasks to others in turn, records each handoff and notifies each receiver once", async () => {
    const db = t.database.db;
    const before = await responsibleOf('А просрочена');
    const response = await head.agent.post('/api/v1/tasks/reassign', { fromUserId: anna.id, toUserIds: [boris.id, head.id] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ reassigned: 5 });

    // In time order: overdue, today, in a week, in 8 days, in 9 days → Boris, head, Boris, head, Boris.
    expect((await responsibleOf('А просрочена')).responsible_id).toBe(boris.id);
    expect((await responsibleOf('А сегодня')).responsible_id).toBe(head.id);
    expect((await responsibleOf('А через неделю')).responsible_id).toBe(boris.id);
    expect((await responsibleOf('А лицу')).responsible_id).toBe(head.id);
    expect((await responsibleOf('А без клиента')).responsible_id).toBe(boris.id);
    expect((await responsibleOf('А сделана')).responsible_id).toBe(anna.id);
    const moved = await responsibleOf('А просрочена');
    expect(moved.version).toBe(before.version + 1);
    expect(moved.accepted_at).toBeNull();
    // Boris took part in a task he now leads: he is its responsible, no longer a participant.
    const lead = await db.selectFrom('tasks').select('id').where('title', '=', 'А без клиента').executeTakeFirstOrThrow();
    expect(await db.selectFrom('task_participants').select('user_id').where('task_id', '=', lead.id).execute()).toEqual([]);

    const handoffs = await db
      .selectFrom('audit_log')
      .select(['object_id', 'object_label', 'changes', 'actor_id'])
      .where('action', '=', 'handoff')
      .where('object_type', '=', 'task')
      .execute();
    expect(handoffs).toHaveLength(5);
    expect(handoffs.find((h) => h.object_label === 'А сегодня')).toMatchObject({
      actor_id: head.id,
      changes: { responsible: { before: { id: anna.id, name: 'Анна' }, after: { id: head.id, name: 'Глава' } } },
    });

    const notes = await db.selectFrom('notifications').select(['user_id', 'kind', 'params', 'record_id']).where('kind', '=', 'tasks_reassigned').execute();
    expect(notes).toEqual([expect.objectContaining({ user_id: boris.id, params: expect.objectContaining({ count: 3, actorName: 'Глава' }), record_id: null })]);
    const bell = await boris.agent.get('/api/v1/notifications');
    expect(bell.json().items[0]).toMatchObject({ kind: 'tasks_reassigned', params: { count: 3 } });

    expect(summary(await load(head))).toEqual([
      ['Анна', 0, 0, 0, 0, null],
      ['Борис', 4, 1, 0, 2, '2099-01-03'],
      ['Глава', 2, 0, 1, 2, null],
    ]);
  });

  it('moves given tasks and names the one task when a receiver gets just one', async () => {
    const db = t.database.db;
    const task = await db.selectFrom('tasks').select(['id', 'title']).where('title', '=', 'А сегодня').executeTakeFirstOrThrow();
    const response = await head.agent.post('/api/v1/tasks/reassign', { taskIds: [task.id], toUserIds: [anna.id] });
    expect(response.json()).toEqual({ reassigned: 1 });
    const note = await db.selectFrom('notifications').select(['params', 'record_type', 'record_id']).where('user_id', '=', anna.id).where('kind', '=', 'tasks_reassigned').executeTakeFirstOrThrow();
    expect(note).toEqual({ params: { count: 1, actorName: 'Глава', title: 'А сегодня' }, record_type: 'task', record_id: task.id });
    // Handing a task to whoever already has it changes nothing.
    expect((await head.agent.post('/api/v1/tasks/reassign', { taskIds: [task.id], toUserIds: [anna.id] })).json()).toEqual({ reassigned: 0 });
  });
});

describe('POST /tasks/reassign: arbitrary bodies', () => {
  it('never answers 5xx and changes nothing when refused', async () => {
    const id = fc.oneof(fc.uuid(), fc.constant(anna.id), fc.constant(boris.id), fc.constant(inactiveId), fc.string({ maxLength: 8 }));
    const body = fc.record(
      { taskIds: fc.oneof(fc.array(id, { maxLength: 4 }), fc.constant(null), fc.string()), fromUserId: fc.oneof(id, fc.constant(null)), toUserIds: fc.oneof(fc.array(id, { maxLength: 3 }), fc.constant('x')) },
      { requiredKeys: [] },
    );
    const snapshot = () => t.database.db.selectFrom('tasks').select(['id', 'responsible_id', 'version']).orderBy('id').execute();
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await vera.agent.post('/api/v1/tasks/reassign', payload);
        expect(response.statusCode, JSON.stringify(payload) + response.body).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    // Vera sees no colleague to hand her tasks to, and may not touch anyone else's.
    expect(await snapshot()).toEqual(before);
  });
});
