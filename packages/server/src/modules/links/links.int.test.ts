import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

async function manager() {
  const user = await newUser(t.database.db, { role: 'manager' });
  return { ...user, agent: await t.login(user.email) };
}

describe('links between records', () => {
  it('shows a link on both cards and never names a record the reader may not see', async () => {
    const anna = await manager();
    const db = t.database.db;
    const annas = await insertOrganization(db, { name: 'ООО «Анна и партнёры»', responsibleId: anna.id });
    const secret = await insertOrganization(db, { name: 'АО «Секретный клиент»', responsibleId: (await newUser(db)).id });
    const person = await insertPerson(db, { lastName: 'Смирнова', firstName: 'Ольга', responsibleId: anna.id });

    const link = await admin.post('/api/v1/links', { fromType: 'organization', fromId: annas.id, toType: 'organization', toId: secret.id, label: 'Филиал' });
    expect(link.statusCode).toBe(201);
    expect(link.json()).toMatchObject({ label: 'Филиал', direction: 'outgoing', other: { type: 'organization', id: secret.id, name: 'АО «Секретный клиент»', visible: true } });
    const own = await anna.agent.post('/api/v1/links', { fromType: 'person', fromId: person.id, toType: 'organization', toId: annas.id, label: 'Рекомендовала' });
    expect(own.statusCode).toBe(201);

    const seenByAnna = await anna.agent.get(`/api/v1/links?recordId=${annas.id}`);
    expect(seenByAnna.statusCode).toBe(200);
    const items = seenByAnna.json().items;
    expect(items).toHaveLength(2);
    expect(items.find((l: { label: string }) => l.label === 'Филиал')).toMatchObject({
      direction: 'outgoing',
      other: { type: 'organization', id: secret.id, name: null, visible: false, deleted: false },
    });
    expect(items.find((l: { label: string }) => l.label === 'Рекомендовала')).toMatchObject({
      direction: 'incoming',
      other: { type: 'person', id: person.id, name: 'Смирнова Ольга', visible: true },
    });
    expect(seenByAnna.body).not.toContain('Секретный');

    // The hidden record's own links are not Anna's to read, nor can she link to it.
    expect((await anna.agent.get(`/api/v1/links?recordId=${secret.id}`)).statusCode).toBe(404);
    const toHidden = await anna.agent.post('/api/v1/links', { fromType: 'organization', fromId: annas.id, toType: 'organization', toId: secret.id, label: 'Конкурент' });
    expect(toHidden.statusCode).toBe(400);
    expect(toHidden.json().errors).toEqual([expect.objectContaining({ field: 'toId', code: 'not_found' })]);
    const fromHidden = await anna.agent.post('/api/v1/links', { fromType: 'organization', fromId: secret.id, toType: 'organization', toId: annas.id, label: 'Конкурент' });
    expect(fromHidden.json().errors).toEqual([expect.objectContaining({ field: 'fromId', code: 'not_found' })]);
    expect((await anna.agent.delete(`/api/v1/links/${link.json().id}`)).statusCode).toBe(204);
  });

  it('needs the right to edit the first record', async () => {
    const db = t.database.db;
    const department = await newDepartment(db, { name: 'Продажи' });
    const worker = await newUser(db, { role: 'manager', departmentId: department.id });
    const senior = await newUser(db, { role: 'senior', departmentId: department.id });
    const seniorAgent = await t.login(senior.email);
    // A senior manager sees the department's records but edits only their own.
    const workers = await insertOrganization(db, { responsibleId: worker.id });
    const seniors = await insertOrganization(db, { responsibleId: senior.id });
    const refused = await seniorAgent.post('/api/v1/links', { fromType: 'organization', fromId: workers.id, toType: 'organization', toId: seniors.id, label: 'Партнёр' });
    expect(refused.statusCode).toBe(403);
    const allowed = await seniorAgent.post('/api/v1/links', { fromType: 'organization', fromId: seniors.id, toType: 'organization', toId: workers.id, label: 'Партнёр' });
    expect(allowed.statusCode).toBe(201);
  });

  it('refuses a link to itself, a repeated link and bad input, naming the field', async () => {
    const org = await insertOrganization(t.database.db);
    const other = await insertOrganization(t.database.db);
    const self = await admin.post('/api/v1/links', { fromType: 'organization', fromId: org.id, toType: 'organization', toId: org.id, label: 'Сам себе' });
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'toId', code: 'self_reference' })]);
    const body = { fromType: 'organization', fromId: org.id, toType: 'organization', toId: other.id, label: 'Конкурент' };
    expect((await admin.post('/api/v1/links', body)).statusCode).toBe(201);
    expect((await admin.post('/api/v1/links', body)).json().errors).toEqual([expect.objectContaining({ field: 'label', code: 'taken' })]);
    const wrongType = await admin.post('/api/v1/links', { ...body, toType: 'person' });
    expect(wrongType.json().errors).toEqual([expect.objectContaining({ field: 'toId', code: 'not_found' })]);
    const bad = await admin.post('/api/v1/links', { fromType: 'deal', fromId: 'x', toType: 'organization', toId: other.id, label: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['fromId', 'fromType', 'label']);
  });

  it('records the link in the history of both records', async () => {
    const a = await insertOrganization(t.database.db, { name: 'ООО «Альфа»' });
    const b = await insertPerson(t.database.db, { lastName: 'Петров' });
    const link = (await admin.post('/api/v1/links', { fromType: 'organization', fromId: a.id, toType: 'person', toId: b.id, label: 'Рекомендован' })).json();
    await admin.delete(`/api/v1/links/${link.id}`);
    expect((await admin.get(`/api/v1/links?recordId=${a.id}`)).json().items).toEqual([]);
    const ofA = (await admin.get(`/api/v1/audit?objectType=organization&objectId=${a.id}`)).json().items;
    expect(ofA).toHaveLength(2);
    expect(ofA[1]).toMatchObject({ action: 'update', objectLabel: 'ООО «Альфа»', changes: { link: { before: null, after: { label: 'Рекомендован', direction: 'outgoing', otherId: b.id } } } });
    expect(ofA[0].changes.link.after).toBeNull();
    const ofB = (await admin.get(`/api/v1/audit?objectType=person&objectId=${b.id}`)).json().items;
    expect(ofB[1].changes.link.after).toMatchObject({ direction: 'incoming', otherId: a.id });
  });
});
