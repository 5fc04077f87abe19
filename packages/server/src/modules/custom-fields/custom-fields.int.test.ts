import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { AppError } from '../../platform/errors.js';
import { Problems } from '../../platform/validate.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { checkCustomValues, loadCustomFieldDefs } from './custom-values.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  manager = await t.signInAs('manager');
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>) => admin.post('/api/v1/custom-fields', body);

async function errorsOf(run: (problems: Problems) => Promise<unknown>) {
  const problems = new Problems();
  await run(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return (error as AppError).options.errors ?? [];
  }
}

describe('custom field definitions', () => {
  it('makes a latin key from a Cyrillic label, and a free one when it is taken', async () => {
    const first = await create({ objectType: 'organization', label: 'Дата последней встречи', type: 'date' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ key: 'data_posledney_vstrechi', type: 'date', active: true, version: 1, options: [] });
    const second = await create({ objectType: 'organization', label: 'Дата последней встречи', type: 'date' });
    expect(second.json().key).toBe('data_posledney_vstrechi_2');
    const person = await create({ objectType: 'person', label: 'Дата последней встречи', type: 'date' });
    expect(person.json().key).toBe('data_posledney_vstrechi');
  });

  it('refuses a taken or malformed key and choices without options, naming the field', async () => {
    await create({ objectType: 'organization', label: 'Сегмент', key: 'segment', type: 'text' });
    const taken = await create({ objectType: 'organization', label: 'Другой', key: 'segment', type: 'text' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: 'key', code: 'taken' })]);
    const bad = await create({ objectType: 'organization', label: 'X', key: 'Сегмент 2', type: 'text' });
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'key', code: 'invalid_format' })]);
    const noOptions = await create({ objectType: 'organization', label: 'Статус', type: 'choice' });
    expect(noOptions.json().errors).toEqual([expect.objectContaining({ field: 'options', code: 'required' })]);
    const twice = await create({
      objectType: 'organization',
      label: 'Статус',
      type: 'multi_choice',
      options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }],
    });
    expect(twice.json().errors).toEqual([expect.objectContaining({ field: 'options.1.value', code: 'taken' })]);
    const unknownType = await create({ objectType: 'organization', label: 'X', type: 'color' });
    expect(unknownType.statusCode).toBe(400);
  });

  it('lets everyone read the definitions and only administrators change them', async () => {
    const list = await manager.get('/api/v1/custom-fields?objectType=organization');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(list.json().items.every((f: { objectType: string }) => f.objectType === 'organization')).toBe(true);
    const denied = await manager.post('/api/v1/custom-fields', { objectType: 'person', label: 'Хобби', type: 'text' });
    expect(denied.statusCode).toBe(403);
  });

  it('refuses to change the type once records hold values, and says why', async () => {
    const field = (await create({ objectType: 'organization', label: 'Оборот', type: 'number' })).json();
    const free = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: field.version, type: 'money' });
    expect(free.statusCode).toBe(200);
    await insertOrganization(t.database.db, { custom: { [field.key]: '100.00' } });
    const refused = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: free.json().version, type: 'text' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'custom_field_has_values' });
    expect(refused.json().title).toMatch(/значения/);
    const relabel = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: free.json().version, label: 'Годовой оборот' });
    expect(relabel.json()).toMatchObject({ label: 'Годовой оборот', type: 'money', version: 3 });
  });

  it('keeps options that records use: they can be renamed, not removed', async () => {
    const options = [{ value: 'retail', label: 'Розница' }, { value: 'wholesale', label: 'Опт' }, { value: 'online', label: 'Интернет' }];
    const field = (await create({ objectType: 'organization', label: 'Канал', type: 'multi_choice', options })).json();
    await insertOrganization(t.database.db, { custom: { [field.key]: ['wholesale'] } });
    const removing = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, options: [options[0]] });
    expect(removing.statusCode).toBe(400);
    expect(removing.json().errors).toEqual([expect.objectContaining({ field: 'options', code: 'option_in_use', params: { value: 'wholesale' } })]);
    const renaming = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, options: [options[0], { value: 'wholesale', label: 'Оптовые продажи' }] });
    expect(renaming.statusCode).toBe(200);
    expect(renaming.json().options).toHaveLength(2);
  });

  it('answers a stale version with a conflict', async () => {
    const field = (await create({ objectType: 'person', label: 'Хобби', type: 'text' })).json();
    expect((await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, label: 'Увлечения' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: 1, label: 'Хобби и спорт' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
  });

  it('deactivates on delete and keeps the values for a re-activation; audits each step', async () => {
    const field = (await create({ objectType: 'person', label: 'Любимый цвет', type: 'text' })).json();
    const person = await insertPerson(t.database.db, { custom: { [field.key]: 'синий' } });
    expect((await admin.delete(`/api/v1/custom-fields/${field.id}`)).statusCode).toBe(204);
    const active = (await admin.get('/api/v1/custom-fields?objectType=person')).json().items;
    expect(active.find((f: { id: string }) => f.id === field.id)).toBeUndefined();
    const all = (await admin.get('/api/v1/custom-fields?objectType=person&includeInactive=true')).json().items;
    expect(all.find((f: { id: string }) => f.id === field.id)).toMatchObject({ active: false, version: 2 });
    const row = await t.database.db.selectFrom('persons').select('custom').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.custom).toEqual({ [field.key]: 'синий' });
    const back = await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: 2, active: true });
    expect(back.json()).toMatchObject({ active: true });
    const audit = (await admin.get(`/api/v1/audit?objectType=custom_field&objectId=${field.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['update', 'delete', 'create']);
    expect(audit[0].changes).toEqual({ active: { before: false, after: true } });
  });

  it('describes the values of custom fields in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/v1/custom-fields'].get.description).toMatch(/decimal string/);
    expect(doc.components.schemas.OrganizationCustomFields).toMatchObject({ type: 'object', additionalProperties: true });
  });
});

describe('checking custom values against the definitions', () => {
  it('names the field of each wrong value, checks linked records in one go, and requires what is required', async () => {
    const db = t.database.db;
    const make = async (body: Record<string, unknown>) => (await create({ objectType: 'organization', ...body })).json();
    await make({ label: 'Цена', key: 'cv_price', type: 'money', required: true });
    await make({ label: 'Куратор', key: 'cv_curator', type: 'user' });
    await make({ label: 'Головная', key: 'cv_head', type: 'organization' });
    await make({ label: 'Флаг', key: 'cv_flag', type: 'checkbox' });
    await make({ label: 'Теги', key: 'cv_tags', type: 'multi_choice', options: [{ value: 'vip', label: 'VIP' }, { value: 'new', label: 'Новый' }] });
    const defs = (await loadCustomFieldDefs(db, 'organization')).filter((d) => d.key.startsWith('cv_'));
    const user = await newUser(db);
    const head = await insertOrganization(db);
    const gone = await insertOrganization(db, { deleted: true });

    let values: Record<string, unknown> = {};
    const good = await errorsOf(async (p) => {
      values = await checkCustomValues(db, defs, { cv_price: '1 500,5', cv_curator: user.id, cv_head: head.id, cv_flag: 'да', cv_tags: 'VIP; новый' }, p, { partial: false });
    });
    expect(good).toEqual([]);
    expect(values).toEqual({ cv_price: '1500.50', cv_curator: user.id, cv_head: head.id, cv_flag: true, cv_tags: ['vip', 'new'] });

    const bad = await errorsOf((p) =>
      checkCustomValues(db, defs, { cv_curator: '0190f000-0000-7000-8000-000000000001', cv_head: gone.id, cv_flag: 'maybe', cv_tags: ['old'], cv_nope: 1 }, p, { partial: false }),
    );
    expect(bad).toEqual(
      expect.arrayContaining([
        { field: 'custom.cv_price', code: 'required' },
        { field: 'custom.cv_curator', code: 'not_found' },
        { field: 'custom.cv_head', code: 'not_found' },
        { field: 'custom.cv_flag', code: 'invalid_value' },
        { field: 'custom.cv_tags', code: 'invalid_option' },
        { field: 'custom.cv_nope', code: 'unknown_field' },
      ]),
    );
    expect(bad).toHaveLength(6);
  });
});
