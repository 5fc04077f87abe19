import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { buildApp } from '../app.js';
import type { Database } from '../db/connection.js';
import { createTestDatabase } from './test-database.js';
import type { BuiltInRole } from '@kontakt/shared';
import { newCompany, newUser, TEST_PASSWORD } from './factories.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Signs in through the API and returns a client that carries the session cookie and CSRF token. */
  login(email: string, password?: string): Promise<Agent>;
  /** A new employee with this built-in role, signed in. */
  signInAs(role: BuiltInRole): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class Agent {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;
  ip = '127.0.0.1';

  constructor(private readonly app: FastifyInstance) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const options: InjectOptions = {
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    };
    const response = await this.app.inject(options);
    const setCookie = response.cookies.find((c) => c.name === 'kontakt_session');
    if (setCookie) this.cookie = setCookie.value ? `kontakt_session=${setCookie.value}` : undefined;
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

export async function createTestApp(overrides: Partial<Config> = {}, beforeReady?: (app: FastifyInstance) => void): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: '/tmp/kontakt-unused' }, { passwordHashCost: 10, logLevel: 'silent', checkResponses: true, backgroundJobs: false, ...overrides });
  await newCompany(database.db);
  const app = await buildApp({ config, database, logger: false });
  beforeReady?.(app);
  await app.ready();
  async function login(email: string, password = TEST_PASSWORD): Promise<Agent> {
    const agent = new Agent(app);
    const response = await agent.post('/api/v1/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login as ${email} failed: ${response.statusCode} ${response.body}`);
    agent.csrfToken = response.json().csrfToken;
    return agent;
  }
  return {
    app,
    database,
    config,
    anonymous: () => new Agent(app),
    login,
    signInAs: async (role) => login((await newUser(database.db, { role })).email),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
