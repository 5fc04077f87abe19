import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateCheckResult, DuplicateGroup } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../search/test-records.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;
let managerId: string;
let otherId: string;
let ids: Record<'romashka' | 'romashkaCopy' | 'hiddenTwin' | 'vasilek' | 'vasilekCopy' | 'petrov' | 'petrovCopy', string>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  admin = await t.signInAs('administrator');
  const department = await newDepartment(db);
  const m = await newUser(db, { role: 'manager', departmentId: department.id });
  managerId = m.id;
  manager = await t.login(m.email);
  otherId = (await newUser(db, { role: 'manager' })).id;

  ids = {
    romashka: await insertOrganization(db, { name: 'Ромашка', inn: '7707083893', responsibleId: managerId, contacts: [{ kind: 'phone', value: '+7 916 123 45 67' }] }),
    romashkaCopy: await insertOrganization(db, { name: 'ромашка', inn: '7707083893', responsibleId: managerId, contacts: [{ kind: 'email', value: 'info@romashka.ru' }] }),
    hiddenTwin: await insertOrganization(db, { name: 'Ромашка', inn: '7707083893', responsibleId: otherId, contacts: [{ kind: 'phone', value: '8 (916) 123-45-67' }] }),
    vasilek: await insertOrganization(db, { name: 'Василёк', responsibleId: otherId, contacts: [{ kind: 'email', value: 'office@vasilek.ru' }] }),
    vasilekCopy: await insertOrganization(db, { name: 'Василек и партнёры', responsibleId: otherId, contacts: [{ kind: 'email', value: 'Office@Vasilek.ru' }] }),
    petrov: await insertPerson(db, { lastName: 'Петров', firstName: 'Иван', responsibleId: managerId, contacts: [{ kind: 'phone', value: '+7 903 000 11 22' }] }),
    petrovCopy: await insertPerson(db, { lastName: 'Петров', firstName: 'Иван', responsibleId: managerId, contacts: [{ kind: 'phone', value: '89030001122' }] }),
  };
});

afterAll(async () => t.close());

async function check(agent: Agent, body: object): Promise<DuplicateCheckResult> {
  const response = await agent.post('/api/v1/duplicates/check', body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('POST /duplicates/check', () => {
  it('names each likely duplicate with the reasons: INN, phone typed otherwise, email, same or similar name', async () => {
    const result = await check(admin, {
      type: 'organization',
      name: 'ООО Ромашко',
      inn: '7707083893',
      contacts: [{ kind: 'phone', value: '8 916 1234567' }, { kind: 'email', value: 'INFO@romashka.ru' }],
    });
    const byId = new Map(result.items.map((item) => [item.id, item.matches.map((m) => m.reason).sort()]));
    expect(byId.get(ids.romashka)).toEqual(['inn', 'phone', 'similar_name']);
    expect(byId.get(ids.romashkaCopy)).toEqual(['email', 'inn', 'similar_name']);
    expect(byId.get(ids.hiddenTwin)).toEqual(['inn', 'phone', 'similar_name']);
    expect(result.hiddenCount).toBe(0);
    const phone = result.items.find((i) => i.id === ids.hiddenTwin)!.matches.find((m) => m.reason === 'phone');
    expect(phone?.value).toBe('8 (916) 123-45-67');

    const exact = await check(admin, { type: 'organization', name: 'РОМАШКА' });
    expect(exact.items.map((i) => i.matches[0]!.reason)).toEqual(['name', 'name', 'name']);
    expect((await check(admin, { type: 'organization', name: 'Василек' })).items.map((i) => i.id)).toContain(ids.vasilek);
  });

  it('tells only how many duplicates the actor may not view, never who they are', async () => {
    const result = await check(manager, { type: 'organization', inn: '7707083893', contacts: [{ kind: 'email', value: 'office@vasilek.ru' }] });
    expect(result.items.map((i) => i.id).sort()).toEqual([ids.romashka, ids.romashkaCopy].sort());
    expect(result.hiddenCount).toBe(3);
    expect(JSON.stringify(result)).not.toContain('Василёк');
  });

  it('finds persons by phone in another format, skips the record being edited, and ignores junk', async () => {
    const result = await check(admin, { type: 'person', name: 'Петров Иван', contacts: [{ kind: 'phone', value: '+7 (903) 000-11-22' }], excludeId: ids.petrov });
    expect(result.items.map((i) => i.id)).toEqual([ids.petrovCopy]);
    expect(result.items[0]!.matches.map((m) => m.reason).sort()).toEqual(['name', 'phone']);
    expect((await check(admin, { type: 'person', contacts: [{ kind: 'phone', value: 'не телефон' }] })).items).toEqual([]);
    const bad = await admin.post('/api/v1/duplicates/check', { type: 'deal' });
    expect(bad.statusCode).toBe(400);
  });
});

async function allGroups(agent: Agent, type: string, limit: number): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const response = await agent.get(`/api/v1/duplicates?type=${type}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.items.length).toBeLessThanOrEqual(limit);
    groups.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return groups;
  }
  throw new Error('the finder did not finish');
}

describe('GET /duplicates', () => {
  it('groups records sharing an INN, a phone, an email or a name, page by page', async () => {
    const groups = await allGroups(admin, 'organization', 1);
    const summary = groups.map((g) => `${g.reason}:${g.key}:${g.records.length}`);
    expect(summary).toEqual(['inn:7707083893:3', 'phone:+79161234567:2', 'email:office@vasilek.ru:2', 'name:ромашка:3']);
    expect(groups[0]!.records[0]).toMatchObject({ id: ids.romashka, name: 'Ромашка', inn: '7707083893' });
    expect((await allGroups(admin, 'organization', 20)).length).toBe(4);
    const persons = await allGroups(admin, 'person', 20);
    expect(persons.map((g) => g.reason)).toEqual(['phone', 'name']);
  });

  it('only groups records the actor may view', async () => {
    const groups = await allGroups(manager, 'organization', 20);
    expect(groups.map((g) => `${g.reason}:${g.records.map((r) => r.id).sort().join(',')}`)).toEqual([
      `inn:${[ids.romashka, ids.romashkaCopy].sort().join(',')}`,
      `name:${[ids.romashka, ids.romashkaCopy].sort().join(',')}`,
    ]);
    const bad = await manager.get('/api/v1/duplicates?type=organization&cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });
});
