import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from './client-records.testing.js';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

/** A manager signed in, with their id (managers see only the clients they are responsible for). */
async function manager() {
  const user = await newUser(t.database.db, { role: 'manager' });
  return { ...user, agent: await t.login(user.email) };
}

describe('groups', () => {
  it('keeps personal groups invisible to others and shows shared ones to everyone', async () => {
    const anna = await manager();
    const boris = await manager();
    const personal = (await anna.agent.post('/api/v1/groups', { name: 'Мои горячие' })).json();
    const shared = (await anna.agent.post('/api/v1/groups', { name: 'Выставка 2026', shared: true, description: 'Контакты со стенда' })).json();
    expect(personal).toMatchObject({ shared: false, memberCount: 0, canEdit: true, owner: { id: anna.id }, version: 1 });

    const seenByBoris = (await boris.agent.get('/api/v1/groups')).json().items.map((g: { id: string }) => g.id);
    expect(seenByBoris).toContain(shared.id);
    expect(seenByBoris).not.toContain(personal.id);
    expect((await boris.agent.get(`/api/v1/groups/${personal.id}`)).statusCode).toBe(404);
    expect((await boris.agent.patch(`/api/v1/groups/${personal.id}`, { version: 1, name: 'Моё' })).statusCode).toBe(404);
    expect((await boris.agent.post(`/api/v1/groups/${personal.id}/members`, { recordType: 'organization', ids: [(await insertOrganization(t.database.db, { responsibleId: boris.id })).id] })).statusCode).toBe(404);
    // A shared group is not Boris's to rename; an administrator (edits all organizations) may.
    expect((await boris.agent.patch(`/api/v1/groups/${shared.id}`, { version: 1, name: 'Чужое' })).statusCode).toBe(403);
    expect((await boris.agent.get(`/api/v1/groups/${shared.id}`)).json().canEdit).toBe(false);
    const renamed = await admin.patch(`/api/v1/groups/${shared.id}`, { version: 1, name: 'Выставка «Связь-2026»' });
    expect(renamed.json()).toMatchObject({ name: 'Выставка «Связь-2026»', version: 2 });
    expect((await admin.get('/api/v1/groups')).json().items.map((g: { id: string }) => g.id)).not.toContain(personal.id);
  });

  it('adds in bulk only records the actor may see, skips those already in, and removes them', async () => {
    const anna = await manager();
    const db = t.database.db;
    const own = [await insertOrganization(db, { responsibleId: anna.id }), await insertOrganization(db, { responsibleId: anna.id })];
    const person = await insertPerson(db, { responsibleId: anna.id });
    const foreign = await insertOrganization(db, { responsibleId: (await newUser(db)).id });
    const group = (await anna.agent.post('/api/v1/groups', { name: 'Рассылка', shared: true })).json();

    const hidden = await anna.agent.post(`/api/v1/groups/${group.id}/members`, { recordType: 'organization', ids: [own[0]!.id, foreign.id] });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([expect.objectContaining({ field: 'ids.1', code: 'not_found' })]);
    expect((await anna.agent.get(`/api/v1/groups/${group.id}`)).json().memberCount).toBe(0);

    const added = await anna.agent.post(`/api/v1/groups/${group.id}/members`, { recordType: 'organization', ids: own.map((o) => o.id) });
    expect(added.json()).toEqual({ changed: 2, memberCount: 2 });
    const again = await anna.agent.post(`/api/v1/groups/${group.id}/members`, { recordType: 'organization', ids: [own[0]!.id] });
    expect(again.json()).toEqual({ changed: 0, memberCount: 2 });
    // An organization id sent as a person is not a visible person.
    const wrongType = await anna.agent.post(`/api/v1/groups/${group.id}/members`, { recordType: 'person', ids: [own[0]!.id] });
    expect(wrongType.statusCode).toBe(400);
    expect((await anna.agent.post(`/api/v1/groups/${group.id}/members`, { recordType: 'person', ids: [person.id] })).json().memberCount).toBe(3);

    const ofPerson = (await anna.agent.get(`/api/v1/groups?recordId=${person.id}`)).json().items;
    expect(ofPerson.map((g: { id: string }) => g.id)).toEqual([group.id]);

    // The administrator adds a record Anna cannot see; Anna may not ask its groups, and her removal leaves it alone.
    await admin.post(`/api/v1/groups/${group.id}/members`, { recordType: 'organization', ids: [foreign.id] });
    expect((await anna.agent.get(`/api/v1/groups?recordId=${foreign.id}`)).statusCode).toBe(404);
    const removed = await anna.agent.post(`/api/v1/groups/${group.id}/members/remove`, { ids: [own[0]!.id, person.id, foreign.id] });
    expect(removed.json()).toEqual({ changed: 2, memberCount: 2 });
    const left = await db.selectFrom('group_members').select('record_id').where('group_id', '=', group.id).execute();
    expect(left.map((r) => r.record_id).sort()).toEqual([own[1]!.id, foreign.id].sort());
  });

  it('answers a stale version with a conflict', async () => {
    const group = (await admin.post('/api/v1/groups', { name: 'VIP' })).json();
    expect((await admin.patch(`/api/v1/groups/${group.id}`, { version: 1, name: 'VIP-клиенты' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/groups/${group.id}`, { version: 1, name: 'Важные' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/groups/${group.id}`)).json().name).toBe('VIP-клиенты');
  });

  it('refuses bad input with the field named', async () => {
    const empty = await admin.post('/api/v1/groups', { name: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('name');
    const group = (await admin.post('/api/v1/groups', { name: 'Пустая' })).json();
    const badIds = await admin.post(`/api/v1/groups/${group.id}/members`, { recordType: 'deal', ids: ['x'] });
    expect(badIds.statusCode).toBe(400);
    expect(badIds.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['ids.0', 'recordType']);
  });

  it('audits creation, changes of members and deletion; deleting keeps the records', async () => {
    const org = await insertOrganization(t.database.db);
    const group = (await admin.post('/api/v1/groups', { name: 'Для аудита', shared: true })).json();
    await admin.post(`/api/v1/groups/${group.id}/members`, { recordType: 'organization', ids: [org.id] });
    expect((await admin.delete(`/api/v1/groups/${group.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/groups/${group.id}`)).statusCode).toBe(404);
    const audit = (await admin.get(`/api/v1/audit?objectType=group&objectId=${group.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(audit[1].changes).toEqual({ memberCount: { before: 0, after: 1 } });
    expect(await t.database.db.selectFrom('organizations').select('id').where('id', '=', org.id).executeTakeFirst()).toBeDefined();
  });
});
