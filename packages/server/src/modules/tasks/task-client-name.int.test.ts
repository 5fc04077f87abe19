import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrator, openPglite } from '../../db/connection.js';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { employ, taskTypeId } from './tasks.testing.js';

/** Each task's copy of its client's name (migration 0013), which the calendar shows, follows every change. */
let t: TestApp;
let admin: Agent;
let me: { id: string; agent: Agent };
let typeId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  const user = await newUser(t.database.db, { role: 'manager' });
  me = { id: user.id, agent: await t.login(user.email) };
  typeId = await taskTypeId(t.database.db, 'call');
});
afterAll(() => t.close());

async function created(agent: Agent, path: string, body: Record<string, unknown>) {
  const response = await agent.post(`/api/v1/${path}`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}
const organization = (name: string) => created(me.agent, 'organizations', { name, responsibleId: me.id });
const person = (lastName: string, firstName: string) => created(me.agent, 'persons', { lastName, firstName, responsibleId: me.id });
const task = (body: Record<string, unknown>) => created(me.agent, 'tasks', { typeId, title: 'Звонок', startsAt: '2026-03-03T07:00:00.000Z', ...body });

async function clientNames(ids: string[]): Promise<(string | null)[]> {
  const rows = await t.database.db.selectFrom('tasks').select(['id', 'client_name']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!.client_name);
}

async function patch(path: string, body: Record<string, unknown>) {
  const response = await me.agent.patch(`/api/v1/${path}`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { version: number };
}

describe('the client name a task carries', () => {
  it('is the organization’s, else the person’s, when a task is created or its client changes', async () => {
    const org = await organization('ООО «Вектор»');
    const anton = await person('Антонов', 'Юрий');
    const onOrg = await task({ organizationId: org.id });
    const onPerson = await task({ personId: anton.id });
    const alone = await task({});
    expect(await clientNames([onOrg.id, onPerson.id, alone.id])).toEqual(['ООО «Вектор»', 'Антонов Юрий', null]);

    await patch(`tasks/${onPerson.id}`, { version: onPerson.version, personId: null, organizationId: org.id });
    const moved = await patch(`tasks/${onOrg.id}`, { version: onOrg.version, organizationId: null, personId: anton.id });
    expect(await clientNames([onPerson.id, onOrg.id])).toEqual(['ООО «Вектор»', 'Антонов Юрий']);
    await patch(`tasks/${onOrg.id}`, { version: moved.version, personId: null });
    expect(await clientNames([onOrg.id])).toEqual([null]);
  });

  it('follows a rename of the organization (its persons’ tasks too) and of a person without an organization, without bumping task versions', async () => {
    const db = t.database.db;
    const org = await organization('ООО «Старое имя»');
    const employee = await person('Борисова', 'Анна');
    await employ(db, employee.id, org.id);
    const loner = await person('Карпов', 'Олег');
    const onOrg = await task({ organizationId: org.id });
    const onEmployee = await task({ personId: employee.id });
    const onLoner = await task({ personId: loner.id });
    const other = await task({ organizationId: (await organization('ООО «Соседи»')).id });
    expect(await clientNames([onEmployee.id])).toEqual(['ООО «Старое имя»']);

    await patch(`organizations/${org.id}`, { version: 1, name: 'ООО «Новое имя»' });
    await patch(`persons/${loner.id}`, { version: 1, lastName: 'Карпенко' });
    await patch(`persons/${employee.id}`, { version: (await me.agent.get(`/api/v1/persons/${employee.id}`)).json().version, firstName: 'Алла' });
    expect(await clientNames([onOrg.id, onEmployee.id, onLoner.id, other.id])).toEqual(['ООО «Новое имя»', 'ООО «Новое имя»', 'Карпенко Олег', 'ООО «Соседи»']);

    const versions = await db.selectFrom('tasks').select('version').where('id', 'in', [onOrg.id, onEmployee.id, onLoner.id]).execute();
    expect(versions.map((v) => v.version)).toEqual([1, 1, 1]);
    // The calendar reads the copy.
    const calendar = (await me.agent.get(`/api/v1/calendar?from=2026-03-02T00:00:00.000Z&to=2026-03-09T00:00:00.000Z`)).json();
    const names = calendar.events.id.map((id: string, i: number) => [id, calendar.events.clientName[i]]);
    expect(names).toEqual(expect.arrayContaining([[onOrg.id, 'ООО «Новое имя»'], [onLoner.id, 'Карпенко Олег']]));
  });

  it('is rewritten on live tasks only; a task taken out of the recycle bin takes the current name', async () => {
    const db = t.database.db;
    const org = await organization('ООО «Было»');
    const binned = await task({ organizationId: org.id });
    expect((await me.agent.delete(`/api/v1/tasks/${binned.id}`)).statusCode).toBe(204);
    await patch(`organizations/${org.id}`, { version: 1, name: 'ООО «Стало»' });
    expect(await clientNames([binned.id])).toEqual(['ООО «Было»']);
    await db.updateTable('tasks').set({ deleted_at: null }).where('id', '=', binned.id).execute();
    expect(await clientNames([binned.id])).toEqual(['ООО «Стало»']);
  });

  it('becomes the survivor’s when duplicates are merged', async () => {
    const survivor = await organization('ООО «Альфа»');
    const duplicate = await organization('Альфа ООО');
    const onDuplicate = await task({ organizationId: duplicate.id });
    const response = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: survivor.id, mergedIds: [duplicate.id] });
    expect(response.statusCode, response.body).toBe(200);
    expect(await clientNames([onDuplicate.id])).toEqual(['ООО «Альфа»']);
  });
});

describe('migration 0013', () => {
  it('fills the copy for the tasks that existed before it', async () => {
    const database = await openPglite();
    try {
      const db = database.db;
      const { error } = await migrator(db).migrateTo('0012-organizations-by-responsible');
      expect(error).toBeUndefined();
      const [userId, orgId, personId, loneId] = [newId(), newId(), newId(), newId()];
      // Rows as an older Kontakt left them; the responsible user's own references do not matter here.
      await sql`SET session_replication_role = replica`.execute(db);
      await sql`INSERT INTO organizations (id, name) VALUES (${orgId}, 'ООО «Было»')`.execute(db);
      await sql`INSERT INTO persons (id, last_name, first_name, organization_id) VALUES (${personId}, 'Петров', 'Иван', ${orgId}), (${loneId}, 'Сидоров', NULL, NULL)`.execute(db);
      const type = await sql<{ id: string }>`SELECT id FROM task_types WHERE key = 'call'`.execute(db);
      const tasks = [
        [newId(), orgId, null],
        [newId(), orgId, personId],
        [newId(), null, loneId],
        [newId(), null, null],
      ] as const;
      for (const [id, org, who] of tasks) {
        await sql`INSERT INTO tasks (id, type_id, title, organization_id, person_id, responsible_id) VALUES (${id}, ${type.rows[0]!.id}, 'Звонок', ${org}, ${who}, ${userId})`.execute(db);
      }
      await sql`RESET session_replication_role`.execute(db);
      const latest = await migrator(db).migrateToLatest();
      expect(latest.error).toBeUndefined();
      const { rows } = await sql<{ id: string; client_name: string | null }>`SELECT id, client_name FROM tasks`.execute(db);
      expect(tasks.map(([id]) => rows.find((r) => r.id === id)!.client_name)).toEqual(['ООО «Было»', 'ООО «Было»', 'Сидоров', null]);
    } finally {
      await database.close();
    }
  });
});
