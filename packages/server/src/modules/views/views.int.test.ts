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

async function manager() {
  const user = await newUser(t.database.db, { role: 'manager' });
  return { ...user, agent: await t.login(user.email) };
}

const definition = {
  columns: ['name', 'kind', 'responsible', 'phone'],
  filter: { match: 'all', conditions: [{ field: 'kind', op: 'in', value: ['client'] }, { field: 'responsible', op: 'in', value: ['@me'] }] },
  sort: '-updatedAt',
};

describe('saved views', () => {
  it('keeps personal views to their owner and shares shared ones', async () => {
    const anna = await manager();
    const boris = await manager();
    const mine = await anna.agent.post('/api/v1/views', { objectType: 'organization', name: 'Мои клиенты', definition });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ shared: false, canEdit: true, owner: { id: anna.id }, definition, version: 1 });
    const shared = (await anna.agent.post('/api/v1/views', { objectType: 'organization', name: 'Клиенты отдела', shared: true, definition })).json();

    const borisSees = (await boris.agent.get('/api/v1/views?objectType=organization')).json().items;
    expect(borisSees.map((v: { id: string }) => v.id)).toContain(shared.id);
    expect(borisSees.map((v: { id: string }) => v.id)).not.toContain(mine.json().id);
    expect(borisSees.find((v: { id: string }) => v.id === shared.id).canEdit).toBe(false);
    expect((await boris.agent.get(`/api/v1/views/${mine.json().id}`)).statusCode).toBe(404);
    expect((await boris.agent.delete(`/api/v1/views/${mine.json().id}`)).statusCode).toBe(404);
    expect((await boris.agent.patch(`/api/v1/views/${shared.id}`, { version: 1, name: 'Моё' })).statusCode).toBe(403);
    expect((await boris.agent.delete(`/api/v1/views/${shared.id}`)).statusCode).toBe(403);
    expect((await t.database.db.selectFrom('saved_views').select('id').where('id', '=', shared.id).executeTakeFirst())).toBeDefined();
    expect((await boris.agent.get('/api/v1/views?objectType=person')).json().items.map((v: { id: string }) => v.id)).not.toContain(shared.id);

    // An administrator tidies shared views but never sees personal ones.
    const renamed = await admin.patch(`/api/v1/views/${shared.id}`, { version: 1, name: 'Клиенты отдела продаж' });
    expect(renamed.json()).toMatchObject({ name: 'Клиенты отдела продаж', version: 2, owner: { id: anna.id } });
    expect((await admin.get(`/api/v1/views/${mine.json().id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/views/${shared.id}`, { version: 2, shared: false })).statusCode).toBe(403);
  });

  it('checks the definition against the fields of the object type, naming the place', async () => {
    await admin.post('/api/v1/custom-fields', { objectType: 'person', label: 'Размер', key: 'shoe_size', type: 'number' });
    const ok = await admin.post('/api/v1/views', {
      objectType: 'person',
      name: 'С размером',
      definition: { columns: ['name', 'custom.shoe_size'], filter: { match: 'any', conditions: [{ field: 'custom.shoe_size', op: 'gt', value: 40 }] }, sort: 'custom.shoe_size' },
    });
    expect(ok.statusCode).toBe(201);
    const bad = await admin.post('/api/v1/views', {
      objectType: 'person',
      name: 'Плохой',
      definition: {
        columns: ['name', 'inn', 'custom.nope'],
        filter: { match: 'all', conditions: [{ field: 'birthDate', op: 'contains', value: '1990' }, { field: 'salary', op: 'eq', value: 1 }] },
        sort: 'phone',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'definition.columns.1:unknown_field',
      'definition.columns.2:unknown_field',
      'definition.filter.conditions.0.op:invalid_operator',
      'definition.filter.conditions.1.field:unknown_field',
      'definition.sort:invalid_sort',
    ]);
    const shape = await admin.post('/api/v1/views', { objectType: 'deal', name: '', definition: { columns: 'name' } });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['definition.columns', 'name', 'objectType']);
  });

  it('answers a stale version with a conflict and audits every change', async () => {
    const view = (await admin.post('/api/v1/views', { objectType: 'organization', name: 'Лиды', definition: { columns: ['name'] } })).json();
    const first = await admin.patch(`/api/v1/views/${view.id}`, { version: 1, definition: { columns: ['name', 'kind'] } });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/views/${view.id}`, { version: 1, name: 'Старое' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/views/${view.id}`)).statusCode).toBe(204);
    const audit = (await admin.get(`/api/v1/audit?objectType=saved_view&objectId=${view.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(audit[1].changes.definition.after).toEqual({ columns: ['name', 'kind'] });
  });
});
