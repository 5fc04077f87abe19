import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { insertOrganization, insertPerson } from '../search/test-records.js';

let t: TestApp;
let admin: Agent;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await newUser(t.database.db, { role: 'administrator' });
  adminId = a.id;
  admin = await t.login(a.email);
});
afterAll(async () => t.close());

const db = () => t.database.db;

async function newGroup(name: string) {
  const id = newId();
  await db().insertInto('groups').values({ id, name, owner_id: adminId, updated_at: new Date() }).execute();
  return id;
}
async function addToGroup(groupId: string, recordType: 'organization' | 'person', recordId: string) {
  await db().insertInto('group_members').values({ group_id: groupId, record_type: recordType, record_id: recordId }).execute();
}
async function link(fromType: string, fromId: string, toType: string, toId: string, label: string) {
  await db().insertInto('record_links').values({ id: newId(), from_type: fromType, from_id: fromId, to_type: toType, to_id: toId, label }).execute();
}

/** Everything attached to a set of records, counted, so a merge can be checked to lose nothing. */
async function countAttached(orgIds: string[]) {
  const n = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db())).rows[0]!.n;
  return {
    contacts: await n(sql`SELECT count(*)::int AS n FROM contact_points WHERE owner_id = ANY(${orgIds}::uuid[])`),
    distinctContacts: await n(sql`SELECT count(DISTINCT (kind, normalized))::int AS n FROM contact_points WHERE owner_id = ANY(${orgIds}::uuid[])`),
    addresses: await n(sql`SELECT count(*)::int AS n FROM addresses WHERE owner_id = ANY(${orgIds}::uuid[])`),
    bankAccounts: await n(sql`SELECT count(*)::int AS n FROM bank_accounts WHERE organization_id = ANY(${orgIds}::uuid[])`),
    units: await n(sql`SELECT count(*)::int AS n FROM organization_units WHERE organization_id = ANY(${orgIds}::uuid[])`),
    persons: await n(sql`SELECT count(DISTINCT person_id)::int AS n FROM employments WHERE organization_id = ANY(${orgIds}::uuid[])`),
    children: await n(sql`SELECT count(*)::int AS n FROM organizations WHERE parent_id = ANY(${orgIds}::uuid[]) AND NOT (id = ANY(${orgIds}::uuid[]))`),
    groups: await n(sql`SELECT count(DISTINCT group_id)::int AS n FROM group_members WHERE record_id = ANY(${orgIds}::uuid[])`),
    outsideLinks: await n(
      sql`SELECT count(*)::int AS n FROM record_links WHERE (from_id = ANY(${orgIds}::uuid[])) <> (to_id = ANY(${orgIds}::uuid[]))`,
    ),
  };
}

describe('POST /duplicates/merge (organizations)', () => {
  it('moves every related record to the survivor, takes the chosen values, loses nothing, and is audited', async () => {
    const survivor = await insertOrganization(db(), { name: 'Ромашка', inn: '7707083893', contacts: [{ kind: 'phone', value: '+7 916 123 45 67' }] });
    const merged = await insertOrganization(db(), {
      name: 'ООО «Ромашка»',
      contacts: [
        { kind: 'phone', value: '8 (916) 123-45-67' },
        { kind: 'email', value: 'info@romashka.ru' },
      ],
      city: 'Москва',
    });
    await db().updateTable('organizations').set({ industry: 'Торговля', custom: JSON.stringify({ segment: 'B' }) }).where('id', '=', merged).execute();
    await db().updateTable('organizations').set({ custom: JSON.stringify({ segment: 'A' }) }).where('id', '=', survivor).execute();
    await db().insertInto('bank_accounts').values({ id: newId(), organization_id: merged, bik: '044525225', account: '40702810400000000001', is_primary: true }).execute();
    await db().insertInto('bank_accounts').values({ id: newId(), organization_id: survivor, bik: '044525225', account: '40702810400000000002', is_primary: true }).execute();
    await db().insertInto('organization_units').values({ id: newId(), organization_id: merged, name: 'Бухгалтерия' }).execute();
    const onlyThere = await insertPerson(db(), { lastName: 'Кузнецов', organizationId: merged, position: 'Бухгалтер' });
    const inBoth = await insertPerson(db(), { lastName: 'Орлов', organizationId: merged });
    await db().insertInto('employments').values({ id: newId(), person_id: inBoth, organization_id: survivor, position: 'Директор', is_primary: false }).execute();
    const branch = await insertOrganization(db(), { name: 'Ромашка филиал', parentId: merged });
    const shared = await newGroup('VIP');
    const onlyMerged = await newGroup('Выставка 2025');
    await addToGroup(shared, 'organization', survivor);
    await addToGroup(shared, 'organization', merged);
    await addToGroup(onlyMerged, 'organization', merged);
    const partner = await insertOrganization(db(), { name: 'Партнёр' });
    await link('organization', partner, 'organization', merged, 'рекомендовал');
    await link('organization', merged, 'organization', survivor, 'дубль');

    const before = await countAttached([survivor, merged]);
    const version = (await db().selectFrom('organizations').select('version').where('id', '=', merged).executeTakeFirstOrThrow()).version;
    const response = await admin.post('/api/v1/duplicates/merge', {
      type: 'organization',
      survivorId: survivor,
      mergedIds: [merged],
      fields: { name: merged },
      custom: { segment: merged },
      versions: { [merged]: version },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ survivorId: survivor, moved: { contacts: 1, addresses: 1, bankAccounts: 1, units: 1, persons: 2, subOrganizations: 1, groups: 1, links: 2 } });

    const after = await countAttached([survivor]);
    expect(after).toEqual({ ...before, contacts: before.distinctContacts, outsideLinks: 1 });
    const row = await db().selectFrom('organizations').selectAll().where('id', '=', survivor).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'ООО «Ромашка»', inn: '7707083893', industry: 'Торговля', custom: { segment: 'B' } });
    const gone = await db().selectFrom('organizations').select(['deleted_at', 'merged_into_id']).where('id', '=', merged).executeTakeFirstOrThrow();
    expect(gone.deleted_at).not.toBeNull();
    expect(gone.merged_into_id).toBe(survivor);

    const employments = await db().selectFrom('employments').selectAll().where('person_id', 'in', [onlyThere, inBoth]).orderBy('person_id').execute();
    expect(employments.map((e) => [e.organization_id, e.is_primary])).toEqual([
      [survivor, true],
      [survivor, true],
    ]);
    expect(employments.find((e) => e.person_id === inBoth)!.position).toBe('Директор');
    const persons = await db().selectFrom('persons').select('organization_id').where('id', 'in', [onlyThere, inBoth]).execute();
    expect(persons.every((p) => p.organization_id === survivor)).toBe(true);
    expect((await db().selectFrom('organizations').select('parent_id').where('id', '=', branch).executeTakeFirstOrThrow()).parent_id).toBe(survivor);
    const primaries = await db().selectFrom('bank_accounts').select('is_primary').where('organization_id', '=', survivor).where('is_primary', '=', true).execute();
    expect(primaries).toHaveLength(1);

    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'merge').where('object_id', 'in', [survivor, merged]).execute();
    expect(audit).toHaveLength(2);
    const onSurvivor = audit.find((a) => a.object_id === survivor)!;
    const changes = onSurvivor.changes as unknown as Record<string, { before: unknown; after: Record<string, unknown> }>;
    expect(changes.name).toEqual({ before: 'Ромашка', after: 'ООО «Ромашка»' });
    expect(changes.merged!.after).toMatchObject({ ids: [merged], fieldSources: { name: merged, industry: merged, 'custom.segment': merged } });
    expect((audit.find((a) => a.object_id === merged)!.changes as unknown as Record<string, { after: { id: string } }>).mergedInto!.after.id).toBe(survivor);

    // The merged record no longer shows up in search, but its words still find the survivor.
    const found = await admin.get(`/api/v1/search?q=${encodeURIComponent('ромашка')}`);
    expect(found.json().organizations.map((o: { id: string }) => o.id)).not.toContain(merged);
  });

  it('refuses to merge a record with itself, across types, twice, or with a stale version', async () => {
    const a = await insertOrganization(db(), { name: 'Альфа' });
    const b = await insertOrganization(db(), { name: 'Альфа 2' });
    const person = await insertPerson(db(), { lastName: 'Альфин' });
    const same = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [a] });
    expect([same.statusCode, same.json().code]).toEqual([400, 'merge_same_record']);
    const mismatch = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [person] });
    expect([mismatch.statusCode, mismatch.json().code]).toEqual([400, 'merge_type_mismatch']);
    const missing = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [newId()] });
    expect(missing.statusCode).toBe(404);
    const stale = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [b], versions: { [a]: 7 } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'version_conflict']);
    const badField = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [b], fields: { password: b, name: newId() } });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['fields.password:unknown_field', 'fields.name:invalid_value']);
    expect((await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [b] })).statusCode).toBe(200);
    const again = await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: a, mergedIds: [b] });
    expect([again.statusCode, again.json().code]).toEqual([409, 'record_deleted']);
  });

  it('does not restore a merged record, alone or in bulk: its contents live on in the survivor', async () => {
    const survivor = await insertOrganization(db(), { name: 'Гамма' });
    const merged = await insertOrganization(db(), { name: 'Гамма (дубль)' });
    expect((await admin.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: survivor, mergedIds: [merged] })).statusCode).toBe(200);
    const single = await admin.post(`/api/v1/organizations/${merged}/restore`, {});
    expect([single.statusCode, single.json().code]).toEqual([409, 'record_merged']);
    const bulk = await admin.post('/api/v1/organizations/bulk', { action: 'restore', ids: [merged] });
    expect([bulk.statusCode, bulk.json().code]).toEqual([409, 'record_merged']);
    const row = await db().selectFrom('organizations').select(['deleted_at', 'merged_into_id']).where('id', '=', merged).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.merged_into_id).toBe(survivor);
  });

  it('needs edit on the survivor and delete on every merged record; writes nothing when refused', async () => {
    const senior = await newUser(db(), { role: 'senior' });
    const colleague = await newUser(db(), { role: 'manager' });
    const agent = await t.login(senior.email);
    const mine = await insertOrganization(db(), { name: 'Моя', responsibleId: senior.id, contacts: [{ kind: 'email', value: 'a@moya.ru' }] });
    const theirs = await insertOrganization(db(), { name: 'Чужая', responsibleId: colleague.id, contacts: [{ kind: 'email', value: 'b@moya.ru' }] });
    const refused = await agent.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: mine, mergedIds: [theirs] });
    // The senior cannot see a colleague's record outside the department: it answers as missing.
    expect(refused.statusCode).toBe(404);
    const manager = await t.login(colleague.email);
    const forbidden = await manager.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: theirs, mergedIds: [mine] });
    expect(forbidden.statusCode).toBe(404);
    // Same department: the senior sees the colleague's record but may delete only own ones.
    const department = await newDepartment(db());
    await db().updateTable('users').set({ department_id: department.id }).where('id', 'in', [senior.id, colleague.id]).execute();
    const seniorAgain = await t.login(senior.email);
    const notDeletable = await seniorAgain.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: mine, mergedIds: [theirs] });
    expect([notDeletable.statusCode, notDeletable.json().code]).toEqual([403, 'forbidden']);
    const notEditable = await seniorAgain.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: theirs, mergedIds: [mine] });
    expect([notEditable.statusCode, notEditable.json().code]).toEqual([403, 'forbidden']);
    const intern = await t.login((await newUser(db(), { role: 'intern' })).email);
    const own = await insertOrganization(db(), { name: 'Стажёрская', createdBy: null, responsibleId: null });
    const viewOnly = await intern.post('/api/v1/duplicates/merge', { type: 'organization', survivorId: own, mergedIds: [mine] });
    expect(viewOnly.statusCode).toBe(404);
    const contacts = await db().selectFrom('contact_points').select('owner_id').where('owner_id', 'in', [mine, theirs]).execute();
    expect(contacts.map((c) => c.owner_id).sort()).toEqual([mine, theirs].sort());
    const untouched = await db().selectFrom('organizations').select(['deleted_at', 'version']).where('id', 'in', [mine, theirs]).execute();
    expect(untouched.every((row) => row.deleted_at === null && row.version === 1)).toBe(true);
  });
});

describe('POST /duplicates/merge (persons)', () => {
  it('unites contacts and employments, keeps one primary employment, repoints groups and links', async () => {
    const orgA = await insertOrganization(db(), { name: 'Орг А' });
    const orgB = await insertOrganization(db(), { name: 'Орг Б' });
    const survivor = await insertPerson(db(), { lastName: 'Смирнов', firstName: 'Олег', organizationId: orgA, contacts: [{ kind: 'email', value: 'oleg@a.ru' }] });
    const merged = await insertPerson(db(), {
      lastName: 'Смирнов',
      middleName: 'Петрович',
      organizationId: orgB,
      contacts: [
        { kind: 'email', value: 'OLEG@A.RU' },
        { kind: 'phone', value: '+7 903 111 22 33' },
      ],
    });
    const group = await newGroup('Клиенты');
    await addToGroup(group, 'person', merged);
    await link('person', merged, 'organization', orgB, 'консультант');
    const response = await admin.post('/api/v1/duplicates/merge', { type: 'person', survivorId: survivor, mergedIds: [merged], fields: { organizationId: merged } });
    expect(response.statusCode, response.body).toBe(200);
    const person = await db().selectFrom('persons').selectAll().where('id', '=', survivor).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ first_name: 'Олег', middle_name: 'Петрович', organization_id: orgB, full_name: 'Смирнов Олег Петрович' });
    const employments = await db().selectFrom('employments').select(['organization_id', 'is_primary']).where('person_id', '=', survivor).orderBy('organization_id').execute();
    expect(employments).toEqual(
      [
        { organization_id: orgA, is_primary: false },
        { organization_id: orgB, is_primary: true },
      ].sort((x, y) => x.organization_id.localeCompare(y.organization_id)),
    );
    const contacts = await db().selectFrom('contact_points').select(['kind', 'normalized']).where('owner_id', '=', survivor).orderBy('position').execute();
    expect(contacts).toEqual([
      { kind: 'email', normalized: 'oleg@a.ru' },
      { kind: 'phone', normalized: '+79031112233' },
    ]);
    expect(await db().selectFrom('group_members').select('record_id').where('group_id', '=', group).execute()).toEqual([{ record_id: survivor }]);
    expect((await db().selectFrom('record_links').select('from_id').where('to_id', '=', orgB).executeTakeFirstOrThrow()).from_id).toBe(survivor);
    expect(await db().selectFrom('contact_points').select('id').where('owner_id', '=', merged).execute()).toEqual([]);
  });
});
