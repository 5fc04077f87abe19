import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;
const responses: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, (app) =>
    app.addHook('onSend', async (_request, _reply, payload) => {
      if (typeof payload === 'string') responses.push(payload);
      return payload;
    }),
  );
  const department = await newDepartment(t.database.db);
  for (let i = 0; i < 8; i++) await newUser(t.database.db, { departmentId: department.id });
  admin = await t.login((await newUser(t.database.db, { role: 'administrator' })).email);
});
afterAll(() => t.close());

describe('API conventions', () => {
  it('answers unknown routes with 404 problem+json, signed in or not', async () => {
    for (const agent of [t.anonymous(), admin]) {
      const response = await agent.get('/api/v1/no-such-thing');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, code: 'route_not_found' });
    }
  });

  it('answers malformed JSON with 400, never 500', async () => {
    for (const payload of ['{', '{"email":', 'null', '[]', '"text"', '\u0000']) {
      const response = await admin.request('POST', '/api/v1/users', payload, { 'content-type': 'application/json' });
      expect(response.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, payload).toBeLessThan(500);
    }
    const wrongType = await admin.request('POST', '/api/v1/users', '<user/>', { 'content-type': 'application/xml' });
    expect(wrongType.statusCode).toBe(415);
  });

  it('reports health with the database status', async () => {
    const response = await t.anonymous().get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('publishes an OpenAPI document with the users, departments and roles endpoints', async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/users', '/api/v1/users/{id}', '/api/v1/departments', '/api/v1/roles/{id}', '/api/v1/audit', '/api/v1/auth/login']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'email', 'password', 'roleId']));
    expect((await t.anonymous().get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('tells a stale cursor or sort apart from a server fault', async () => {
    const badCursor = await admin.get('/api/v1/users?cursor=garbage');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
    const badSort = await admin.get('/api/v1/users?sort=password_hash');
    expect(badSort.json().errors[0]).toMatchObject({ field: 'sort', code: 'invalid_sort' });
  });
});

const LIST_PARAMS: Record<string, string[]> = {
  '/api/v1/users': ['q', 'sort', 'limit', 'cursor', 'departmentId', 'roleId', 'active'],
  '/api/v1/departments': ['q', 'sort', 'limit', 'cursor', 'parentId'],
  '/api/v1/roles': ['q', 'sort', 'limit', 'cursor'],
  '/api/v1/audit': ['limit', 'cursor', 'actorId', 'objectType', 'objectId', 'action', 'from', 'to'],
};

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', '-', '-name', 'name', '0', '-1', '201', '1e9', 'NaN', 'true', "'; DROP TABLE users; --", '%', '\\', '%00', 'W10', 'WyJhIiwiYiJd', 'WyJ4Iiwibm90LXV1aWQiXQ'),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.json().map((j) => Buffer.from(j).toString('base64url')),
);

describe('fuzzing', () => {
  it('list endpoints answer only 2xx/4xx to any filter, sort and cursor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(LIST_PARAMS)),
        fc.array(fc.tuple(fc.nat(), nastyString), { maxLength: 5 }),
        async (path, pairs) => {
          const names = LIST_PARAMS[path]!;
          const query = new URLSearchParams(pairs.map(([i, value]) => [names[i % names.length]!, value])).toString();
          const response = await admin.get(`${path}?${query}`);
          expect(response.statusCode, `${path}?${query}: ${response.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('write endpoints answer only 2xx/4xx to any JSON body', async () => {
    const department = await newDepartment(t.database.db);
    const user = await newUser(t.database.db);
    const role = (await admin.post('/api/v1/roles', { name: 'Для фаззинга' })).json();
    const targets: ['POST' | 'PATCH', string][] = [
      ['POST', '/api/v1/users'],
      ['PATCH', `/api/v1/users/${user.id}`],
      ['POST', '/api/v1/departments'],
      ['PATCH', `/api/v1/departments/${department.id}`],
      ['POST', '/api/v1/roles'],
      ['PATCH', `/api/v1/roles/${role.id}`],
      ['PATCH', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/tokens'],
      ['PATCH', '/api/v1/settings/company'],
    ];
    const field = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.uuid(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }));
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: field,
          email: field,
          password: field,
          roleId: field,
          departmentId: field,
          parentId: field,
          headId: field,
          managerId: field,
          active: field,
          version: fc.oneof(field, fc.constant(1)),
          permissions: fc.oneof(field, fc.dictionary(fc.constantFrom('user', 'role', 'audit', 'x'), fc.dictionary(fc.constantFrom('view', 'edit', 'fly'), fc.constantFrom('all', 'own', 'none', 'galaxy')))),
          timeZone: fc.oneof(field, fc.constantFrom('Europe/Moscow', 'Mars/Olympus')),
          language: field,
          expiresInDays: field,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), body, async ([method, url], payload) => {
        const response = await admin.request(method, url, JSON.stringify(payload), { 'content-type': 'application/json' });
        expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${response.body}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});

describe('secrets never leave the server', () => {
  it('no response contains a password hash, token hash, session id or TOTP secret', async () => {
    const agent = await t.login((await newUser(t.database.db, { role: 'administrator' })).email);
    await agent.post('/api/v1/auth/tokens', { name: 'проверка' });
    // The TOTP secret is shown once while turning two-factor on (the user types it into their app);
    // after that it must never come back.
    const { secret } = (await agent.post('/api/v1/auth/two-factor/setup')).json();
    const { currentTotp } = await import('../auth/totp.js');
    await agent.post('/api/v1/auth/two-factor/enable', { code: currentTotp(secret) });
    responses.length = 0;
    for (const url of ['/api/v1/auth/me', '/api/v1/auth/tokens', '/api/v1/auth/sessions', '/api/v1/users?limit=200', '/api/v1/departments', '/api/v1/roles', '/api/v1/audit?limit=200']) {
      expect((await agent.get(url)).statusCode, url).toBe(200);
    }
    const db = t.database.db;
    const secrets = [
      ...(await db.selectFrom('users').select(['password_hash', 'totp_secret']).execute()).flatMap((u) => [u.password_hash, u.totp_secret]),
      ...(await db.selectFrom('api_tokens').select('token_hash').execute()).map((r) => r.token_hash),
      ...(await db.selectFrom('sessions').select('id').execute()).map((r) => r.id),
    ].filter((s): s is string => !!s);
    expect(secrets.length).toBeGreaterThan(10);
    const all = responses.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `leaked: ${secret.slice(0, 12)}…`).toBe(false);
    expect(all).not.toMatch(/scrypt\$/);
  });
});
