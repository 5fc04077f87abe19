import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertTask } from './tasks.testing.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  manager = await t.signInAs('manager');
});
afterAll(() => t.close());

const errorsOf = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map(({ field, code }) => ({ field, code }));

describe('task types', () => {
  it('lists the built-in types with their results to everyone', async () => {
    const response = await manager.get('/api/v1/task-types');
    expect(response.statusCode).toBe(200);
    const call = response.json().items.find((i: { key: string }) => i.key === 'call');
    expect(call).toMatchObject({ name: null, icon: 'phone', isContact: true, active: true });
    expect(call.results.map((r: { key: string }) => r.key)).toEqual(['reached', 'no_answer', 'call_back', 'refused']);
  });

  it('is configured only with the task_type right', async () => {
    expect((await manager.post('/api/v1/task-types', { name: 'Визит' })).statusCode).toBe(403);
    const created = await admin.post('/api/v1/task-types', {
      name: 'Визит',
      icon: 'car',
      color: 'red',
      isContact: true,
      results: [{ label: 'Состоялся' }, { label: 'Перенесён', key: 'moved' }],
    });
    expect(created.statusCode).toBe(201);
    const type = created.json();
    expect(type).toMatchObject({ name: 'Визит', icon: 'car', color: 'red', isContact: true, active: true, version: 1 });
    expect(type.results[0].key).toMatch(/^r_[0-9a-f]{10}$/);
    expect(type.results[1]).toEqual({ key: 'moved', label: 'Перенесён' });
    expect((await manager.patch(`/api/v1/task-types/${type.id}`, { name: 'X', version: 1 })).statusCode).toBe(403);
    const duplicate = await admin.post('/api/v1/task-types', { name: 'визит' });
    expect(errorsOf(duplicate.json())).toEqual([{ field: 'name', code: 'taken' }]);
    const noLabel = await admin.post('/api/v1/task-types', { name: 'Пустой', results: [{ key: 'x' }, { key: 'x', label: 'Y' }] });
    expect(errorsOf(noLabel.json())).toEqual([
      { field: 'results.0.label', code: 'required' },
      { field: 'results.1.key', code: 'taken' },
    ]);
  });

  it('lets a used result be relabelled but not removed, and answers 409 on a stale version', async () => {
    const type = (await admin.post('/api/v1/task-types', { name: 'Выставка', results: [{ key: 'met', label: 'Встретились' }, { key: 'missed', label: 'Не пришли' }] })).json();
    const user = await newUser(t.database.db);
    await insertTask(t.database.db, { responsible_id: user.id, type_id: type.id, status: 'done', result_key: 'met' });
    const removed = await admin.patch(`/api/v1/task-types/${type.id}`, { results: [{ key: 'missed', label: 'Не пришли' }], version: 1 });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().errors).toEqual([expect.objectContaining({ field: 'results', code: 'option_in_use', params: { key: 'met' } })]);
    const relabelled = await admin.patch(`/api/v1/task-types/${type.id}`, {
      results: [{ key: 'met', label: 'Встреча состоялась' }, { label: 'Отказались' }],
      version: 1,
    });
    expect(relabelled.statusCode).toBe(200);
    expect(relabelled.json().results.map((r: { label: string }) => r.label)).toEqual(['Встреча состоялась', 'Отказались']);
    expect((await admin.patch(`/api/v1/task-types/${type.id}`, { name: 'Y', version: 1 })).statusCode).toBe(409);
    // A built-in type may go back to its translated name; a custom one may not lose its name.
    expect(errorsOf((await admin.patch(`/api/v1/task-types/${type.id}`, { name: null, version: 2 })).json())).toEqual([{ field: 'name', code: 'required' }]);
    const builtIn = (await admin.get('/api/v1/task-types')).json().items.find((i: { key: string }) => i.key === 'fax');
    const renamed = (await admin.patch(`/api/v1/task-types/${builtIn.id}`, { name: 'Телефакс', version: builtIn.version })).json();
    expect(renamed.name).toBe('Телефакс');
    expect((await admin.patch(`/api/v1/task-types/${builtIn.id}`, { name: null, version: renamed.version })).json().name).toBeNull();
  });

  it('deletes an unused type and switches off a used or built-in one', async () => {
    const unused = (await admin.post('/api/v1/task-types', { name: 'Однодневка' })).json();
    expect((await admin.delete(`/api/v1/task-types/${unused.id}`)).json()).toEqual({ outcome: 'deleted', type: null });
    expect((await admin.get('/api/v1/task-types')).json().items.some((i: { id: string }) => i.id === unused.id)).toBe(false);

    const used = (await admin.post('/api/v1/task-types', { name: 'Используемый' })).json();
    const user = await newUser(t.database.db);
    await insertTask(t.database.db, { responsible_id: user.id, type_id: used.id });
    const off = (await admin.delete(`/api/v1/task-types/${used.id}`)).json();
    expect(off).toMatchObject({ outcome: 'deactivated', type: { id: used.id, active: false } });
    const builtIn = (await admin.get('/api/v1/task-types')).json().items.find((i: { key: string }) => i.key === 'letter');
    expect((await admin.delete(`/api/v1/task-types/${builtIn.id}`)).json()).toMatchObject({ outcome: 'deactivated' });
    expect((await manager.delete(`/api/v1/task-types/${builtIn.id}`)).statusCode).toBe(403);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_type', '=', 'task_type').execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'delete', object_id: unused.id }, { action: 'update', object_id: used.id }]));
  });
});
