import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from './test-records.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;
let managerId: string;
let ids: Record<string, string>;

async function search(agent: Agent, q: string, limit?: number): Promise<SearchResult> {
  const response = await agent.get(`/api/v1/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  admin = await t.signInAs('administrator');
  const m = await newUser(db, { role: 'manager' });
  managerId = m.id;
  manager = await t.login(m.email);
  const other = await newUser(db, { role: 'manager' });

  const romashka = await insertOrganization(db, {
    name: 'Ромашка',
    inn: '7707083893',
    city: 'Москва',
    responsibleId: managerId,
    contacts: [
      { kind: 'phone', value: '+7 916 123 45 67' },
      { kind: 'email', value: 'Info@Romashka.ru' },
    ],
  });
  const vasilek = await insertOrganization(db, { name: 'Торговый дом Василёк', inn: '500100732259', responsibleId: other.id, contacts: [{ kind: 'phone', value: '+7 (495) 111-22-33' }] });
  const romashkaPlus = await insertOrganization(db, { name: 'Ромашка Плюс', responsibleId: other.id, contacts: [{ kind: 'email', value: 'office@romashka-plus.ru' }] });
  const ivanov = await insertPerson(db, {
    lastName: 'Иванов',
    firstName: 'Пётр',
    middleName: 'Сергеевич',
    position: 'Директор',
    organizationId: romashka,
    responsibleId: managerId,
    contacts: [{ kind: 'phone', value: '+380 44 123 4567' }],
  });
  const semenova = await insertPerson(db, { lastName: 'Семёнова', firstName: 'Ольга', organizationId: vasilek, responsibleId: managerId, contacts: [{ kind: 'email', value: 'olga@vasilek.ru' }] });
  const hiddenPerson = await insertPerson(db, { lastName: 'Ивановский', firstName: 'Олег', responsibleId: other.id, contacts: [{ kind: 'phone', value: '8 916 123-45-67' }] });
  ids = { romashka, vasilek, romashkaPlus, ivanov, semenova, hiddenPerson };
});

afterAll(async () => t.close());

describe('GET /search', () => {
  it('finds organizations and persons by a fragment of the name, names starting with it first', async () => {
    const result = await search(admin, 'ромаш');
    expect(result.organizations.map((o) => o.name)).toEqual(['Ромашка', 'Ромашка Плюс']);
    expect(result.organizations[0]).toMatchObject({ id: ids.romashka, inn: '7707083893', city: 'Москва', kind: 'lead', matched: 'name', matchedValue: null });

    const inner = await search(admin, 'асил');
    expect(inner.organizations.map((o) => o.id)).toEqual([ids.vasilek]);

    const person = await search(admin, 'петр иван');
    expect(person.persons).toEqual([
      { id: ids.ivanov, name: 'Иванов Пётр Сергеевич', position: 'Директор', organization: { id: ids.romashka, name: 'Ромашка' }, matched: 'name', matchedValue: null },
    ]);
  });

  it('treats ё and е alike, both ways', async () => {
    expect((await search(admin, 'Семенова')).persons.map((p) => p.id)).toEqual([ids.semenova]);
    expect((await search(admin, 'василек')).organizations.map((o) => o.id)).toEqual([ids.vasilek]);
    expect((await search(admin, 'Пётр')).persons.map((p) => p.id)).toEqual([ids.ivanov]);
  });

  it('tolerates a typo through the dictionary of name words', async () => {
    const result = await search(admin, 'Ромашко');
    expect(result.organizations.map((o) => o.name).sort()).toEqual(['Ромашка', 'Ромашка Плюс']);
    expect(result.organizations.every((o) => o.matched === 'similar_name')).toBe(true);
    const person = await search(admin, 'Иваноф Петр');
    expect(person.persons.map((p) => p.id)).toContain(ids.ivanov);
  });

  it('finds a phone typed in another format, with what matched', async () => {
    const result = await search(admin, '8 (916) 123-45-67');
    expect(result.organizations).toMatchObject([{ id: ids.romashka, matched: 'phone', matchedValue: '+7 916 123 45 67' }]);
    expect(result.persons).toMatchObject([{ id: ids.hiddenPerson, matched: 'phone', matchedValue: '8 916 123-45-67' }]);
    const ukrainian = await search(admin, '+38 (044) 123-45-67');
    expect(ukrainian.persons.map((p) => p.id)).toEqual([ids.ivanov]);
  });

  it('finds an organization by INN (10 or 12 digits)', async () => {
    expect((await search(admin, '7707083893')).organizations).toMatchObject([{ id: ids.romashka, matched: 'inn' }]);
    expect((await search(admin, '500100732259')).organizations.map((o) => o.id)).toEqual([ids.vasilek]);
  });

  it('finds by email whatever the case, and by its beginning', async () => {
    expect((await search(admin, 'INFO@romashka.RU')).organizations).toMatchObject([{ id: ids.romashka, matched: 'email', matchedValue: 'Info@Romashka.ru' }]);
    expect((await search(admin, 'olga@')).persons.map((p) => p.id)).toEqual([ids.semenova]);
    expect((await search(admin, 'office_x@')).organizations).toEqual([]);
  });

  it('never returns a record outside the actor scope, by any kind of query', async () => {
    const byName = await search(manager, 'ромашка');
    expect(byName.organizations.map((o) => o.id)).toEqual([ids.romashka]);
    const byTypo = await search(manager, 'Ромашко');
    expect(byTypo.organizations.map((o) => o.id)).toEqual([ids.romashka]);
    const byPhone = await search(manager, '8 (916) 123-45-67');
    expect(byPhone.persons).toEqual([]);
    expect(byPhone.organizations.map((o) => o.id)).toEqual([ids.romashka]);
    expect((await search(manager, '500100732259')).organizations).toEqual([]);
    expect((await search(manager, 'office@romashka-plus.ru')).organizations).toEqual([]);
    const persons = await search(manager, 'иванов');
    expect(persons.persons.map((p) => p.id)).toEqual([ids.ivanov]);
    // The person is the manager's, the organization is not: its name is not shown.
    const semenova = await search(manager, 'семенова');
    expect(semenova.persons).toMatchObject([{ id: ids.semenova, organization: null }]);
  });

  it('respects the limit per group and refuses bad input with a field error', async () => {
    expect((await search(admin, 'ромашка', 1)).organizations).toHaveLength(1);
    const empty = await admin.get('/api/v1/search?q=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('q');
    const tooMany = await admin.get('/api/v1/search?q=a&limit=1000');
    expect(tooMany.statusCode).toBe(400);
    expect((await search(admin, "%_\\'")).organizations).toEqual([]);
    expect((await search(admin, 'ив')).persons.map((p) => p.id).sort()).toEqual([ids.ivanov, ids.hiddenPerson].sort());
  });
});

describe('records written through the client API', () => {
  it('are found by a typo, by a phone typed otherwise, and reported as duplicates of a new one', async () => {
    const created = await admin.post('/api/v1/organizations', {
      name: 'Глобус Логистик',
      contacts: [{ kind: 'phone', value: '+7 (812) 555-66-77' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const person = await admin.post('/api/v1/persons', { lastName: 'Жаворонкова', firstName: 'Алёна', contacts: [{ kind: 'email', value: 'Alena@Globus.ru' }] });
    expect(person.statusCode, person.body).toBe(201);

    expect((await search(admin, 'Глобас')).organizations.map((o) => o.id)).toEqual([id]);
    expect((await search(admin, '8 812 5556677')).organizations.map((o) => o.id)).toEqual([id]);
    expect((await search(admin, 'жаворонкова алена')).persons.map((p) => p.id)).toEqual([person.json().id]);
    expect((await search(admin, 'alena@globus.ru')).persons.map((p) => p.id)).toEqual([person.json().id]);
    // The manager did not create them and is not responsible: nothing.
    expect(await search(manager, 'Глобус')).toEqual({ organizations: [], persons: [] });

    const check = await admin.post('/api/v1/duplicates/check', { type: 'organization', name: 'Глобус-Логистик', contacts: [{ kind: 'phone', value: '88125556677' }] });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });
});
