import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPostgres, type Database } from '../db/connection.js';
import { createTestDatabase } from '../testing/test-database.js';
import { Agent } from '../testing/test-app.js';
import { newCompany, newUser, TEST_PASSWORD } from '../testing/factories.js';

/**
 * Two app instances on one database, as behind a load balancer: a change made through one is enforced by
 * the other at once (each keeps a short cache of sessions and rights). On PostgreSQL the second instance
 * has a connection pool of its own, so the change reaches it only through NOTIFY.
 */
let first: Database;
let second: Database;
let a: FastifyInstance;
let b: FastifyInstance;
const config = loadConfig({}, { passwordHashCost: 10, checkResponses: true });

beforeAll(async () => {
  first = await createTestDatabase();
  second = first.kind === 'postgres' ? await openPostgres(first.url!, 3) : first;
  await newCompany(first.db);
  a = await buildApp({ config, database: first, logger: false });
  b = await buildApp({ config, database: second, logger: false });
  await Promise.all([a.ready(), b.ready()]);
});
afterAll(async () => {
  await a.close();
  await b.close();
  if (second !== first) await second.close();
  await first.close();
});

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the other instance did not see the change in 1 s');
}

describe('two app instances', () => {
  it('a user deactivated through one instance is signed out on the other', async () => {
    const admin = await newUser(first.db, { role: 'administrator' });
    const target = await newUser(first.db);
    const adminOnA = new Agent(a);
    adminOnA.csrfToken = (await adminOnA.post('/api/v1/auth/login', { email: admin.email, password: TEST_PASSWORD })).json().csrfToken;
    const targetOnB = new Agent(b);
    await targetOnB.post('/api/v1/auth/login', { email: target.email, password: TEST_PASSWORD });
    expect((await targetOnB.get('/api/v1/auth/me')).statusCode).toBe(200);

    expect((await adminOnA.patch(`/api/v1/users/${target.id}`, { active: false, version: 1 })).statusCode).toBe(200);
    await eventually(async () => (await targetOnB.get('/api/v1/auth/me')).statusCode === 401);
  });

  it('a permission changed through one instance applies on the other', async () => {
    const admin = await newUser(first.db, { role: 'administrator' });
    const adminOnA = new Agent(a);
    adminOnA.csrfToken = (await adminOnA.post('/api/v1/auth/login', { email: admin.email, password: TEST_PASSWORD })).json().csrfToken;
    const role = (await adminOnA.post('/api/v1/roles', { name: 'Наблюдатель' })).json();
    const user = await newUser(first.db, { roleId: role.id });
    const onB = new Agent(b);
    await onB.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await onB.get('/api/v1/roles')).json().items).toEqual([]);
    await adminOnA.patch(`/api/v1/roles/${role.id}`, { permissions: { role: { view: 'all' } }, version: role.version });
    await eventually(async () => (await onB.get('/api/v1/roles')).json().items.length > 0);
  });
});
