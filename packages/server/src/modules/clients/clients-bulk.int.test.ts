import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;
let managerUser: { id: string; email: string };
let receiver: { id: string; email: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  managerUser = await newUser(t.database.db, { role: 'manager', name: 'Менеджер Массовый' });
  receiver = await newUser(t.database.db, { role: 'manager', name: 'Получатель' });
  manager = await t.login(managerUser.email);
});
afterAll(() => t.close());

const createOrgs = async (agent: Agent, names: string[]) => {
  const ids: string[] = [];
  for (const name of names) ids.push((await agent.post('/api/v1/organizations', { name })).json().id);
  return ids;
};

const rowsOf = (ids: string[]) =>
  t.database.db.selectFrom('organizations').select(['id', 'kind', 'responsible_id', 'deleted_at', 'version']).where('id', 'in', ids).orderBy('id').execute();

describe('bulk actions', () => {
  it('refuses the whole request when one record is not the actor’s, and changes nothing', async () => {
    const own = await createOrgs(manager, ['М-1', 'М-2']);
    const [foreign] = await createOrgs(admin, ['Чужая']);
    const before = await rowsOf([...own, foreign!]);
    const refused = await manager.post('/api/v1/organizations/bulk', { action: 'setKind', ids: [...own, foreign], kind: 'client' });
    expect(refused.statusCode).toBe(403);

    // Records the actor sees but may not edit: an intern views own records and edits none.
    const intern = await newUser(t.database.db, { role: 'intern' });
    const internAgent = await t.login(intern.email);
    await admin.post('/api/v1/organizations/bulk', { action: 'setResponsible', ids: own, responsibleId: intern.id });
    const forbidden = await internAgent.post('/api/v1/organizations/bulk', { action: 'setKind', ids: own, kind: 'client' });
    expect(forbidden.statusCode).toBe(403);
    const after = await rowsOf([...own, foreign!]);
    expect(after.map((r) => r.kind)).toEqual(before.map((r) => r.kind));
  });

  it('changes the responsible of many records: one handoff entry and notification each, all in one go', async () => {
    const ids = await createOrgs(manager, ['Р-1', 'Р-2', 'Р-3']);
    const response = await manager.post('/api/v1/organizations/bulk', { action: 'setResponsible', ids, responsibleId: receiver.id });
    expect(response.json()).toEqual({ affected: 3 });
    expect((await rowsOf(ids)).every((r) => r.responsible_id === receiver.id && r.version === 2)).toBe(true);
    const notes = await t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', receiver.id).execute();
    expect(notes.map((n) => n.record_id).sort()).toEqual([...ids].sort());
    expect(notes[0]).toMatchObject({ kind: 'client_handoff', actor_id: managerUser.id });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('object_id', 'in', ids).where('action', '=', 'handoff').execute();
    expect(audit).toHaveLength(3);
    // Handing them back to the same responsible changes nothing.
    const again = await admin.post('/api/v1/organizations/bulk', { action: 'setResponsible', ids, responsibleId: receiver.id });
    expect(again.json()).toEqual({ affected: 0 });
    const missing = await admin.post('/api/v1/organizations/bulk', { action: 'setResponsible', ids, responsibleId: newId() });
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'responsibleId', code: 'not_found' })]);
  });

  it('adds to and removes from a group, sets the kind, deletes and restores, each audited per record', async () => {
    const ids = await createOrgs(admin, ['Г-1', 'Г-2']);
    const adminId = (await admin.get('/api/v1/auth/me')).json().user.id;
    const groupId = newId();
    await t.database.db.insertInto('groups').values({ id: groupId, name: 'Клиенты выставки', owner_id: adminId, updated_at: new Date() }).execute();

    expect((await admin.post('/api/v1/organizations/bulk', { action: 'addToGroup', ids, groupId })).json()).toEqual({ affected: 2 });
    expect((await admin.post('/api/v1/organizations/bulk', { action: 'addToGroup', ids, groupId })).json()).toEqual({ affected: 0 });
    expect((await admin.get(`/api/v1/organizations/${ids[0]}`)).json().groups).toEqual([{ id: groupId, name: 'Клиенты выставки' }]);
    expect((await admin.post('/api/v1/organizations/bulk', { action: 'removeFromGroup', ids: [ids[0]], groupId })).json()).toEqual({ affected: 1 });

    expect((await admin.post('/api/v1/organizations/bulk', { action: 'setKind', ids, kind: 'partner' })).json()).toEqual({ affected: 2 });
    expect((await rowsOf(ids)).map((r) => r.kind)).toEqual(['partner', 'partner']);
    const persons = await admin.post('/api/v1/persons/bulk', { action: 'setKind', ids, kind: 'partner' });
    expect(persons.statusCode).toBe(400);

    expect((await admin.post('/api/v1/organizations/bulk', { action: 'delete', ids })).json()).toEqual({ affected: 2 });
    expect((await rowsOf(ids)).every((r) => r.deleted_at !== null)).toBe(true);
    const blocked = await admin.post('/api/v1/organizations/bulk', { action: 'setKind', ids, kind: 'client' });
    expect(blocked.json().code).toBe('record_deleted');
    expect((await admin.post('/api/v1/organizations/bulk', { action: 'restore', ids })).json()).toEqual({ affected: 2 });
    expect((await rowsOf(ids)).every((r) => r.deleted_at === null)).toBe(true);

    const history = (await admin.get(`/api/v1/organizations/${ids[1]}/history`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'update', 'update', 'create']);
    expect(history.items[2].changes).toEqual({ kind: { before: 'lead', after: 'partner' } });
    expect(history.items[3].changes).toEqual({ groups: { before: null, after: { id: groupId, name: 'Клиенты выставки' } } });
  });

  it('works for persons too, and pages the history with a cursor', async () => {
    const ids: string[] = [];
    for (const lastName of ['Б-Один', 'Б-Два']) ids.push((await manager.post('/api/v1/persons', { lastName })).json().id);
    expect((await manager.post('/api/v1/persons/bulk', { action: 'delete', ids })).json()).toEqual({ affected: 2 });
    expect((await manager.post('/api/v1/persons/bulk', { action: 'restore', ids })).json()).toEqual({ affected: 2 });
    const first = (await manager.get(`/api/v1/persons/${ids[0]}/history?limit=2`)).json();
    expect(first.items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete']);
    const second = (await manager.get(`/api/v1/persons/${ids[0]}/history?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(second.nextCursor).toBeNull();
  });
});
