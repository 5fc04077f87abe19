import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { Agent } from '../testing/test-app.js';
import type { Database } from '../db/connection.js';
import type { FastifyInstance } from 'fastify';
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

  it('refuses to run twice', async () => {
    await expect(seedDemo(database.db, config)).rejects.toThrow(/empty database/);
  });
});
