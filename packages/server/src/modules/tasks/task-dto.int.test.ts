import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { isOverdue, loadTaskItems, loadTasks, overdueSql, taskOwnership } from './task-dto.js';
import { insertTask, subjectOf, taskTypeId } from './tasks.testing.js';
import { can } from '../../platform/access/access.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hour = 3_600_000;

describe('task DTO loader', () => {
  it('loads items in the order of the ids with every name, participants and children progress, in a fixed number of queries', async () => {
    const db = t.database.db;
    const dept = await newDepartment(db);
    const anna = await newUser(db, { name: 'Анна', departmentId: dept.id });
    const boris = await newUser(db, { name: 'Борис' });
    const vera = await newUser(db, { name: 'Вера' });
    const org = await insertOrganization(db, { name: 'ООО «Ромашка»', responsibleId: anna.id });
    const person = await insertPerson(db, { lastName: 'Петров', firstName: 'Иван', responsibleId: anna.id });
    const callType = await taskTypeId(db, 'call');
    const project = await insertTask(db, { responsible_id: anna.id, title: 'Проект', controller_id: boris.id, created_by: boris.id });
    const stage = await insertTask(db, { responsible_id: anna.id, title: 'Этап', parent_id: project, depth: 1, status: 'done', completed_at: new Date() });
    await insertTask(db, { responsible_id: anna.id, title: 'Этап 2', parent_id: project, depth: 1 });
    await insertTask(db, { responsible_id: anna.id, title: 'Удалённый', parent_id: project, depth: 1, deleted_at: new Date() });
    const call = await insertTask(db, {
      responsible_id: anna.id,
      type_id: callType,
      title: 'Звонок',
      organization_id: org.id,
      person_id: person.id,
      due_at: new Date(Date.now() - hour),
      participantIds: [vera.id],
    });

    const queries: string[] = [];
    const counting = db.withPlugin({
      transformQuery: (args) => {
        queries.push(args.queryId.queryId);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const items = await loadTaskItems(counting, subjectOf(anna.id, 'manager'), [call, project, stage, '0190f000-0000-7000-8000-00000000dead']);
    expect(queries.length).toBe(3);
    expect(items.map((i) => i.title)).toEqual(['Звонок', 'Проект', 'Этап']);
    const [callItem, projectItem, stageItem] = items;
    expect(callItem).toMatchObject({
      type: { id: callType, key: 'call', icon: 'phone' },
      organization: { id: org.id, name: 'ООО «Ромашка»', deleted: false },
      person: { id: person.id, name: 'Петров Иван', deleted: false },
      responsible: { id: anna.id, name: 'Анна' },
      author: { id: anna.id, name: 'Анна' },
      controller: null,
      participants: [{ id: vera.id, name: 'Вера', acceptedAt: null }],
      overdue: true,
      canEdit: true,
      status: 'planned',
      progress: { total: 0, closed: 0 },
    });
    expect(projectItem).toMatchObject({ controller: { id: boris.id, name: 'Борис' }, author: { id: boris.id }, progress: { total: 2, closed: 1 } });
    expect(stageItem).toMatchObject({ overdue: false, parentId: project, depth: 1 });

    // A participant sees but may not edit; a stranger with "own" rights may not edit either.
    const asVera = await loadTaskItems(db, subjectOf(vera.id, 'manager'), [call]);
    expect(asVera[0]!.canEdit).toBe(false);

    const [full] = await loadTasks(db, subjectOf(anna.id, 'manager'), [call]);
    expect(full).toMatchObject({ reminders: [], notify: {}, description: null });
  });

  it('calls an open task overdue past its deadline, else past its end or start; an all-day one after its last day', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const base = { status: 'planned', due_at: null, ends_at: null, starts_at: null, all_day: false };
    expect(isOverdue({ ...base, due_at: new Date('2026-03-10T11:00:00Z') }, now)).toBe(true);
    expect(isOverdue({ ...base, due_at: new Date('2026-03-10T13:00:00Z'), starts_at: new Date('2026-03-01T00:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, starts_at: new Date('2026-03-10T10:00:00Z'), ends_at: new Date('2026-03-10T13:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, starts_at: new Date('2026-03-10T10:00:00Z') }, now)).toBe(true);
    expect(isOverdue({ ...base, status: 'done', due_at: new Date('2026-03-01T00:00:00Z') }, now)).toBe(false);
    // Moscow days, as the web sends them: a deadline at the day's last moment, an end at the next midnight.
    expect(isOverdue({ ...base, all_day: true, due_at: new Date('2026-03-10T20:59:59.999Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, all_day: true, due_at: new Date('2026-03-09T20:59:59.999Z') }, now)).toBe(true);
    expect(isOverdue({ ...base, all_day: true, starts_at: new Date('2026-03-09T21:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, all_day: true, starts_at: new Date('2026-03-08T21:00:00Z') }, now)).toBe(true);
    expect(isOverdue({ ...base, all_day: true, starts_at: new Date('2026-03-07T21:00:00Z'), ends_at: new Date('2026-03-10T21:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, all_day: true, starts_at: new Date('2026-03-07T21:00:00Z'), ends_at: new Date('2026-03-09T21:00:00Z') }, now)).toBe(true);
    expect(isOverdue(base, now)).toBe(false);
  });

  it('agrees with its SQL twin', async () => {
    const db = t.database.db;
    const u = await newUser(db);
    const now = new Date();
    const cases = [
      { due_at: new Date(now.getTime() - hour) },
      { due_at: new Date(now.getTime() + hour) },
      { starts_at: new Date(now.getTime() - hour) },
      { starts_at: new Date(now.getTime() - 2 * hour), ends_at: new Date(now.getTime() + hour) },
      { all_day: true, due_at: new Date(now.getTime() - hour) },
      { all_day: true, due_at: new Date(now.getTime() + hour) },
      { all_day: true, starts_at: new Date(now.getTime() - 2 * hour) },
      { all_day: true, starts_at: new Date(now.getTime() - 25 * hour) },
      { all_day: true, starts_at: new Date(now.getTime() - 30 * hour), ends_at: new Date(now.getTime() + hour) },
      { status: 'cancelled', due_at: new Date(now.getTime() - hour) },
      {},
    ];
    const ids = [];
    for (const c of cases) ids.push(await insertTask(db, { responsible_id: u.id, ...c }));
    const overdue = await db.selectFrom('tasks').select('id').where('id', 'in', ids).where(overdueSql(now)).execute();
    const items = await loadTaskItems(db, subjectOf(u.id, 'manager'), ids);
    expect(new Set(overdue.map((r) => r.id))).toEqual(new Set(items.filter((i) => i.overdue).map((i) => i.id)));
    expect(overdue.length).toBe(4);
  });

  it('gives ownership that the access rules read like the SQL scope', () => {
    const o = taskOwnership({ responsible_id: 'r', created_by: 'a', controller_id: 'c', responsible_department_id: 'd', participant_ids: ['p'] });
    const subject = (userId: string, departmentScope: string[] = []) => subjectOf(userId, 'manager', departmentScope);
    expect(can(subject('c'), 'edit', 'task', o)).toBe(true);
    expect(can(subject('p'), 'view', 'task', o)).toBe(true);
    expect(can(subject('p'), 'edit', 'task', o)).toBe(false);
    expect(can(subjectOf('h', 'head', ['d']), 'edit', 'task', o)).toBe(true);
    expect(can(subjectOf('h', 'head', ['x']), 'view', 'task', o)).toBe(false);
  });
});
