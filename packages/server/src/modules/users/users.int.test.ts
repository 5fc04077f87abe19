import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser, roleIdOf, TEST_PASSWORD } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;
let managerRole: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  managerRole = await roleIdOf(t.database.db, 'manager');
});
afterAll(() => t.close());

const validUser = (overrides: Record<string, unknown> = {}) => ({
  name: 'Анна Сергеевна Белова',
  email: `belova-${Math.random().toString(36).slice(2)}@test.example`,
  password: 'Белова-пароль-2026',
  position: 'Менеджер по продажам',
  phone: '+7 495 000-00-01',
  roleId: managerRole,
  ...overrides,
});

describe('users', () => {
  it('creates an employee, reads it back, never shows the password hash', async () => {
    const department = await newDepartment(t.database.db, { name: 'Продажи' });
    const created = await admin.post('/api/v1/users', validUser({ departmentId: department.id, email: 'Belova@Test.Example' }));
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'belova@test.example', department: { id: department.id, name: 'Продажи' }, role: { id: managerRole }, active: true, version: 1 });
    expect(created.body).not.toMatch(/scrypt|password/i);
    expect((await admin.get(`/api/v1/users/${user.id}`)).json()).toEqual(user);
    await t.login('belova@test.example', 'Белова-пароль-2026');
  });

  it('names every bad field in the language of the request', async () => {
    const body = { name: '', email: 'not-email', password: 'short', roleId: 'nope', departmentId: '00000000-0000-7000-8000-000000000000' };
    const ru = await admin.post('/api/v1/users', body);
    expect(ru.statusCode).toBe(400);
    const fields = Object.fromEntries(ru.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(fields).toMatchObject({ name: 'Обязательное поле', email: 'Неверный адрес электронной почты', roleId: 'Неверный идентификатор' });
    const anon = t.anonymous();
    const en = await anon.post('/api/v1/setup', { companyName: '', name: 'x', email: 'x', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().title).toMatch(/setup|check/i);
    const uk = await anon.post('/api/v1/auth/login', { email: '', password: '' }, { 'accept-language': 'uk' });
    expect(uk.json().errors[0].message).toBe("Обов'язкове поле");
  });

  it('reports a referenced department that does not exist and a taken email', async () => {
    const missing = await admin.post('/api/v1/users', validUser({ departmentId: '00000000-0000-7000-8000-000000000000' }));
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'departmentId', code: 'not_found' })]);
    const { email } = await newUser(t.database.db);
    const taken = await admin.post('/api/v1/users', validUser({ email }));
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: 'email', code: 'taken' })]);
  });

  it('detects concurrent edits: the stale version gets 409 and nothing is overwritten', async () => {
    const { id } = await newUser(t.database.db);
    const { version } = (await admin.get(`/api/v1/users/${id}`)).json();
    const first = await admin.patch(`/api/v1/users/${id}`, { position: 'Первый', version });
    const second = await admin.patch(`/api/v1/users/${id}`, { position: 'Второй', version });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/users/${id}`)).json().position).toBe('Первый');
  });

  it('audits changes with the fields before and after, the request id and the address', async () => {
    const { id } = await newUser(t.database.db, { name: 'Старое Имя' });
    const { version } = (await admin.get(`/api/v1/users/${id}`)).json();
    const response = await admin.patch(`/api/v1/users/${id}`, { name: 'Новое Имя', phone: '+7 900 111-22-33', version });
    const entries = (await admin.get(`/api/v1/audit?objectType=user&objectId=${id}`)).json().items;
    expect(entries[0]).toMatchObject({
      action: 'update',
      objectLabel: 'Новое Имя',
      changes: { name: { before: 'Старое Имя', after: 'Новое Имя' }, phone: { before: null, after: '+7 900 111-22-33' } },
      requestId: response.headers['x-request-id'],
      ip: '127.0.0.1',
    });
    expect(entries[0].actor).not.toBeNull();
  });

  it('deactivation ends the user sessions at once and refuses their API tokens', async () => {
    const { id, email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const { token } = (await agent.post('/api/v1/auth/tokens', { name: 'скрипт' })).json();
    const bearer = t.anonymous();
    bearer.bearer = token;
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);
    const { version } = (await admin.get(`/api/v1/users/${id}`)).json();
    expect((await admin.patch(`/api/v1/users/${id}`, { active: false, version })).statusCode).toBe(200);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
    const relogin = await t.anonymous().post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(relogin.statusCode).toBe(401);
  });

  it('an administrator resets a password, which ends the user sessions', async () => {
    const { id, email } = await newUser(t.database.db);
    const agent = await t.login(email);
    expect((await admin.post(`/api/v1/users/${id}/reset-password`, { password: 'qwerty' })).statusCode).toBe(400);
    expect((await admin.post(`/api/v1/users/${id}/reset-password`, { password: 'Временный-пароль-77' })).statusCode).toBe(204);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
    await t.login(email, 'Временный-пароль-77');
  });

  it('nobody deactivates themself or changes their own role', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json().user;
    const deactivate = await admin.patch(`/api/v1/users/${me.id}`, { active: false, version: me.version });
    expect(deactivate.statusCode).toBe(403);
    expect(deactivate.json().code).toBe('cannot_change_self');
  });

  it('a head of department cannot hand out a role stronger than their own', async () => {
    const department = await newDepartment(t.database.db);
    const head = await newUser(t.database.db, { role: 'head', departmentId: department.id });
    const agent = await t.login(head.email);
    const adminRole = await roleIdOf(t.database.db, 'administrator');
    expect((await agent.post('/api/v1/users', validUser({ departmentId: department.id, roleId: adminRole }))).statusCode).toBe(403);
    expect((await agent.post('/api/v1/users', validUser({ departmentId: department.id, roleId: managerRole }))).statusCode).toBe(201);
  });

  it('pages through every user exactly once with keyset cursors, in every sort order', async () => {
    const department = await newDepartment(t.database.db, { name: 'Для постраничного вывода' });
    for (let i = 0; i < 23; i++) await newUser(t.database.db, { name: `Листаемый ${String(i % 7)}`, departmentId: department.id });
    for (const sort of ['name', '-name', 'email', '-createdAt', 'lastLoginAt', '-lastLoginAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await admin.get(`/api/v1/users?departmentId=${department.id}&limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toHaveLength(23);
      expect(new Set(seen).size, sort).toBe(23);
    }
    const counted = (await admin.get(`/api/v1/users?departmentId=${department.id}&limit=5&withTotal=true`)).json();
    expect(counted.items).toHaveLength(5);
    expect(counted.total).toBe(23);
    expect((await admin.get(`/api/v1/users?departmentId=${department.id}&limit=5`)).json().total).toBeUndefined();
  });

  it('lists a department alone, or with its sub-departments (a head’s whole team), counting the same way', async () => {
    const db = t.database.db;
    const sales = await newDepartment(db, { name: 'Продажи (дерево)' });
    const moscow = await newDepartment(db, { name: 'Москва (дерево)', parentId: sales.id });
    const center = await newDepartment(db, { name: 'Центр (дерево)', parentId: moscow.id });
    const other = await newDepartment(db, { name: 'Соседи (дерево)' });
    const head = await newUser(db, { name: 'Дерево Глава', departmentId: sales.id });
    const seller = await newUser(db, { name: 'Дерево Продавец', departmentId: moscow.id });
    const junior = await newUser(db, { name: 'Дерево Стажёр', departmentId: center.id });
    await newUser(db, { name: 'Дерево Сосед', departmentId: other.id });
    const ids = async (query: string) => (await admin.get(`/api/v1/users?${query}&withTotal=true`)).json() as { items: { id: string }[]; total: number };
    const alone = await ids(`departmentId=${sales.id}`);
    expect(alone.items.map((u) => u.id)).toEqual([head.id]);
    const team = await ids(`departmentId=${sales.id}&subdepartments=true`);
    expect(team.items.map((u) => u.id)).toEqual([head.id, seller.id, junior.id]);
    expect(team.total).toBe(3);
  });

  it('filters by text, role and activity', async () => {
    await newUser(t.database.db, { name: 'Уникальнейшая Фамилия' });
    const found = (await admin.get(`/api/v1/users?q=${encodeURIComponent('уникальнейшая')}`)).json().items;
    expect(found.map((u: { name: string }) => u.name)).toEqual(['Уникальнейшая Фамилия']);
    const inactive = (await admin.get('/api/v1/users?active=false&limit=200')).json().items;
    expect(inactive.every((u: { active: boolean }) => !u.active)).toBe(true);
    const wildcard = (await admin.get(`/api/v1/users?q=${encodeURIComponent('%_')}`)).json().items;
    expect(wildcard).toEqual([]);
  });
});
