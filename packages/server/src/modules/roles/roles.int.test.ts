import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser, roleIdOf } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

describe('roles', () => {
  it('lists the built-in roles of seed 004', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().items;
    expect(roles.map((r: { builtIn: string }) => r.builtIn).filter(Boolean).sort()).toEqual(['administrator', 'head', 'intern', 'manager', 'senior']);
    const intern = roles.find((r: { builtIn: string }) => r.builtIn === 'intern');
    expect(intern.permissions.user).toEqual({ view: 'own', create: 'none', edit: 'none' });
  });

  it('copies a role, and a changed cell takes effect for its users at once', async () => {
    const copy = (await admin.post('/api/v1/roles', { name: 'Менеджер+', copyFromId: await roleIdOf(t.database.db, 'manager') })).json();
    expect(copy.permissions.user.view).toBe('department');
    const department = await newDepartment(t.database.db);
    const user = await newUser(t.database.db, { roleId: copy.id, departmentId: department.id });
    const outsider = await newUser(t.database.db);
    const agent = await t.login(user.email);
    expect((await agent.get(`/api/v1/users/${outsider.id}`)).statusCode).toBe(403);
    const changed = await admin.patch(`/api/v1/roles/${copy.id}`, { permissions: { user: { view: 'all' } }, version: copy.version });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().permissions.user).toEqual({ view: 'all', create: 'none', edit: 'none' });
    expect((await agent.get(`/api/v1/users/${outsider.id}`)).statusCode).toBe(200);
    const audit = (await admin.get(`/api/v1/audit?objectType=role&objectId=${copy.id}&action=permission_change`)).json().items;
    expect(audit[0].changes['user.view']).toEqual({ before: 'department', after: 'all' });
  });

  it('validates the matrix cell by cell', async () => {
    const role = (await admin.post('/api/v1/roles', { name: 'Проверка матрицы' })).json();
    const response = await admin.patch(`/api/v1/roles/${role.id}`, {
      permissions: { role: { view: 'department' }, user: { fly: 'all' }, spaceship: { view: 'all' } },
      version: role.version,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['permissions.role.view', 'permissions.spaceship', 'permissions.user.fly']);
  });

  it('keeps the administrator role and built-in roles safe', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().items;
    const adminRole = roles.find((r: { builtIn: string }) => r.builtIn === 'administrator');
    const locked = await admin.patch(`/api/v1/roles/${adminRole.id}`, { permissions: { user: { view: 'own' } }, version: adminRole.version });
    expect(locked.json().code).toBe('role_administrator_locked');
    const manager = roles.find((r: { builtIn: string }) => r.builtIn === 'manager');
    expect((await admin.delete(`/api/v1/roles/${manager.id}?version=${manager.version}`)).json().code).toBe('role_built_in');
    const duplicate = await admin.post('/api/v1/roles', { name: manager.name.toUpperCase() });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0]).toMatchObject({ field: 'name', code: 'taken' });
  });

  it('refuses to delete a role that employees have', async () => {
    const role = (await admin.post('/api/v1/roles', { name: 'Временная' })).json();
    await newUser(t.database.db, { roleId: role.id });
    const response = await admin.delete(`/api/v1/roles/${role.id}?version=${role.version}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('role_in_use');
  });
});
