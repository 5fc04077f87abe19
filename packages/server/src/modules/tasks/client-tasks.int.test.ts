import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
