import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

const BIK = '044525225';
const ACCOUNT = '40702810938000000001';
const CORR = '30101810400000000225';

const valid = (overrides: Record<string, unknown> = {}) => ({
  kind: 'client',
  name: 'Ромашка',
  fullName: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  website: 'https://romashka.ru',
  contacts: [
    { kind: 'phone', value: '8 (916) 123-45-67', label: 'офис' },
    { kind: 'email', value: 'Info@Romashka.RU' },
  ],
  addresses: [{ kind: 'legal', city: 'Москва', street: 'ул. Ленина, 1' }],
  bankAccounts: [{ bik: BIK, account: ACCOUNT, correspondentAccount: CORR, bankName: 'Сбербанк' }],
  units: [{ name: 'Бухгалтерия' }],
  ...overrides,
});

const errorsOf = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map(({ field, code }) => ({ field, code }));

describe('organizations: card', () => {
  it('creates an organization with every section and reads the same card back', async () => {
    const created = await admin.post('/api/v1/organizations', valid());
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({
      kind: 'client',
      name: 'Ромашка',
      inn: '7707083893',
      version: 1,
      deletedAt: null,
      contacts: [
        { kind: 'phone', value: '8 (916) 123-45-67', normalized: '+79161234567', label: 'офис' },
        { kind: 'email', normalized: 'info@romashka.ru' },
      ],
      addresses: [{ kind: 'legal', city: 'Москва' }],
      bankAccounts: [{ bik: BIK, account: ACCOUNT, isPrimary: true, currency: 'RUB' }],
      units: [{ name: 'Бухгалтерия', parentId: null }],
      groups: [],
    });
    expect(org.responsible?.id).toBe(org.createdBy?.id);
    expect((await admin.get(`/api/v1/organizations/${org.id}`)).json()).toEqual(org);
  });

  it('names each wrong requisite, contact and account in a 400', async () => {
    const response = await admin.post(
      '/api/v1/organizations',
      valid({
        inn: '7707083894',
        kpp: '12',
        ogrn: '1027700132194',
        okpo: '12345670',
        website: 'not a website',
        contacts: [
          { kind: 'phone', value: '123' },
          { kind: 'email', value: 'ivanov@' },
        ],
        bankAccounts: [
          { bik: '123456789', account: ACCOUNT },
          { bik: BIK, account: '40702810938000000002', correspondentAccount: '30101810400000000226' },
        ],
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response.json())).toEqual(
      expect.arrayContaining([
        { field: 'inn', code: 'invalid_inn' },
        { field: 'kpp', code: 'invalid_kpp' },
        { field: 'ogrn', code: 'invalid_ogrn' },
        { field: 'okpo', code: 'invalid_okpo' },
        { field: 'website', code: 'invalid_url' },
        { field: 'contacts.0.value', code: 'invalid_phone' },
        { field: 'contacts.1.value', code: 'invalid_email' },
        { field: 'bankAccounts.0.bik', code: 'invalid_bik' },
        { field: 'bankAccounts.1.account', code: 'invalid_account' },
        { field: 'bankAccounts.1.correspondentAccount', code: 'invalid_correspondent_account' },
      ]),
    );
    expect(response.json().errors[0].message).toMatch(/\S/);
  });

  it.each([
    ['inn', { inn: '1234567890' }, 'invalid_inn'],
    ['kpp', { kpp: 'ABCDEFGHI' }, 'invalid_kpp'],
    ['ogrn', { ogrn: '1234567890123' }, 'invalid_ogrn'],
    ['bankAccounts.0.bik', { bankAccounts: [{ bik: '999', account: ACCOUNT }] }, 'invalid_bik'],
    ['bankAccounts.0.account', { bankAccounts: [{ bik: BIK, account: '40702810938000000009' }] }, 'invalid_account'],
    ['contacts.0.value', { contacts: [{ kind: 'phone', value: '+7 (000) abc' }] }, 'invalid_phone'],
    ['contacts.0.value', { contacts: [{ kind: 'email', value: 'no at sign' }] }, 'invalid_email'],
  ])('one wrong %s alone is a 400 naming it', async (field, overrides, code) => {
    const response = await admin.post('/api/v1/organizations', valid(overrides));
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response.json())).toEqual([{ field, code }]);
  });

  it('checks references: responsible must be an active user, parent must exist and not close a loop', async () => {
    const inactive = await newUser(t.database.db, { active: false });
    const missing = '00000000-0000-7000-8000-000000000000';
    const bad = await admin.post('/api/v1/organizations', valid({ responsibleId: inactive.id, parentId: missing }));
    expect(errorsOf(bad.json())).toEqual([
      { field: 'responsibleId', code: 'not_found' },
      { field: 'parentId', code: 'not_found' },
    ]);

    const holding = (await admin.post('/api/v1/organizations', { name: 'Холдинг' })).json();
    const branch = (await admin.post('/api/v1/organizations', { name: 'Филиал', parentId: holding.id })).json();
    expect(branch.parent).toEqual({ id: holding.id, name: 'Холдинг' });
    const self = await admin.patch(`/api/v1/organizations/${holding.id}`, { parentId: holding.id, version: holding.version });
    expect(errorsOf(self.json())).toEqual([{ field: 'parentId', code: 'self_reference' }]);
    const loop = await admin.patch(`/api/v1/organizations/${holding.id}`, { parentId: branch.id, version: holding.version });
    expect(errorsOf(loop.json())).toEqual([{ field: 'parentId', code: 'cycle' }]);
  });

  it('updates fields, replaces collections keeping ids, and answers 409 to a stale version', async () => {
    const org = (await admin.post('/api/v1/organizations', valid({ name: 'Версия' }))).json();
    const phone = org.contacts[0];
    const changed = await admin.patch(`/api/v1/organizations/${org.id}`, {
      version: org.version,
      region: 'Тверская обл.',
      contacts: [{ id: phone.id, kind: 'phone', value: '+7 916 123-45-67' }, { kind: 'website', value: 'www.Romashka.ru' }],
    });
    expect(changed.statusCode).toBe(200);
    const after = changed.json();
    expect(after).toMatchObject({ version: 2, region: 'Тверская обл.', name: 'Версия' });
    expect(after.contacts).toHaveLength(2);
    expect(after.contacts[0]).toMatchObject({ id: phone.id, normalized: '+79161234567' });
    expect(after.contacts[1]).toMatchObject({ kind: 'website', normalized: 'romashka.ru' });
    expect(after.bankAccounts).toEqual(org.bankAccounts);

    const stale = await admin.patch(`/api/v1/organizations/${org.id}`, { version: org.version, region: 'Другой' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/organizations/${org.id}`)).json().region).toBe('Тверская обл.');

    const history = (await admin.get(`/api/v1/organizations/${org.id}/history`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.items[0].changes).toMatchObject({ region: { before: null, after: 'Тверская обл.' } });
    expect(Object.keys(history.items[0].changes)).toEqual(expect.arrayContaining(['contacts']));
  });

  it("keeps the organization's own departments as a tree, new ones placed under kept ones", async () => {
    const org = (await admin.post('/api/v1/organizations', valid({ name: 'Структура' }))).json();
    const accounting = org.units[0];
    const changed = await admin.patch(`/api/v1/organizations/${org.id}`, {
      version: org.version,
      units: [accounting, { id: '0190a5f0-0000-7000-8000-0000000000aa', name: 'Расчётный стол', parentId: accounting.id }],
    });
    expect(changed.statusCode).toBe(200);
    const [kept, child] = changed.json().units;
    expect(kept).toEqual(accounting);
    expect(child).toMatchObject({ name: 'Расчётный стол', parentId: accounting.id });
    expect(child.id).not.toBe('0190a5f0-0000-7000-8000-0000000000aa');
  });

  it('moves to the recycle bin and back; a card in the bin refuses edits', async () => {
    const org = (await admin.post('/api/v1/organizations', { name: 'Корзина' })).json();
    expect((await admin.delete(`/api/v1/organizations/${org.id}`)).statusCode).toBe(204);
    const deleted = (await admin.get(`/api/v1/organizations/${org.id}`)).json();
    expect(deleted.deletedAt).not.toBeNull();
    const edit = await admin.patch(`/api/v1/organizations/${org.id}`, { version: deleted.version, name: 'X' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('record_deleted');
    const list = (await admin.get('/api/v1/organizations?q=корзина')).json();
    expect(list.items).toHaveLength(0);
    const bin = (await admin.get('/api/v1/organizations?deleted=true&q=корзина')).json();
    expect(bin.items.map((i: { id: string }) => i.id)).toEqual([org.id]);
    const restored = await admin.post(`/api/v1/organizations/${org.id}/restore`);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: deleted.version + 1 });
    expect((await admin.get('/api/v1/organizations?q=корзина')).json().items).toHaveLength(1);
    const actions = (await admin.get(`/api/v1/organizations/${org.id}/history`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
  });

  it('validates custom values by their definitions', async () => {
    await t.database.db
      .insertInto('custom_field_defs')
      .values([
        { id: '0190a5f0-0000-7000-8000-00000000c001', object_type: 'organization', key: 'employees', label: 'Сотрудников', type: 'number', updated_at: new Date() },
      ])
      .execute();
    const bad = await admin.post('/api/v1/organizations', { name: 'Кастом', custom: { employees: 'много', nope: 1 } });
    expect(errorsOf(bad.json())).toEqual(
      expect.arrayContaining([
        { field: 'custom.employees', code: 'invalid_number' },
        { field: 'custom.nope', code: 'unknown_field' },
      ]),
    );
    const ok = (await admin.post('/api/v1/organizations', { name: 'Кастом', custom: { employees: '1 200' } })).json();
    expect(ok.custom).toEqual({ employees: 1200 });
    const cleared = await admin.patch(`/api/v1/organizations/${ok.id}`, { version: ok.version, custom: { employees: null } });
    expect(cleared.json().custom).toEqual({});
  });
});

describe('organizations: access', () => {
  it('a manager sees and edits only own records; a head sees the department; an intern cannot create', async () => {
    const department = await newDepartment(t.database.db);
    const m1 = await newUser(t.database.db, { role: 'manager', departmentId: department.id });
    const m2 = await newUser(t.database.db, { role: 'manager', departmentId: department.id });
    const head = await newUser(t.database.db, { role: 'head', departmentId: department.id });
    const outsider = await newUser(t.database.db, { role: 'manager' });
    const [a1, a2, ah, ao] = await Promise.all([m1, m2, head, outsider].map((u) => t.login(u.email)));

    const own = (await a1!.post('/api/v1/organizations', { name: 'Доступ-свой' })).json();
    const theirs = (await a2!.post('/api/v1/organizations', { name: 'Доступ-чужой' })).json();
    const far = (await ao!.post('/api/v1/organizations', { name: 'Доступ-дальний' })).json();

    expect((await a1!.get(`/api/v1/organizations/${own.id}`)).statusCode).toBe(200);
    expect((await a1!.get(`/api/v1/organizations/${theirs.id}`)).statusCode).toBe(404);
    expect((await a1!.patch(`/api/v1/organizations/${theirs.id}`, { version: 1, name: 'Взлом' })).statusCode).toBe(404);
    expect((await a1!.delete(`/api/v1/organizations/${theirs.id}`)).statusCode).toBe(404);
    expect((await a1!.get(`/api/v1/organizations/${theirs.id}/history`)).statusCode).toBe(404);
    const names = async (agent: Agent) =>
      (await agent.get('/api/v1/organizations?q=доступ&limit=200')).json().items.map((i: { name: string }) => i.name).sort();
    expect(await names(a1!)).toEqual(['Доступ-свой']);
    expect((await a1!.get('/api/v1/organizations/count?q=доступ')).json()).toEqual({ total: 1 });
    expect(await names(ah!)).toEqual(['Доступ-свой', 'Доступ-чужой']);
    expect((await ah!.get('/api/v1/organizations/count?q=доступ')).json()).toEqual({ total: 2 });
    const byHead = await ah!.patch(`/api/v1/organizations/${theirs.id}`, { version: theirs.version, industry: 'Ритейл' });
    expect(byHead.statusCode).toBe(200);
    expect((await ah!.get(`/api/v1/organizations/${far.id}`)).statusCode).toBe(404);

    const intern = await t.signInAs('intern');
    expect((await intern.post('/api/v1/organizations', { name: 'Стажёр' })).statusCode).toBe(403);
  });
});
