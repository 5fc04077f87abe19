import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import fc from 'fast-check';
import type { TaskListItemDto } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { explainTimeline, timeline } from './timeline.js';
import { insertTask, subjectOf, taskTypeId } from './tasks.testing.js';

let t: TestApp;
type Who = { id: string; agent: Agent };
let anna: Who; // manager responsible for the client
let boris: Who; // manager, same department, also works with the client
let vera: Who; // manager elsewhere, participant in one of the client's meetings
let head: Who;
let admin: Who;
let orgId: string;
let personId: string;
let otherOrgId: string;

const hour = 3_600_000;
const now = Date.now();
const past = (h: number) => new Date(now - h * hour);
const future = (h: number) => new Date(now + h * hour);

async function person(role: 'manager' | 'head' | 'administrator', name: string, departmentId: string | null): Promise<Who> {
  const user = await newUser(t.database.db, { role, name, departmentId });
  return { id: user.id, agent: await t.login(user.email) };
}

async function created(agent: Agent, path: string, body: Record<string, unknown>) {
  const response = await agent.post(`/api/v1/${path}`, body);
  if (response.statusCode !== 201) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string };
}

type Page = { items: TaskListItemDto[]; nextCursor: string | null };
async function history(who: Who, query: string): Promise<Page> {
  const response = await who.agent.get(`/api/v1/timeline?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const titles = (page: Page) => page.items.map((i) => i.title);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const sales = await newDepartment(db, { name: 'Продажи' });
  anna = await person('manager', 'Анна', sales.id);
  boris = await person('manager', 'Борис', sales.id);
  vera = await person('manager', 'Вера', null);
  head = await person('head', 'Глава', sales.id);
  await db.updateTable('departments').set({ head_id: head.id }).where('id', '=', sales.id).execute();
  admin = await person('administrator', 'Админ', null);

  orgId = (await created(anna.agent, 'organizations', { name: 'ООО «Ромашка»', kind: 'client' })).id;
  personId = (await created(anna.agent, 'persons', { lastName: 'Петров', firstName: 'Иван', employments: [{ organizationId: orgId, isPrimary: true }] })).id;
  otherOrgId = (await created(anna.agent, 'organizations', { name: 'ООО «Другая»', kind: 'client' })).id;

  const call = await taskTypeId(db, 'call');
  const meeting = await taskTypeId(db, 'meeting');
  // Logged through the API: a call with a person only gets the person's organization from the tasks module.
  await created(anna.agent, 'tasks', {
    typeId: call,
    title: 'Звонок Петрову',
    personId,
    startsAt: past(48).toISOString(),
    status: 'done',
    resultKey: 'reached',
    completedAt: past(48).toISOString(),
  });
  await insertTask(db, { responsible_id: anna.id, title: 'Встреча прошла', type_id: meeting, organization_id: orgId, starts_at: past(24), status: 'done', completed_at: past(23), result_key: 'held' });
  await insertTask(db, { responsible_id: anna.id, title: 'Отменённый звонок', type_id: call, organization_id: orgId, starts_at: past(12), status: 'cancelled' });
  await insertTask(db, { responsible_id: anna.id, title: 'Просроченный звонок', type_id: call, organization_id: orgId, starts_at: past(6) });
  await insertTask(db, { responsible_id: anna.id, title: 'Завтрашняя встреча', type_id: meeting, organization_id: orgId, starts_at: future(24), participantIds: [vera.id] });
  await insertTask(db, { responsible_id: anna.id, title: 'Звонок через неделю', type_id: call, organization_id: orgId, person_id: personId, starts_at: future(24 * 7), status: 'in_progress' });
  await insertTask(db, { responsible_id: boris.id, title: 'Звонок Бориса', type_id: call, organization_id: orgId, starts_at: past(30), status: 'done', completed_at: past(30) });
  await insertTask(db, { responsible_id: anna.id, title: 'Удалённая', organization_id: orgId, starts_at: past(2), status: 'done', deleted_at: new Date() });
  await insertTask(db, { responsible_id: anna.id, title: 'Другой клиент', organization_id: otherOrgId, starts_at: past(3), status: 'done' });
});
afterAll(async () => t?.close());

describe('GET /timeline', () => {
  it("shows an organization's history with its persons' tasks: planned soonest first, past newest first", async () => {
    expect(titles(await history(anna, `organizationId=${orgId}&section=planned`))).toEqual(['Просроченный звонок', 'Завтрашняя встреча', 'Звонок через неделю']);
    expect(titles(await history(anna, `organizationId=${orgId}&section=past`))).toEqual(['Отменённый звонок', 'Встреча прошла', 'Звонок Петрову']);
    expect(titles(await history(anna, `organizationId=${orgId}`))).toEqual(['Отменённый звонок', 'Встреча прошла', 'Звонок Петрову']);
    const [call] = (await history(anna, `personId=${personId}&section=past`)).items;
    expect(call).toMatchObject({ title: 'Звонок Петрову', resultKey: 'reached', status: 'done', organization: { id: orgId }, person: { id: personId } });
    expect(titles(await history(anna, `personId=${personId}&section=planned`))).toEqual(['Звонок через неделю']);
    expect(titles(await history(anna, `organizationId=${orgId}&personId=${personId}&section=past`))).toEqual(['Звонок Петрову']);
  });

  it('filters by type, employee, result and period', async () => {
    const db = t.database.db;
    const all = `organizationId=${orgId}&section=past`;
    expect(titles(await history(admin, `${all}&typeId=${await taskTypeId(db, 'meeting')}`))).toEqual(['Встреча прошла']);
    expect(titles(await history(admin, `${all}&userId=${boris.id}`))).toEqual(['Звонок Бориса']);
    expect(titles(await history(admin, `${all}&resultKey=reached`))).toEqual(['Звонок Петрову']);
    expect(titles(await history(admin, `${all}&from=${past(36).toISOString()}&to=${past(20).toISOString()}`))).toEqual(['Встреча прошла', 'Звонок Бориса']);
  });

  it("shows only the tasks the reader may see, on a client the reader may see", async () => {
    expect(titles(await history(anna, `organizationId=${orgId}&section=past`))).not.toContain('Звонок Бориса');
    expect(titles(await history(head, `organizationId=${orgId}&section=past`))).toEqual(['Отменённый звонок', 'Встреча прошла', 'Звонок Бориса', 'Звонок Петрову']);
    // Boris works on the client but it is Anna's: a manager's card (and its history) is closed to him.
    expect((await boris.agent.get(`/api/v1/timeline?organizationId=${orgId}`)).statusCode).toBe(403);
    expect((await vera.agent.get(`/api/v1/timeline?organizationId=${orgId}&section=planned`)).statusCode).toBe(403);
    // A participant sees a colleague's task on the client whatever the role says.
    const shared = await insertTask(t.database.db, {
      responsible_id: boris.id,
      title: 'Звонок Бориса с Анной',
      organization_id: orgId,
      starts_at: past(40),
      status: 'done',
      participantIds: [anna.id],
    });
    expect(titles(await history(anna, `organizationId=${orgId}&section=past`))).toEqual(['Отменённый звонок', 'Встреча прошла', 'Звонок Бориса с Анной', 'Звонок Петрову']);
    await t.database.db.deleteFrom('tasks').where('id', '=', shared).execute();
    const missing = await anna.agent.get('/api/v1/timeline?organizationId=0190f000-0000-7000-8000-00000000dead');
    expect(missing.statusCode).toBe(404);
  });

  it('answers a bad query with 400 naming each field', async () => {
    const none = await anna.agent.get('/api/v1/timeline?section=past');
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([expect.objectContaining({ field: 'organizationId', code: 'required' })]);
    const bad = await anna.agent.get(`/api/v1/timeline?organizationId=${orgId}&section=future&from=today&limit=1000&typeId=x`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'limit', 'section', 'typeId']);
    const cursor = await anna.agent.get(`/api/v1/timeline?organizationId=${orgId}&cursor=${Buffer.from('["at","x","y"]').toString('base64url')}`);
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
  });

  it('pages through ties in both sections without losing or repeating a task', async () => {
    const db = t.database.db;
    const { id: tied } = await created(admin.agent, 'organizations', { name: 'ООО «Ничья»', kind: 'client' });
    const same = past(100);
    const later = future(100);
    for (let i = 0; i < 13; i++) {
      await insertTask(db, { responsible_id: anna.id, title: `Прошлая ${i}`, organization_id: tied, starts_at: same, status: 'done' });
      await insertTask(db, { responsible_id: anna.id, title: `Будущая ${i}`, organization_id: tied, starts_at: later });
    }
    for (const section of ['past', 'planned'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await history(admin, `organizationId=${tied}&section=${section}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM tasks WHERE organization_id = ${tied} AND status ${sql.raw(section === 'past' ? "= 'done'" : "<> 'done'")}
        ORDER BY ${sql.raw(section === 'past' ? 'id DESC' : 'id')}`.execute(db);
      expect(seen, section).toEqual(rows.map((r) => r.id));
    }
  });
});

describe('a client with 10,000 tasks', () => {
  it('reads the first page of either section from the index of the client, not the client whole', async () => {
    const db = t.database.db;
    const { id: key } = await created(anna.agent, 'organizations', { name: 'ООО «Ключевой клиент»', kind: 'client' });
    await sql`
      INSERT INTO tasks (id, type_id, title, organization_id, responsible_id, created_by, starts_at, status, completed_at, updated_at)
      SELECT gen_random_uuid(), (SELECT id FROM task_types WHERE key = 'call'), 'Звонок ' || g, ${key}::uuid,
        CASE WHEN g % 3 = 0 THEN ${boris.id}::uuid ELSE ${anna.id}::uuid END, CASE WHEN g % 3 = 0 THEN ${boris.id}::uuid ELSE ${anna.id}::uuid END,
        now() - (10000 - g) * interval '1 hour' + interval '200 hours',
        CASE WHEN g > 9800 THEN 'planned' ELSE 'done' END, CASE WHEN g <= 9800 THEN now() END, now()
      FROM generate_series(1, 10000) g`.execute(db);
    await sql`ANALYZE tasks`.execute(db);
    const actor = subjectOf(anna.id, 'manager');
    const main = (plan: string) => plan.split(/\n\s*SubPlan/)[0]!;
    const past = main(await explainTimeline(db, actor, { organizationId: key, section: 'past', limit: 50 }, true));
    expect(past).toMatch(/Index Scan using tasks_organization_at_idx/);
    expect(past).not.toMatch(/\bSort\b/);
    const planned = main(await explainTimeline(db, actor, { organizationId: key, section: 'planned', limit: 50 }, true));
    expect(planned).toMatch(/Index Scan using tasks_organization_open_idx/);
    expect(planned).not.toMatch(/\bSort\b/);
    // The planned half starts at the first open task: it does not pass the 9,800 done ones.
    const rowsRead = [...planned.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(rowsRead).toBeLessThan(100);
    const page = await timeline(db, actor, { organizationId: key, section: 'past', limit: 50 });
    expect(page.items).toHaveLength(50);
    expect(page.items.every((i) => i.responsible.id === anna.id && i.status === 'done')).toBe(true);
    const deep = main(await explainTimeline(db, actor, { organizationId: key, section: 'past', limit: 50, cursor: page.nextCursor! }));
    expect(deep).toMatch(/Index Cond: .*ROW\(at, id\) </);
  });
});

describe('GET /timeline: arbitrary queries', () => {
  it('never answers 5xx', async () => {
    const instant = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z'), fc.string({ maxLength: 20 }));
    const cursor = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.tuple(fc.constantFrom('at', '-at'), fc.constantFrom('2026-02-30 10:00:00+03', '0000-01-01 00:00:00+00', 'infinity', '2026-01-01 00:00:00+00'), fc.uuid()).map((v) =>
        Buffer.from(JSON.stringify(v)).toString('base64url'),
      ),
    );
    const query = fc.record(
      {
        organizationId: fc.oneof(fc.constant(orgId), fc.uuid(), fc.string({ maxLength: 10 })),
        personId: fc.oneof(fc.constant(personId), fc.uuid()),
        section: fc.constantFrom('planned', 'past', 'future'),
        typeId: fc.oneof(fc.uuid(), fc.string({ maxLength: 5 })),
        userId: fc.uuid(),
        resultKey: fc.string({ maxLength: 70 }),
        from: instant,
        to: instant,
        limit: fc.integer({ min: -1, max: 300 }).map(String),
        cursor,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const search = new URLSearchParams(params as Record<string, string>).toString();
        const response = await anna.agent.get(`/api/v1/timeline?${search}`);
        expect(response.statusCode, `${search}: ${response.body}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
