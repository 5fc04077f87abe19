import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { BUILT_IN_PERMISSIONS, FILTER_OPERATORS, normalizePermissions, ORGANIZATION_FIELDS, PERSON_FIELDS } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { explainClientList, listClients } from './clients-list.js';

let t: TestApp;
let admin: Agent;
let adminId: string;
let other: { id: string; email: string };
const orgs: Record<string, { id: string; version: number }> = {};
let sharedGroup: string;
let foreignGroup: string;

const defs = [
  { key: 'note', type: 'text' },
  { key: 'size', type: 'number' },
  { key: 'budget', type: 'money' },
  { key: 'since', type: 'date' },
  { key: 'at', type: 'datetime' },
  { key: 'vip', type: 'checkbox' },
  { key: 'tier', type: 'choice', options: ['gold', 'silver'] },
  { key: 'tags', type: 'multi_choice', options: ['x', 'y', 'z'] },
  { key: 'owner', type: 'user' },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  adminId = (await admin.get('/api/v1/auth/me')).json().user.id;
  other = await newUser(t.database.db, { role: 'manager', name: 'Другой Менеджер' });
  await t.database.db
    .insertInto('custom_field_defs')
    .values(
      defs.map((d, i) => ({
        id: newId(),
        object_type: 'organization' as const,
        key: d.key,
        label: d.key,
        type: d.type,
        position: i,
        options: JSON.stringify((d.options ?? []).map((o) => ({ value: o, label: o.toUpperCase() }))),
        updated_at: new Date(),
      })),
    )
    .execute();

  const create = async (name: string, body: Record<string, unknown>) => {
    const response = await admin.post('/api/v1/organizations', { name, ...body });
    if (response.statusCode !== 201) throw new Error(response.body);
    orgs[name] = response.json();
  };
  await create('Ф-Альфа', {
    kind: 'client',
    inn: '7707083893',
    region: 'Москва',
    contacts: [{ kind: 'phone', value: '8 (916) 123-45-67' }, { kind: 'email', value: 'Boss@Alpha.ru' }],
    addresses: [{ kind: 'actual', city: 'Москва' }],
    custom: { note: 'Важный клиент', size: 10, budget: '1000.50', since: '2020-01-01', at: '2024-01-01T10:00:00Z', vip: true, tier: 'gold', tags: ['x', 'y'], owner: adminId },
  });
  await create('Ф-Бета', {
    kind: 'lead',
    responsibleId: other.id,
    contacts: [{ kind: 'email', value: 'sales@beta.ua' }],
    addresses: [{ kind: 'legal', city: 'Тверь' }],
    custom: { size: 5, vip: false, tier: 'silver', tags: ['y'] },
  });
  await create('Ф-Гамма', { kind: 'partner', parentId: orgs['Ф-Альфа']!.id, industry: 'Ритейл' });

  sharedGroup = newId();
  foreignGroup = newId();
  await t.database.db
    .insertInto('groups')
    .values([
      { id: sharedGroup, name: 'Выставка', shared: true, owner_id: adminId, updated_at: new Date() },
      { id: foreignGroup, name: 'Личная чужая', shared: false, owner_id: other.id, updated_at: new Date() },
    ])
    .execute();
  await t.database.db
    .insertInto('group_members')
    .values([
      { group_id: sharedGroup, record_type: 'organization', record_id: orgs['Ф-Альфа']!.id },
      { group_id: sharedGroup, record_type: 'organization', record_id: orgs['Ф-Гамма']!.id },
      { group_id: foreignGroup, record_type: 'organization', record_id: orgs['Ф-Бета']!.id },
    ])
    .execute();
});
afterAll(() => t.close());

const url = (path: string, params: Record<string, unknown>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return `${path}?${search.toString()}`;
};

async function orgNames(conditions: unknown[], match: 'all' | 'any' = 'all', agent: Agent = admin): Promise<string[]> {
  const response = await agent.get(url('/api/v1/organizations', { q: 'ф-', limit: '200', filter: { match, conditions } }));
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  const count = await agent.get(url('/api/v1/organizations/count', { q: 'ф-', filter: { match, conditions } }));
  const names = response.json().items.map((i: { name: string }) => i.name);
  expect(count.json().total).toBe(names.length);
  return names;
}

describe('organization list filters', () => {
  it('filters text, enum, user (with @me), organization and date fields', async () => {
    expect(await orgNames([{ field: 'name', op: 'contains', value: 'бет' }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'name', op: 'startsWith', value: 'ф-г' }])).toEqual(['Ф-Гамма']);
    await admin.patch(`/api/v1/organizations/${orgs['Ф-Бета']!.id}`, { version: orgs['Ф-Бета']!.version, fullName: 'ООО «Юридическое»' });
    expect(await orgNames([{ field: 'name', op: 'contains', value: 'юридическ' }])).toEqual([]);
    expect(await orgNames([{ field: 'fullName', op: 'contains', value: 'юридическ' }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'inn', op: 'eq', value: '7707083893' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'industry', op: 'empty' }])).toEqual(['Ф-Альфа', 'Ф-Бета']);
    expect(await orgNames([{ field: 'industry', op: 'notContains', value: 'ритейл' }])).toEqual(['Ф-Альфа', 'Ф-Бета']);
    expect(await orgNames([{ field: 'kind', op: 'in', value: ['lead', 'partner'] }])).toEqual(['Ф-Бета', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'kind', op: 'notIn', value: ['lead'] }])).toEqual(['Ф-Альфа', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'responsible', op: 'in', value: ['@me'] }])).toEqual(['Ф-Альфа', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'responsible', op: 'in', value: [other.id] }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'createdBy', op: 'in', value: ['@me'] }])).toHaveLength(3);
    expect(await orgNames([{ field: 'parent', op: 'in', value: [orgs['Ф-Альфа']!.id] }])).toEqual(['Ф-Гамма']);
    expect(await orgNames([{ field: 'parent', op: 'notEmpty' }])).toEqual(['Ф-Гамма']);
    expect(await orgNames([{ field: 'createdAt', op: 'gte', value: '2000-01-01' }])).toHaveLength(3);
    expect(await orgNames([{ field: 'updatedAt', op: 'lt', value: '2000-01-01T00:00:00Z' }])).toEqual([]);
    expect(await orgNames([{ field: 'createdAt', op: 'between', value: ['2000-01-01', '2999-01-01'] }])).toHaveLength(3);
  });

  it('finds phones and emails typed in any format, and cities', async () => {
    expect(await orgNames([{ field: 'phone', op: 'eq', value: '+7 916 123 45 67' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'phone', op: 'contains', value: '8 916 123-45-67' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'phone', op: 'contains', value: '4567' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'phone', op: 'empty' }])).toEqual(['Ф-Бета', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'email', op: 'eq', value: ' BOSS@alpha.RU ' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'email', op: 'contains', value: '.ua' }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'email', op: 'neq', value: 'boss@alpha.ru' }])).toEqual(['Ф-Бета', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'city', op: 'eq', value: 'тверь' }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'city', op: 'notEmpty' }])).toEqual(['Ф-Альфа', 'Ф-Бета']);
  });

  it('filters by group only through groups the reader can see', async () => {
    expect(await orgNames([{ field: 'group', op: 'in', value: [sharedGroup] }])).toEqual(['Ф-Альфа', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'group', op: 'notIn', value: [sharedGroup] }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'group', op: 'in', value: [foreignGroup] }])).toEqual([]);
  });

  it('filters every custom field type', async () => {
    expect(await orgNames([{ field: 'custom.note', op: 'contains', value: 'важн' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.size', op: 'gt', value: 6 }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.size', op: 'between', value: ['1', '10'] }])).toEqual(['Ф-Альфа', 'Ф-Бета']);
    expect(await orgNames([{ field: 'custom.size', op: 'empty' }])).toEqual(['Ф-Гамма']);
    expect(await orgNames([{ field: 'custom.budget', op: 'gte', value: '1000.5' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.since', op: 'lt', value: '2021-01-01' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.at', op: 'gt', value: '2024-01-01T12:00:00+03:00' }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.vip', op: 'eq', value: true }])).toEqual(['Ф-Альфа']);
    expect(await orgNames([{ field: 'custom.vip', op: 'eq', value: false }])).toEqual(['Ф-Бета', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'custom.tier', op: 'in', value: ['silver'] }])).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'custom.tags', op: 'in', value: ['y'] }])).toEqual(['Ф-Альфа', 'Ф-Бета']);
    expect(await orgNames([{ field: 'custom.tags', op: 'notIn', value: ['x'] }])).toEqual(['Ф-Бета', 'Ф-Гамма']);
    expect(await orgNames([{ field: 'custom.tags', op: 'empty' }])).toEqual(['Ф-Гамма']);
    expect(await orgNames([{ field: 'custom.owner', op: 'in', value: ['@me'] }])).toEqual(['Ф-Альфа']);
  });

  it('joins conditions with all / any', async () => {
    const conditions = [
      { field: 'kind', op: 'in', value: ['client'] },
      { field: 'custom.tier', op: 'in', value: ['silver'] },
    ];
    expect(await orgNames(conditions, 'all')).toEqual([]);
    expect(await orgNames(conditions, 'any')).toEqual(['Ф-Альфа', 'Ф-Бета']);
  });

  it('sorts by built-in and custom fields, either way, NULLs last', async () => {
    const sorted = async (sort: string) =>
      (await admin.get(url('/api/v1/organizations', { q: 'ф-', sort }))).json().items.map((i: { name: string }) => i.name);
    expect(await sorted('-name')).toEqual(['Ф-Гамма', 'Ф-Бета', 'Ф-Альфа']);
    expect(await sorted('custom.size')).toEqual(['Ф-Бета', 'Ф-Альфа', 'Ф-Гамма']);
    expect(await sorted('-custom.size')).toEqual(['Ф-Альфа', 'Ф-Бета', 'Ф-Гамма']);
    expect(await sorted('responsible')).toHaveLength(3);
    expect(await sorted('-kind')).toEqual(['Ф-Гамма', 'Ф-Бета', 'Ф-Альфа']);
    const bad = await admin.get(url('/api/v1/organizations', { sort: 'phone' }));
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'sort', code: 'invalid_sort' })]);
  });

  it('shows the first phone, email, city, parent and responsible of each row', async () => {
    const items = (await admin.get(url('/api/v1/organizations', { q: 'ф-' }))).json().items;
    expect(items[0]).toMatchObject({ name: 'Ф-Альфа', phone: '8 (916) 123-45-67', email: 'Boss@Alpha.ru', city: 'Москва', responsible: { id: adminId } });
    expect(items[2]).toMatchObject({ name: 'Ф-Гамма', parent: { id: orgs['Ф-Альфа']!.id, name: 'Ф-Альфа' }, phone: null });
  });

  it('answers 400 naming `filter` for bad JSON, unknown fields, wrong operators and bad values', async () => {
    const problem = async (filter: string) => {
      const response = await admin.get(url('/api/v1/organizations', { filter }));
      expect(response.statusCode).toBe(400);
      const count = await admin.get(url('/api/v1/organizations/count', { filter }));
      expect(count.statusCode).toBe(400);
      return response.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await problem('{not json')).toEqual(['filter:invalid_filter']);
    expect(await problem(JSON.stringify({ conditions: 'x' }))).toEqual(['filter:invalid_filter']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'shoeSize', op: 'eq', value: 1 }] }))).toEqual(['filter:unknown_field']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'custom.nope', op: 'eq', value: 1 }] }))).toEqual(['filter:unknown_field']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'kind', op: 'contains', value: 'x' }] }))).toEqual(['filter:invalid_operator']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'kind', op: 'in', value: ['dragon'] }] }))).toEqual(['filter:invalid_value']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'responsible', op: 'in', value: ['nobody'] }] }))).toEqual(['filter:invalid_value']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'createdAt', op: 'gt', value: 'yesterday' }] }))).toEqual(['filter:invalid_value']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'custom.size', op: 'gt', value: 'ten' }] }))).toEqual(['filter:invalid_value']);
    expect(await problem(JSON.stringify({ conditions: [{ field: 'phone', op: 'eq', value: 'abc' }] }))).toEqual(['filter:invalid_value']);
  });

  it('never reveals records the reader may not view, in the list or the count', async () => {
    const agent = await t.login(other.email);
    expect(await orgNames([], 'all', agent)).toEqual(['Ф-Бета']);
    expect(await orgNames([{ field: 'custom.tier', op: 'in', value: ['gold'] }], 'any', agent)).toEqual([]);
  });
});

describe('person list', () => {
  it('filters by birth date, gender, influence, organization (any employment) and last name', async () => {
    const org = orgs['Ф-Альфа']!.id;
    const make = async (body: Record<string, unknown>) => (await admin.post('/api/v1/persons', body)).json();
    await make({ lastName: 'П-Иванов', gender: 'male', birthDate: '1980-05-01', influence: 'decision_maker', employments: [{ organizationId: org }] });
    await make({ lastName: 'П-Петрова', gender: 'female', birthDate: '1995-12-31', employments: [{ organizationId: orgs['Ф-Бета']!.id }, { organizationId: org, isPrimary: false }] });
    await make({ lastName: 'П-Сидоров' });
    const names = async (conditions: unknown[]) =>
      (await admin.get(url('/api/v1/persons', { q: 'п-', filter: { conditions } }))).json().items.map((i: { lastName: string }) => i.lastName);
    expect(await names([{ field: 'birthDate', op: 'lt', value: '1990-01-01' }])).toEqual(['П-Иванов']);
    expect(await names([{ field: 'birthDate', op: 'empty' }])).toEqual(['П-Сидоров']);
    expect(await names([{ field: 'gender', op: 'in', value: ['female'] }])).toEqual(['П-Петрова']);
    expect(await names([{ field: 'influence', op: 'notIn', value: ['decision_maker'] }])).toEqual(['П-Петрова', 'П-Сидоров']);
    expect(await names([{ field: 'organization', op: 'in', value: [org] }])).toEqual(['П-Иванов', 'П-Петрова']);
    expect(await names([{ field: 'organization', op: 'empty' }])).toEqual(['П-Сидоров']);
    expect(await names([{ field: 'lastName', op: 'eq', value: 'п-сидоров' }])).toEqual(['П-Сидоров']);
    await make({ lastName: 'П-Семёнов', firstName: 'Пётр' });
    expect(await names([{ field: 'name', op: 'contains', value: 'семен' }])).toEqual(['П-Семёнов']);
    expect(await names([{ field: 'name', op: 'startsWith', value: 'П-СЕМЁНОВ пет' }])).toEqual(['П-Семёнов']);
    const items = (await admin.get(url('/api/v1/persons', { q: 'п-', sort: 'organization' }))).json().items;
    expect(items.map((i: { organization: { name: string } | null }) => i.organization?.name ?? null)).toEqual(['Ф-Альфа', 'Ф-Бета', null, null]);
  });
});

describe('keyset pagination', () => {
  it('walks every sort page by page with no duplicates and no gaps, even with equal and missing values', async () => {
    const positions = ['Инженер', 'Инженер', null, 'Бухгалтер', null, 'Директор'];
    for (let i = 0; i < 23; i++) {
      await admin.post('/api/v1/persons', { lastName: `К-Страничный ${i % 5}`, position: positions[i % positions.length] });
    }
    const all = async (sort: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const response = await admin.get(url('/api/v1/persons', { q: 'к-страничный', sort, limit: String(limit), ...(cursor ? { cursor } : {}) }));
        expect(response.statusCode).toBe(200);
        const page = response.json();
        ids.push(...page.items.map((i: { id: string }) => i.id));
        if (!page.nextCursor) return ids;
        cursor = page.nextCursor;
      }
      throw new Error('pagination did not end');
    };
    for (const sort of ['name', '-name', 'position', '-position', 'createdAt', '-updatedAt', 'birthDate', 'responsible']) {
      const whole = await all(sort, 200);
      expect(whole).toHaveLength(23);
      expect(await all(sort, 4)).toEqual(whole);
      expect(new Set(whole).size).toBe(23);
    }
    const page = (await admin.get(url('/api/v1/persons', { q: 'к-страничный', sort: 'name', limit: '4' }))).json();
    const mismatched = await admin.get(url('/api/v1/persons', { sort: 'createdAt', cursor: page.nextCursor }));
    expect(mismatched.json().errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
  });
});

describe('fuzzing the filter and sort parameters', () => {
  const fields = [...new Set([...ORGANIZATION_FIELDS, ...PERSON_FIELDS].map((f) => f.key)), ...defs.map((d) => `custom.${d.key}`), 'custom.', '', 'name;drop'];
  const scalar = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom('@me', '2024-02-30', '1e309', '-0', '9'.repeat(60), "'; select 1 --", '%', '_', '\\', 'null', '+7 916 123 45 67'),
    fc.uuid(),
  );
  const condition = fc.record(
    {
      field: fc.oneof(fc.constantFrom(...fields), fc.string()),
      op: fc.oneof(fc.constantFrom(...FILTER_OPERATORS), fc.string()),
      value: fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.constant(null), fc.object()),
    },
    { requiredKeys: [] },
  );
  const filter = fc.oneof(
    fc.record({ match: fc.constantFrom('all', 'any', 'some'), conditions: fc.array(condition, { maxLength: 4 }) }, { requiredKeys: ['conditions'] }).map((f) => JSON.stringify(f)),
    fc.json(),
    fc.string(),
  );
  const sort = fc.oneof(fc.constantFrom(...fields.flatMap((f) => [f, `-${f}`])), fc.string({ maxLength: 80 }));

  it('never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('organizations', 'persons'), filter, sort, fc.option(fc.string({ maxLength: 30 })), async (type, f, s, cursor) => {
        const params = { filter: f, sort: s, ...(cursor ? { cursor } : {}) };
        const list = await admin.get(url(`/api/v1/${type}`, params));
        expect(list.statusCode, list.body).toBeLessThan(500);
        const count = await admin.get(url(`/api/v1/${type}/count`, { filter: f }));
        expect(count.statusCode, count.body).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

describe('EXPLAIN of the list query as the API runs it', () => {
  it('walks the (sort_name, id) index with the scope filter applied while scanning, without sorting, also on a deep page', async () => {
    await sql`
      INSERT INTO persons (id, last_name, responsible_id, created_by, updated_at)
      SELECT gen_random_uuid(), 'Э-' || g, CASE WHEN g % 3 = 0 THEN ${other.id}::uuid ELSE ${adminId}::uuid END, ${adminId}::uuid, now()
      FROM generate_series(1, 4000) g`.execute(t.database.db);
    await sql`ANALYZE persons`.execute(t.database.db);
    const [otherUser] = await t.database.db.selectFrom('users').select('id').where('id', '=', other.id).execute();
    const actor = {
      userId: otherUser!.id,
      permissions: normalizePermissions(BUILT_IN_PERMISSIONS.manager),
      departmentScope: [],
    };
    // The row's own plan comes before its SubPlans (the per-row phone, email… lookups, each one index probe).
    const main = (plan: string) => plan.split(/\n\s*SubPlan/)[0]!;
    const first = main(await explainClientList(t.database.db, actor, 'person', { limit: 50 }));
    expect(first).toMatch(/Index Scan using persons_sort_name_idx/);
    expect(first).not.toMatch(/\bSort\b/);
    const page = await listClients(t.database.db, actor, 'person', { limit: 50 });
    const deep = main(await explainClientList(t.database.db, actor, 'person', { limit: 50, cursor: page.nextCursor! }));
    expect(deep).toMatch(/Index Scan using persons_sort_name_idx/);
    expect(deep).toMatch(/Index Cond/);
    expect(deep).not.toMatch(/\bSort\b/);
  });
});
