import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrator, openPglite } from '../../db/connection.js';
import { newId } from '../../platform/ids.js';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { employ, insertTask, taskTypeId } from './tasks.testing.js';

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

async function task(body: Record<string, unknown>) {
  const response = await me.agent.post('/api/v1/tasks', { typeId, title: 'Звонок', ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

describe('tasks of merged and deleted clients', () => {
  it('moves the tasks of merged organizations and persons to the survivor', async () => {
    const db = t.database.db;
    const survivor = await insertOrganization(db, { responsibleId: me.id });
    const merged = await insertOrganization(db, { responsibleId: me.id });
    const onMerged = await task({ organizationId: merged.id });
    const response = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: survivor.id, mergedIds: [merged.id] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().moved.tasks).toBe(1);
    expect((await me.agent.get(`/api/v1/tasks/${onMerged.id}`)).json()).toMatchObject({ organization: { id: survivor.id, deleted: false }, version: 2 });

    const keep = await insertPerson(db, { responsibleId: me.id });
    const dup = await insertPerson(db, { responsibleId: me.id });
    await employ(db, dup.id, survivor.id);
    const onDup = await task({ personId: dup.id });
    const personMerge = await admin.post('/api/v1/duplicates/merge', { type: 'person', survivorId: keep.id, mergedIds: [dup.id] });
    expect(personMerge.json().moved.tasks).toBe(1);
    expect((await me.agent.get(`/api/v1/tasks/${onDup.id}`)).json()).toMatchObject({ person: { id: keep.id }, organization: { id: survivor.id } });
  });

  it('asks before deleting a client with open tasks; keeps or cancels them as told; history stays', async () => {
    const db = t.database.db;
    const org = await insertOrganization(db, { responsibleId: me.id });
    const person = await insertPerson(db, { responsibleId: me.id });
    await employ(db, person.id, org.id);
    const planned = await task({ organizationId: org.id, startsAt: '2030-01-10T09:00:00.000Z', reminders: [{ anchor: 'start', offsetMinutes: 10 }] });
    const onPerson = await task({ personId: person.id });
    const done = await task({ organizationId: org.id, status: 'done', resultKey: 'reached' });

    const asked = await me.agent.delete(`/api/v1/organizations/${org.id}`, { 'accept-language': 'ru' });
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ code: 'client_has_open_tasks', title: 'У клиента есть незакрытые задачи (2): оставьте их или отмените вместе с удалением клиента' });
    expect((await me.agent.get(`/api/v1/organizations/${org.id}`)).json().deletedAt).toBeNull();

    expect((await me.agent.delete(`/api/v1/organizations/${org.id}?openTasks=cancel`)).statusCode).toBe(204);
    const cancelled = (await me.agent.get(`/api/v1/tasks/${planned.id}`)).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', organization: { id: org.id, deleted: true }, reminders: [] });
    expect((await me.agent.get(`/api/v1/tasks/${onPerson.id}`)).json().status).toBe('cancelled');
    expect((await me.agent.get(`/api/v1/tasks/${done.id}`)).json()).toMatchObject({ status: 'done', organization: { deleted: true } });
    const audit = await db.selectFrom('audit_log').select('changes').where('object_id', '=', planned.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ status: { before: 'planned', after: 'cancelled' }, reason: { after: 'organization_deleted' } });
    // Restoring the client brings the link back; cancelled tasks stay cancelled.
    await me.agent.post(`/api/v1/organizations/${org.id}/restore`);
    expect((await me.agent.get(`/api/v1/tasks/${planned.id}`)).json()).toMatchObject({ status: 'cancelled', organization: { deleted: false } });

    // A person: keep the open task, it shows the person as deleted.
    const other = await insertPerson(db, { responsibleId: me.id });
    const kept = await task({ personId: other.id });
    expect((await me.agent.delete(`/api/v1/persons/${other.id}`)).json().code).toBe('client_has_open_tasks');
    expect((await me.agent.delete(`/api/v1/persons/${other.id}?openTasks=keep`)).statusCode).toBe(204);
    expect((await me.agent.get(`/api/v1/tasks/${kept.id}`)).json()).toMatchObject({ status: 'planned', person: { id: other.id, deleted: true } });

    // Bulk deletion asks the same way, counting all the clients' open tasks.
    const a = await insertOrganization(db, { responsibleId: me.id });
    const b = await insertOrganization(db, { responsibleId: me.id });
    await task({ organizationId: a.id });
    await task({ organizationId: b.id });
    const bulk = await me.agent.post('/api/v1/organizations/bulk', { action: 'delete', ids: [a.id, b.id] });
    expect(bulk.statusCode).toBe(409);
    expect(bulk.json().title).toContain('(2)');
    expect((await me.agent.post('/api/v1/organizations/bulk', { action: 'delete', ids: [a.id, b.id], openTasks: 'keep' })).json()).toEqual({ affected: 2 });
    // Cancelling touches only the tasks the user may edit: a colleague's call on the client stays open with them.
    const shared = await insertOrganization(db, { responsibleId: me.id });
    const colleague = await newUser(db, { role: 'manager' });
    const mine = await task({ organizationId: shared.id });
    const theirs = await insertTask(db, { responsible_id: colleague.id, organization_id: shared.id, title: 'Звонок коллеги' });
    expect((await me.agent.delete(`/api/v1/organizations/${shared.id}`)).json().title).toContain('(2)');
    expect((await me.agent.delete(`/api/v1/organizations/${shared.id}?openTasks=cancel`)).statusCode).toBe(204);
    const statuses = await db.selectFrom('tasks').select(['id', 'status']).where('id', 'in', [mine.id, theirs]).execute();
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({ [mine.id]: 'cancelled', [theirs]: 'planned' });

    // A client without open tasks is deleted at once.
    const quiet = await insertOrganization(db, { responsibleId: me.id });
    expect((await me.agent.delete(`/api/v1/organizations/${quiet.id}`)).statusCode).toBe(204);
  });
});

// Each task's copy of its client's name (migration 0013), which the calendar shows, follows every change.
async function created(agent: Agent, path: string, body: Record<string, unknown>) {
  const response = await agent.post(`/api/v1/${path}`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}
const organization = (name: string) => created(me.agent, 'organizations', { name, responsibleId: me.id });
const person = (lastName: string, firstName: string) => created(me.agent, 'persons', { lastName, firstName, responsibleId: me.id });

/** A moment in the week the rename test reads from the calendar. */
const WEEK_START = '2026-03-03T07:00:00.000Z';

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
    const onOrg = await task({ organizationId: org.id, startsAt: WEEK_START });
    const onEmployee = await task({ personId: employee.id });
    const onLoner = await task({ personId: loner.id, startsAt: WEEK_START });
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
