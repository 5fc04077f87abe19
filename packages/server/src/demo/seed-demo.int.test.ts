import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { Agent } from '../testing/test-app.js';
import type { Database } from '../db/connection.js';
import type { FastifyInstance } from 'fastify';
import { isValidCorrespondentAccount, isValidInn, isValidKpp, isValidOgrn, isValidSettlementAccount, normalizeEmail, normalizePhone } from '@kontakt/shared';
import { DEMO_PASSWORD, demoEmail, seedDemo } from './seed-demo.js';

let database: Database;
let app: FastifyInstance;
const config = loadConfig({}, { passwordHashCost: 10, checkResponses: true });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, config);
  app = await buildApp({ config, database, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function login(login: string) {
  const agent = new Agent(app);
  const response = await agent.post('/api/v1/auth/login', { email: demoEmail(login), password: DEMO_PASSWORD });
  expect(response.statusCode).toBe(200);
  agent.csrfToken = response.json().csrfToken;
  return agent;
}

describe('demo company', () => {
  it('has departments with heads and a dozen employees in every built-in role', async () => {
    const admin = await login('orlov');
    const users = (await admin.get('/api/v1/users?limit=200')).json().items;
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(new Set(users.map((u: { role: { name: string } }) => u.role.name)).size).toBe(5);
    const departments = (await admin.get('/api/v1/departments')).json().items;
    expect(departments.filter((d: { head: unknown }) => d.head).length).toBeGreaterThanOrEqual(5);
  });

  it('shows the hierarchy of seed 004: the head sees the whole sales department, the intern only themself', async () => {
    const head = (await (await login('dovzhenko')).get('/api/v1/users?limit=200')).json().items;
    const manager = (await (await login('semenova')).get('/api/v1/users?limit=200')).json().items;
    const intern = (await (await login('vinogradov')).get('/api/v1/users?limit=200')).json().items;
    expect(head.length).toBeGreaterThan(manager.length);
    expect(manager.map((u: { email: string }) => u.email)).toContain(demoEmail('reshetova'));
    expect(manager.map((u: { email: string }) => u.email)).not.toContain(demoEmail('lebedeva'));
    expect(intern.map((u: { email: string }) => u.email)).toEqual([demoEmail('vinogradov')]);
  });

  it('has a client base of a few thousand organizations and persons with valid requisites', async () => {
    const db = database.db;
    const organizations = await db.selectFrom('organizations').select(['inn', 'kpp', 'ogrn', 'legal_form', 'kind', 'region', 'industry', 'source', 'responsible_id']).execute();
    expect(organizations.length).toBeGreaterThanOrEqual(1000);
    for (const o of organizations) {
      expect(isValidInn(o.inn!), `INN ${o.inn}`).toBe(true);
      expect(o.inn!.length).toBe(o.legal_form === 'ИП' ? 12 : 10);
      if (o.legal_form !== 'ИП') expect(isValidKpp(o.kpp!), `KPP ${o.kpp}`).toBe(true);
      expect(isValidOgrn(o.ogrn!), `OGRN ${o.ogrn}`).toBe(true);
      expect(o.region && o.industry && o.source && o.responsible_id).toBeTruthy();
    }
    expect(new Set(organizations.map((o) => o.inn)).size).toBe(organizations.length);
    expect(new Set(organizations.map((o) => o.kind))).toEqual(new Set(['lead', 'client', 'partner', 'competitor', 'supplier', 'other']));
    expect(new Set(organizations.map((o) => o.region)).size).toBeGreaterThan(10);

    const persons = await db.selectFrom('persons').select(['last_name', 'first_name', 'middle_name', 'organization_id', 'responsible_id']).execute();
    expect(persons.length).toBeGreaterThanOrEqual(2000);
    expect(persons.every((p) => p.last_name && p.first_name && p.middle_name && p.responsible_id)).toBe(true);
    // Ukrainian names are written in Ukrainian: і, ї, є or the "-енко" surnames.
    expect(persons.some((p) => /[іїє]/.test(`${p.first_name}${p.middle_name}`))).toBe(true);
    const employed = persons.filter((p) => p.organization_id).length;
    const primary = await db.selectFrom('employments').select((eb) => eb.fn.countAll<number>().as('n')).where('is_primary', '=', true).executeTakeFirstOrThrow();
    expect(Number(primary.n)).toBe(employed);
    expect(employed / persons.length).toBeGreaterThan(0.8);

    // Responsible managers are the sales people, and only active demo users.
    const responsible = new Set([...organizations, ...persons].map((r) => r.responsible_id));
    const sales = await db.selectFrom('users').select('email').where('id', 'in', [...responsible] as string[]).execute();
    expect(sales.map((u) => u.email).sort()).toEqual(
      ['dovzhenko', 'kuznetsov', 'lebedeva', 'reshetova', 'semenova', 'tkachenko', 'vinogradov'].map(demoEmail).sort(),
    );
  });

  it('stores contacts as typed and normalized the way the app normalizes them', async () => {
    const contacts = await database.db.selectFrom('contact_points').select(['kind', 'value', 'normalized']).execute();
    const phones = contacts.filter((c) => c.kind === 'phone' || c.kind === 'fax');
    expect(phones.length).toBeGreaterThan(4000);
    for (const c of contacts) {
      expect(c.kind === 'email' ? normalizeEmail(c.value) : normalizePhone(c.value), c.value).toBe(c.normalized);
    }
    // Typed in many formats: "8 (495) …", "+7 495 …", "+380 …".
    expect(new Set(phones.map((p) => p.value.replace(/\d/g, '0').slice(0, 6))).size).toBeGreaterThan(5);
    expect(phones.some((p) => p.normalized.startsWith('+380'))).toBe(true);
    expect(phones.some((p) => p.normalized.includes(';ext='))).toBe(true);

    const accounts = await database.db.selectFrom('bank_accounts').select(['bik', 'account', 'correspondent_account']).execute();
    expect(accounts.length).toBeGreaterThan(500);
    for (const a of accounts) {
      expect(isValidSettlementAccount(a.account, a.bik)).toBe(true);
      expect(isValidCorrespondentAccount(a.correspondent_account!, a.bik)).toBe(true);
    }
    const addresses = await database.db.selectFrom('addresses').select(['region', 'city']).where('owner_type', '=', 'organization').execute();
    expect(addresses.every((a) => a.region && a.city)).toBe(true);
  });

  it('has groups, and search terms for typo-tolerant search', async () => {
    const groups = await database.db.selectFrom('groups').leftJoin('group_members', 'group_members.group_id', 'groups.id').select(['groups.name', 'groups.shared']).select((eb) => eb.fn.count<number>('group_members.record_id').as('members')).groupBy(['groups.name', 'groups.shared']).execute();
    expect(groups.length).toBe(3);
    expect(groups.every((g) => Number(g.members) > 0)).toBe(true);
    expect(groups.some((g) => !g.shared)).toBe(true);
    const term = await database.db.selectFrom('search_terms').select('term').where('term', '=', 'коваленко').executeTakeFirst();
    expect(term).toBeDefined();
  });

  it('shows each manager their own clients and the head of sales the whole department', async () => {
    const manager = await login('semenova');
    const me = (await manager.get('/api/v1/auth/me')).json();
    const own = (await manager.get('/api/v1/organizations?limit=200&sort=name')).json();
    expect(own.items.length).toBeGreaterThan(10);
    expect(own.items.every((o: { responsible: { id: string } | null }) => o.responsible?.id === me.user.id)).toBe(true);
    const head = (await (await login('dovzhenko')).get('/api/v1/organizations/count')).json();
    const mine = (await manager.get('/api/v1/organizations/count')).json();
    expect(head.total).toBeGreaterThan(mine.total * 3);
  });

  it('has a year of contacts of every type with results, a planned month with reminders, projects, assignments and absences', async () => {
    const db = database.db;
    const byType = await db
      .selectFrom('tasks')
      .innerJoin('task_types', 'task_types.id', 'tasks.type_id')
      .select(['task_types.key', 'task_types.results'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('tasks.result_key').as('with_result')])
      .groupBy(['task_types.key', 'task_types.results'])
      .execute();
    const keys = byType.map((t) => t.key);
    for (const key of ['call', 'meeting', 'letter', 'email', 'fax', 'demo', 'presentation', 'negotiation', 'offer', 'project', 'stage', 'task']) expect(keys).toContain(key);
    expect(byType.reduce((sum, t) => sum + Number(t.n), 0)).toBeGreaterThan(3000);
    // Every result recorded is one of its type's options.
    const results = await db.selectFrom('tasks').innerJoin('task_types', 'task_types.id', 'tasks.type_id').select(['tasks.result_key', 'task_types.results']).where('tasks.result_key', 'is not', null).execute();
    expect(results.every((r) => r.results.some((o) => o.key === r.result_key))).toBe(true);

    const now = Date.now();
    const planned = await db.selectFrom('tasks').select(['id', 'starts_at']).where('status', '=', 'planned').where('starts_at', '>', new Date(now)).execute();
    expect(planned.length).toBeGreaterThan(100);
    const reminders = await db.selectFrom('task_reminders').select('task_id').where('fired_at', 'is', null).execute();
    expect(reminders.length).toBeGreaterThan(100);
    const done = await db.selectFrom('tasks').select(['completed_at', 'starts_at']).where('status', '=', 'done').execute();
    expect(done.every((t) => t.completed_at && t.completed_at.getTime() <= now + 60 * 86_400_000)).toBe(true);

    // Trees never deeper than three levels, children's depth one more than their parent's.
    const children = await db.selectFrom('tasks as c').innerJoin('tasks as p', 'p.id', 'c.parent_id').select(['c.depth as child', 'p.depth as parent']).execute();
    expect(children.length).toBeGreaterThan(100);
    expect(children.every((c) => c.child === c.parent + 1 && c.child <= 2)).toBe(true);
    // Waiting for the head of sales' check, and a weekly series.
    const head = await db.selectFrom('users').select('id').where('email', '=', demoEmail('dovzhenko')).executeTakeFirstOrThrow();
    const toCheck = await db.selectFrom('tasks').select('id').where('controller_id', '=', head.id).where('status', '=', 'done').where('checked_at', 'is', null).execute();
    expect(toCheck.length).toBeGreaterThan(0);
    const series = await db.selectFrom('tasks').select('id').where('series_id', 'is not', null).execute();
    expect(series.length).toBe(12);
    const absences = await db.selectFrom('absences').select('kind').execute();
    expect(new Set(absences.map((a) => a.kind))).toEqual(new Set(['vacation', 'business_trip', 'sick_leave']));
  });

  it('refuses to run twice', async () => {
    await expect(seedDemo(database.db, config)).rejects.toThrow(/empty database/);
  });
});
