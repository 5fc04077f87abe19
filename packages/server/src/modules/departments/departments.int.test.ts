import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

const create = async (body: Record<string, unknown>) => {
  const response = await admin.post('/api/v1/departments', body);
  expect(response.statusCode).toBe(201);
  return response.json();
};

describe('departments', () => {
  it('builds a tree with a head and counts employees', async () => {
    const head = await newUser(t.database.db, { name: 'Борис Довженко' });
    const sales = await create({ name: 'Отдел продаж', headId: head.id });
    const regions = await create({ name: 'Продажи — регионы', parentId: sales.id });
    expect(sales.head).toEqual({ id: head.id, name: 'Борис Довженко' });
    expect(regions.parentId).toBe(sales.id);
    await newUser(t.database.db, { departmentId: regions.id });
    expect((await admin.get(`/api/v1/departments/${regions.id}`)).json().userCount).toBe(1);
    const all = (await admin.get('/api/v1/departments')).json().items.map((d: { id: string }) => d.id);
    expect(all).toEqual(expect.arrayContaining([sales.id, regions.id]));
  });

  it('refuses to put a department inside itself or its descendants', async () => {
    const top = await create({ name: 'Верхний' });
    const middle = await create({ name: 'Средний', parentId: top.id });
    const bottom = await create({ name: 'Нижний', parentId: middle.id });
    const response = await admin.patch(`/api/v1/departments/${top.id}`, { parentId: bottom.id, version: top.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'cycle', message: 'Отдел не может входить сам в себя' })]);
    const self = await admin.patch(`/api/v1/departments/${top.id}`, { parentId: top.id, version: top.version });
    expect(self.json().errors[0].code).toBe('cycle');
  });

  it('deletes only empty departments, with the current version', async () => {
    const parent = await create({ name: 'С подотделом' });
    const child = await create({ name: 'Подотдел', parentId: parent.id });
    const refused = await admin.delete(`/api/v1/departments/${parent.id}?version=${parent.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('department_not_empty');
    expect((await admin.delete(`/api/v1/departments/${child.id}?version=${child.version + 1}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/departments/${child.id}?version=${child.version}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/departments/${child.id}`)).statusCode).toBe(404);
    const audit = (await admin.get(`/api/v1/audit?objectType=department&objectId=${child.id}&action=delete`)).json().items;
    expect(audit[0].changes.name).toEqual({ before: 'Подотдел', after: null });
  });

  it('moving a head into another department extends their reach at once', async () => {
    const a = await create({ name: 'Отдел А' });
    const b = await create({ name: 'Отдел Б' });
    const head = await newUser(t.database.db, { role: 'head', departmentId: a.id });
    const inB = await newUser(t.database.db, { departmentId: b.id });
    const agent = await t.login(head.email);
    const before = await agent.patch(`/api/v1/users/${inB.id}`, { position: 'x', version: 1 });
    expect(before.statusCode).toBe(403);
    await admin.patch(`/api/v1/departments/${b.id}`, { parentId: a.id, version: b.version });
    expect((await agent.patch(`/api/v1/users/${inB.id}`, { position: 'Переведён', version: 1 })).statusCode).toBe(200);
  });
});
