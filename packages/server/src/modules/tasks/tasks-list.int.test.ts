import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import fc from 'fast-check';
import type { TaskListItemDto } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { insertOrganization } from '../groups/client-records.testing.js';
import { explainTaskList, listTasks } from './tasks-list.js';
import { insertTask, subjectOf, taskTypeId } from './tasks.testing.js';

let t: TestApp;
type Who = { id: string; agent: Agent };
let anna: Who; // manager, sales department
let boris: Who; // manager, sales department
let vera: Who; // manager, service department
let head: Who; // head of sales
let admin: Who;
const ids: Record<string, string> = {};

const hour = 3_600_000;
// The tasks of these tests lie a month ahead, so none is overdue but the one meant to be.
const base = Math.floor(Date.now() / hour) * hour + 30 * 24 * hour;
const at = (hours: number) => new Date(base + hours * hour);

async function person(role: 'manager' | 'head' | 'administrator', name: string, departmentId: string | null): Promise<Who> {
  const user = await newUser(t.database.db, { role, name, departmentId });
  return { id: user.id, agent: await t.login(user.email) };
}

const titles = (items: TaskListItemDto[]) => items.map((i) => i.title);
async function list(who: Who, query: string) {
  const response = await who.agent.get(`/api/v1/tasks?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: TaskListItemDto[]; nextCursor: string | null; total?: number };
}
const sorted = (values: string[]) => [...values].sort();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const sales = await newDepartment(db, { name: 'Продажи' });
  const service = await newDepartment(db, { name: 'Сервис' });
  anna = await person('manager', 'Анна', sales.id);
  boris = await person('manager', 'Борис', sales.id);
  vera = await person('manager', 'Вера', service.id);
  head = await person('head', 'Глава продаж', sales.id);
  await db.updateTable('departments').set({ head_id: head.id }).where('id', '=', sales.id).execute();
  admin = await person('administrator', 'Админ', null);

  const call = await taskTypeId(db, 'call');
  const org = await insertOrganization(db, { name: 'ООО «Ромашка»', responsibleId: anna.id });
  const add = async (key: string, values: Parameters<typeof insertTask>[1]) => (ids[key] = await insertTask(db, { title: key, ...values }));
  await add('Анна своя', { responsible_id: anna.id, starts_at: at(1), type_id: call, organization_id: org.id, priority: 'high' });
  await add('Анна поручила Борису', { responsible_id: boris.id, created_by: anna.id, due_at: at(2) });
  await add('Анна контролирует Веру', { responsible_id: vera.id, created_by: vera.id, controller_id: anna.id, starts_at: at(3) });
  await add('Анна участвует у Веры', { responsible_id: vera.id, created_by: vera.id, starts_at: at(4), participantIds: [anna.id] });
  await add('Вера одна', { responsible_id: vera.id, created_by: vera.id, starts_at: at(5) });
  await add('Борис один', { responsible_id: boris.id, created_by: boris.id, starts_at: at(6), status: 'done', completed_at: at(7), result_key: 'done' });
  await add('Анна и участник', { responsible_id: anna.id, starts_at: at(7), participantIds: [anna.id, boris.id] });
  await add('Удалённая Анны', { responsible_id: anna.id, starts_at: at(8), deleted_at: new Date() });
  await add('Проект 100%_скидка', { responsible_id: anna.id, starts_at: at(9), type_id: await taskTypeId(db, 'project') });
  await add('Этап проекта', { responsible_id: anna.id, starts_at: at(10), parent_id: ids['Проект 100%_скидка'], depth: 1, status: 'cancelled' });
  await add('Просроченная Анны', { responsible_id: anna.id, due_at: new Date(Date.now() - hour) });
});
afterAll(async () => t?.close());

describe('GET /tasks: views and access', () => {
  it("a manager sees their own, the ones they gave, control or take part in, and never a colleague's other tasks", async () => {
    expect(titles((await list(anna, 'view=mine')).items)).toEqual(['Просроченная Анны', 'Анна своя', 'Анна и участник', 'Проект 100%_скидка', 'Этап проекта']);
    expect(titles((await list(anna, 'view=assigned_by_me')).items)).toEqual(['Анна поручила Борису']);
    expect(titles((await list(anna, 'view=controlled')).items)).toEqual(['Анна контролирует Веру']);
    expect(titles((await list(anna, 'view=participating')).items)).toEqual(['Анна участвует у Веры', 'Анна и участник']);
    const all = titles((await list(anna, 'view=all')).items);
    expect(all).toEqual([
      'Просроченная Анны',
      'Анна своя',
      'Анна поручила Борису',
      'Анна контролирует Веру',
      'Анна участвует у Веры',
      'Анна и участник',
      'Проект 100%_скидка',
      'Этап проекта',
    ]);
    expect(all).not.toContain('Вера одна');
    expect(all).not.toContain('Борис один');
    expect(all).not.toContain('Удалённая Анны');
    // "Department" reaches no further than the role's scope: a manager's department view is their own share of it.
    expect(sorted(titles((await list(anna, 'view=department')).items))).toEqual(
      sorted(['Анна своя', 'Анна поручила Борису', 'Анна и участник', 'Проект 100%_скидка', 'Этап проекта', 'Просроченная Анны']),
    );
  });

  it('a participant sees the task but a colleague who is not on it does not', async () => {
    expect(titles((await list(vera, 'view=all')).items)).toEqual(['Анна контролирует Веру', 'Анна участвует у Веры', 'Вера одна']);
    expect(titles((await list(boris, 'view=participating')).items)).toEqual(['Анна и участник']);
    expect(titles((await list(boris, 'view=all')).items)).toEqual(['Анна поручила Борису', 'Борис один', 'Анна и участник']);
  });

  it('a head sees the whole department, not the service department', async () => {
    const department = titles((await list(head, 'view=department')).items);
    expect(department).toEqual([
      'Просроченная Анны',
      'Анна своя',
      'Анна поручила Борису',
      'Борис один',
      'Анна и участник',
      'Проект 100%_скидка',
      'Этап проекта',
    ]);
    const all = titles((await list(head, 'view=all')).items);
    expect(all).toEqual(department);
    expect(all).not.toContain('Вера одна');
    expect((await list(head, 'view=mine')).items).toEqual([]);
  });

  it('an administrator sees every live task', async () => {
    const all = await list(admin, 'withTotal=true&limit=200');
    expect(all.total).toBe(10);
    expect(all.items).toHaveLength(10);
    expect(titles(all.items)).not.toContain('Удалённая Анны');
  });

  it('items are the shared task list items: names, client, overdue, canEdit by the role', async () => {
    const [own] = (await list(anna, 'view=mine&limit=1&typeId=' + (await taskTypeId(t.database.db, 'call')))).items;
    expect(own).toMatchObject({ title: 'Анна своя', organization: { name: 'ООО «Ромашка»' }, responsible: { id: anna.id, name: 'Анна' }, canEdit: true });
    const [watched] = (await list(anna, 'view=participating&limit=1')).items;
    expect(watched).toMatchObject({ title: 'Анна участвует у Веры', canEdit: false });
    const [overdue] = (await list(anna, 'view=mine&overdue=true')).items;
    expect(overdue).toMatchObject({ title: 'Просроченная Анны', overdue: true });
  });
});

describe('GET /tasks: filters', () => {
  it('status, open, overdue, type, client, responsible, result, parent, period and title fragment', async () => {
    const db = t.database.db;
    const q = async (query: string) => sorted(titles((await list(admin, `${query}&limit=200`)).items));
    expect(await q('status=done')).toEqual(['Борис один']);
    expect(await q('status=done&status=cancelled')).toEqual(['Борис один', 'Этап проекта']);
    expect(await q('open=false')).toEqual(['Борис один', 'Этап проекта']);
    expect((await q('open=true')).length).toBe(8);
    expect(await q('overdue=true')).toEqual(['Просроченная Анны']);
    expect((await q('overdue=false')).length).toBe(9);
    expect(await q(`typeId=${await taskTypeId(db, 'call')}`)).toEqual(['Анна своя']);
    expect(await q(`typeId=${await taskTypeId(db, 'call')}&typeId=${await taskTypeId(db, 'project')}`)).toEqual(['Анна своя', 'Проект 100%_скидка']);
    const org = await db.selectFrom('organizations').select('id').where('name', '=', 'ООО «Ромашка»').executeTakeFirstOrThrow();
    expect(await q(`organizationId=${org.id}`)).toEqual(['Анна своя']);
    expect(await q(`responsibleId=${vera.id}`)).toEqual(['Анна контролирует Веру', 'Анна участвует у Веры', 'Вера одна']);
    expect(await q('resultKey=done')).toEqual(['Борис один']);
    expect(await q(`parentId=${ids['Проект 100%_скидка']}`)).toEqual(['Этап проекта']);
    expect(await q(`from=${at(3).toISOString()}&to=${at(5).toISOString()}`)).toEqual(['Анна контролирует Веру', 'Анна участвует у Веры']);
    // LIKE wildcards in the fragment are literal characters.
    expect(await q(`q=${encodeURIComponent('100%_')}`)).toEqual(['Проект 100%_скидка']);
    expect(await q(`q=${encodeURIComponent('%')}`)).toEqual(['Проект 100%_скидка']);
    expect(await q('q=АННА')).toContain('Анна своя');
    const person = await db.insertInto('persons').values({ id: crypto.randomUUID(), last_name: 'Лицо', updated_at: new Date(), custom: '{}' }).returning('id').executeTakeFirstOrThrow();
    await insertTask(db, { responsible_id: vera.id, title: 'У лица', person_id: person.id });
    expect(await q(`personId=${person.id}`)).toEqual(['У лица']);
    await db.deleteFrom('tasks').where('person_id', '=', person.id).execute();
  });

  it('filters and views combine with AND, and the total counts what the filters select', async () => {
    const page = await list(anna, 'view=mine&open=true&withTotal=true&limit=2');
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    expect((await list(anna, 'view=all&q=Веру&withTotal=true')).total).toBe(1);
    expect((await list(anna, 'view=participating&withTotal=true')).total).toBe(2);
  });

  it('answers a bad query with 400 naming each field, in the user language', async () => {
    const bad = await anna.agent.get('/api/v1/tasks?view=everything&sort=title&limit=0&status=open&typeId=x&from=yesterday');
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string; message: string }[]).map((e) => e.field);
    expect(sorted(fields)).toEqual(sorted(['view', 'sort', 'limit', 'status', 'typeId', 'from']));
    expect(bad.json().errors[0].message).toMatch(/[а-яА-Я]/);
    const cursor = await anna.agent.get('/api/v1/tasks?cursor=garbage');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
    const page = await list(anna, 'view=mine&limit=1');
    const otherSort = await anna.agent.get(`/api/v1/tasks?view=mine&limit=1&sort=-at&cursor=${page.nextCursor}`);
    expect(otherSort.statusCode).toBe(400);
    expect(otherSort.json().errors[0].field).toBe('cursor');
    for (const value of ['2026-02-30 10:00:00+03', '0000-01-01 00:00:00+00', '200000-01-01 00:00:00+00', '2026-01-01 10:00:00+99']) {
      const forged = Buffer.from(JSON.stringify(['at', value, '0190f000-0000-7000-8000-00000000dead'])).toString('base64url');
      const response = await anna.agent.get(`/api/v1/tasks?cursor=${forged}`);
      expect(response.statusCode, value).toBe(400);
      expect(response.json().errors?.[0], response.body).toMatchObject({ field: 'cursor' });
    }
    for (const value of ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z']) {
      const response = await anna.agent.get(`/api/v1/tasks?from=${value}`);
      expect(response.statusCode, value).toBe(400);
      expect(response.json().errors?.[0], response.body).toMatchObject({ field: 'from' });
    }
    const period = await anna.agent.get(`/api/v1/tasks?from=${at(5).toISOString()}&to=${at(1).toISOString()}`);
    expect(period.statusCode).toBe(400);
    expect(period.json().errors).toEqual([expect.objectContaining({ field: 'to', code: 'invalid_value' })]);
  });
});

describe('GET /tasks: keyset pages', () => {
  it('pages through ties in every sort without losing or repeating a task', async () => {
    const db = t.database.db;
    const tie = await newUser(db, { name: 'Ничья' });
    const same = at(48);
    const created = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 23; i++) {
      await insertTask(db, {
        responsible_id: tie.id,
        title: `Ничья ${i}`,
        starts_at: i < 20 ? same : at(49 + i),
        due_at: i % 3 === 0 ? null : same,
        priority: (['low', 'normal', 'high'] as const)[i % 3],
        created_at: i < 15 ? created : new Date(created.getTime() + i),
      });
    }
    const actor = subjectOf(tie.id, 'manager');
    for (const sort of ['at', '-at', 'due', 'priority', '-created'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listTasks(db, actor, { view: 'mine', sort, limit: 4, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM tasks WHERE responsible_id = ${tie.id} ORDER BY ${sql.raw(
          {
            at: 'at, id',
            '-at': 'at DESC, id DESC',
            due: "coalesce(due_at, 'infinity') , id",
            priority: "CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, at, id",
            '-created': 'created_at DESC, id DESC',
          }[sort],
        )}`.execute(db);
      expect(seen, sort).toEqual(rows.map((r) => r.id));
      expect(pages, sort).toBe(6);
    }
  });

  it("pages through a manager's whole view (the union of the ways of taking part) in time order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(anna, `view=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...titles(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(titles((await list(anna, 'view=all&limit=50')).items));
    expect(new Set(seen).size).toBe(8);
  });
});

describe('EXPLAIN of the list as the API runs it', () => {
  it('walks the index of each view in the order of the list instead of sorting or scanning the table', async () => {
    const db = t.database.db;
    const many = await newUser(db, { name: 'Много задач' });
    await sql`
      INSERT INTO tasks (id, type_id, title, responsible_id, created_by, controller_id, starts_at, status, updated_at)
      SELECT gen_random_uuid(), (SELECT id FROM task_types WHERE key = 'call'), 'Звонок ' || g,
        CASE WHEN g % 10 = 0 THEN ${many.id}::uuid ELSE ${vera.id}::uuid END, ${vera.id}::uuid,
        CASE WHEN g % 50 = 0 THEN ${many.id}::uuid END, now() + g * interval '1 minute',
        CASE WHEN g % 4 = 0 THEN 'done' ELSE 'planned' END, now()
      FROM generate_series(1, 6000) g`.execute(db);
    await sql`INSERT INTO task_participants (task_id, user_id) SELECT id, ${many.id}::uuid FROM tasks WHERE responsible_id = ${vera.id} AND title LIKE 'Звонок %5'`.execute(db);
    await sql`ANALYZE`.execute(db);
    const manager = subjectOf(many.id, 'manager');
    const plan = async (query: Parameters<typeof explainTaskList>[2], actor = manager) => (await explainTaskList(db, actor, query)).split(/\n\s*SubPlan/)[0]!;

    const mine = await plan({ view: 'mine', limit: 50 });
    expect(mine).toMatch(/Index Scan using tasks_responsible_at_idx/);
    expect(mine).not.toMatch(/\bSort\b|Seq Scan/);
    const page = await listTasks(db, manager, { view: 'mine', limit: 50 });
    expect(await plan({ view: 'mine', limit: 50, cursor: page.nextCursor! })).toMatch(/Index Cond: .*ROW\(at, id\) >/);

    expect(await plan({ view: 'controlled', limit: 50 })).toMatch(/Index Scan using tasks_controller_at_idx/);
    expect(await plan({ view: 'participating', limit: 50 })).toMatch(/task_participants_user_at_idx/);
    // Everything a manager may see: one index walk per way of taking part, no scan of the table.
    const all = await plan({ view: 'all', limit: 50 });
    expect(all).toMatch(/tasks_responsible_at_idx/);
    expect(all).toMatch(/tasks_controller_at_idx/);
    expect(all).toMatch(/task_participants_user_at_idx/);
    expect(all).not.toMatch(/Seq Scan on tasks|tasks_at_idx/);
    const administrator = subjectOf(admin.id, 'administrator');
    expect(await plan({ view: 'all', limit: 50 }, administrator)).toMatch(/Index (Only )?Scan using tasks_at_idx/);
    expect(await plan({ view: 'all', limit: 50, sort: '-created' }, administrator)).toMatch(/Index (Only )?Scan Backward using tasks_created_at_idx/);
    expect(await plan({ view: 'all', limit: 50, sort: 'priority' }, administrator)).toMatch(/Index Scan using tasks_priority_idx/);
    expect(await plan({ view: 'all', limit: 50, sort: 'due' }, administrator)).toMatch(/Index Scan using tasks_due_idx/);
  });
});

describe('GET /tasks: arbitrary queries', () => {
  const views = ['mine', 'department', 'assigned_by_me', 'controlled', 'participating', 'all', 'other', ''];
  const sorts = ['at', '-at', 'due', 'priority', '-created', 'title', '-due', ''];
  const instant = fc.oneof(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-03-01T25:00:00+03:00', 'infinity', '2026-03-01'),
    fc.string({ maxLength: 30 }),
  );
  const cursor = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)), { maxLength: 4 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc.tuple(fc.constantFrom('at', '-at', 'due', 'priority', '-created'), instant, fc.uuid()).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc.tuple(fc.constant('priority'), fc.constantFrom('0', '-5', '99999999999', 'x'), instant, fc.uuid()).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  );
  const query = fc.record(
    {
      view: fc.constantFrom(...views),
      sort: fc.constantFrom(...sorts),
      status: fc.constantFrom('planned', 'done', 'bogus'),
      open: fc.constantFrom('true', 'false', 'yes'),
      overdue: fc.constantFrom('true', 'false', '1'),
      typeId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
      q: fc.string({ maxLength: 40 }),
      from: instant,
      to: instant,
      limit: fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.string({ maxLength: 5 })),
      cursor,
      withTotal: fc.constantFrom('true', 'false'),
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const search = new URLSearchParams(params as Record<string, string>).toString();
        const response = await anna.agent.get(`/api/v1/tasks?${search}`);
        expect(response.statusCode, `${search}: ${response.body}`).toBeLessThan(500);
        const exported = await anna.agent.get(`/api/v1/tasks/export?${search}`);
        expect(exported.statusCode, `${search}: ${exported.body}`).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });
});
