import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_PERMISSIONS,
  BUILT_IN_ROLES,
  normalizePermissions,
  OBJECT_DEFS,
  SCOPES,
  scopeOf,
  type Action,
  type ObjectType,
  type Permissions,
  type Scope,
} from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { newId } from '../ids.js';

/**
 * The access matrix, generated from a table: for every built-in role, and for a role made for every
 * single scope, each object × action is tried on records that belong to the actor, to a colleague in the
 * same department, to someone in a sub-department and to someone in another department.
 */
type Relation = 'self' | 'colleague' | 'sub' | 'other';
const RELATIONS: Relation[] = ['self', 'colleague', 'sub', 'other'];
const REACHES: Record<Scope, Relation[]> = {
  none: [],
  own: ['self'],
  department: ['self', 'colleague', 'sub'],
  all: ['self', 'colleague', 'sub', 'other'],
};

interface Case {
  label: string;
  permissions: Permissions;
  object: ObjectType;
  action: Action;
  scope: Scope;
}

const SCOPED_OBJECTS: ObjectType[] = ['user', 'department', 'audit'];
const GLOBAL_OBJECTS: ObjectType[] = ['role', 'settings'];

function cases(): Case[] {
  const list: Case[] = [];
  for (const role of BUILT_IN_ROLES) {
    const permissions = normalizePermissions(BUILT_IN_PERMISSIONS[role]);
    for (const object of [...SCOPED_OBJECTS, ...GLOBAL_OBJECTS]) {
      for (const action of OBJECT_DEFS[object].actions) {
        list.push({ label: `built-in ${role}`, permissions, object, action, scope: scopeOf(permissions, object, action) });
      }
    }
  }
  for (const object of [...SCOPED_OBJECTS, ...GLOBAL_OBJECTS]) {
    for (const action of OBJECT_DEFS[object].actions) {
      for (const scope of SCOPES) {
        if (!(OBJECT_DEFS[object].scopes as readonly Scope[]).includes(scope)) continue;
        // Acting on a record needs seeing it: the synthetic role views with the same scope it acts with.
        const permissions = normalizePermissions({ [object]: { view: scope, [action]: scope } });
        list.push({ label: `only ${object}.${action}=${scope}`, permissions, object, action, scope });
      }
    }
  }
  return list;
}

let t: TestApp;
let admin: Agent;
let deptA: string;
let deptA1: string;
let deptB: string;
let emptyRoleId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  deptA = (await newDepartment(db, { name: 'Продажи' })).id;
  deptA1 = (await newDepartment(db, { name: 'Продажи — регионы', parentId: deptA })).id;
  deptB = (await newDepartment(db, { name: 'Маркетинг' })).id;
  admin = await t.login((await newUser(db, { role: 'administrator' })).email);
  emptyRoleId = (await admin.post('/api/v1/roles', { name: 'Без прав' })).json().id;
});
afterAll(() => t.close());

/** A fresh world per case: the actor in A, a colleague in A, a user in sub-department A1, one in B. */
async function world(permissions: Permissions) {
  const db = t.database.db;
  const roleId = newId();
  await db
    .insertInto('roles')
    .values({ id: roleId, name: `Роль ${roleId}`, permissions: JSON.stringify(permissions), updated_at: new Date() })
    .execute();
  const self = await newUser(db, { roleId, departmentId: deptA });
  const users: Record<Relation, string> = {
    self: self.id,
    colleague: (await newUser(db, { departmentId: deptA })).id,
    sub: (await newUser(db, { departmentId: deptA1 })).id,
    other: (await newUser(db, { departmentId: deptB })).id,
  };
  // Departments by relation: one the actor heads ("own"), one inside A's subtree, one elsewhere.
  const departments: Record<Relation, string> = {
    self: (await newDepartment(db, { name: `Возглавляемый ${roleId.slice(-4)}`, parentId: deptB, headId: self.id })).id,
    colleague: (await newDepartment(db, { name: `Группа А ${roleId.slice(-4)}`, parentId: deptA })).id,
    sub: (await newDepartment(db, { name: `Группа А1 ${roleId.slice(-4)}`, parentId: deptA1 })).id,
    other: (await newDepartment(db, { name: `Группа Б ${roleId.slice(-4)}`, parentId: deptB })).id,
  };
  const audit: Record<Relation, string> = { self: '', colleague: '', sub: '', other: '' };
  for (const relation of RELATIONS) {
    audit[relation] = newId();
    await db
      .insertInto('audit_log')
      .values({ id: audit[relation], actor_id: users[relation], action: 'update', object_type: 'probe', object_id: roleId })
      .execute();
  }
  return { roleId, agent: await t.login(self.email), users, departments, audit };
}

type World = Awaited<ReturnType<typeof world>>;

async function listIds(agent: Agent, url: string): Promise<Set<string>> {
  const response = await agent.get(url);
  if (response.statusCode === 403) return new Set();
  expect(response.statusCode).toBe(200);
  return new Set(response.json().items.map((item: { id: string }) => item.id));
}

async function attempt(w: World, object: ObjectType, action: Action, relation: Relation): Promise<number> {
  const { agent } = w;
  if (object === 'user') {
    const id = w.users[relation];
    if (action === 'view') return (await agent.get(`/api/v1/users/${id}`)).statusCode;
    if (action === 'edit') {
      const { version } = (await admin.get(`/api/v1/users/${id}`)).json();
      return (await agent.patch(`/api/v1/users/${id}`, { position: `Должность ${Date.now()}`, version })).statusCode;
    }
    // create: a new employee in the department of the relation's user
    const departmentId = { self: deptA, colleague: deptA, sub: deptA1, other: deptB }[relation];
    // The new employee gets a role with no rights: nobody may hand out more than they have.
    return (await agent.post('/api/v1/users', { name: 'Новичок', email: `new-${newId()}@test.example`, password: 'Пароль-новичка-2026', departmentId, roleId: emptyRoleId })).statusCode;
  }
  if (object === 'department') {
    const id = w.departments[relation];
    if (action === 'view') return (await agent.get(`/api/v1/departments/${id}`)).statusCode;
    if (action === 'edit') {
      const { version } = (await admin.get(`/api/v1/departments/${id}`)).json();
      return (await agent.patch(`/api/v1/departments/${id}`, { name: `Переименован ${newId().slice(-6)}`, version })).statusCode;
    }
    if (action === 'create') return (await agent.post('/api/v1/departments', { name: `Новый ${newId().slice(-6)}`, parentId: id, ...(relation === 'self' ? { headId: w.users.self } : {}) })).statusCode;
    // delete: an empty leaf of the same relation
    const leaf = (await admin.post('/api/v1/departments', { name: `Лист ${newId().slice(-6)}`, parentId: relation === 'self' ? deptB : id, ...(relation === 'self' ? { headId: w.users.self } : {}) })).json();
    return (await agent.delete(`/api/v1/departments/${leaf.id}?version=${leaf.version}`)).statusCode;
  }
  throw new Error(`no attempt for ${object}.${action}`);
}

describe('access matrix', () => {
  for (const c of cases().filter((c) => SCOPED_OBJECTS.includes(c.object))) {
    it(`${c.label}: ${c.object}.${c.action} reaches ${REACHES[c.scope].join(', ') || 'nothing'}`, async () => {
      const w = await world(c.permissions);
      const reached = REACHES[c.scope];
      if (c.object === 'audit') {
        const seen = await listIds(w.agent, `/api/v1/audit?objectType=probe&objectId=${w.roleId}`);
        for (const relation of RELATIONS) expect(seen.has(w.audit[relation]), relation).toBe(reached.includes(relation));
        return;
      }
      if (c.action === 'view') {
        const url = c.object === 'user' ? '/api/v1/users?limit=200' : '/api/v1/departments?limit=500';
        const listed = await listIds(w.agent, url);
        for (const relation of RELATIONS) {
          const id = c.object === 'user' ? w.users[relation] : w.departments[relation];
          expect(listed.has(id), `${relation} listed`).toBe(reached.includes(relation));
        }
      }
      // "own" for creating a user has no owner to match: nothing is reachable.
      const expected = c.object === 'user' && c.action === 'create' && c.scope === 'own' ? [] : reached;
      for (const relation of RELATIONS) {
        const status = await attempt(w, c.object, c.action, relation);
        if (expected.includes(relation)) expect([200, 201, 204], `${relation}: ${status}`).toContain(status);
        else expect(status, relation).toBe(403);
      }
    });
  }

  for (const c of cases().filter((c) => GLOBAL_OBJECTS.includes(c.object))) {
    it(`${c.label}: ${c.object}.${c.action} is ${c.scope === 'all' ? 'allowed' : 'refused'}`, async () => {
      const w = await world(c.permissions);
      const allowed = c.scope === 'all';
      let status: number;
      if (c.object === 'settings') {
        const current = (await admin.get('/api/v1/settings/company')).json();
        status = c.action === 'view' ? (await w.agent.get('/api/v1/settings/company')).statusCode : (await w.agent.patch('/api/v1/settings/company', { name: current.name, version: current.version })).statusCode;
      } else if (c.action === 'view') {
        const listed = await w.agent.get('/api/v1/roles');
        expect(listed.statusCode).toBe(200);
        expect(listed.json().items.length > 0).toBe(allowed);
        status = (await w.agent.get(`/api/v1/roles/${w.roleId}`)).statusCode;
      } else if (c.action === 'create') {
        status = (await w.agent.post('/api/v1/roles', { name: `Новая ${newId()}` })).statusCode;
      } else {
        const target = (await admin.post('/api/v1/roles', { name: `Цель ${newId()}` })).json();
        status =
          c.action === 'edit'
            ? (await w.agent.patch(`/api/v1/roles/${target.id}`, { description: 'изменено', version: target.version })).statusCode
            : (await w.agent.delete(`/api/v1/roles/${target.id}?version=${target.version}`)).statusCode;
      }
      if (allowed) expect([200, 201, 204]).toContain(status);
      else expect(status).toBe(403);
    });
  }
});
