import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/connection.js';
import { startTwoInstances, type TwoInstances } from '../../testing/two-instances.js';
import { Agent } from '../../testing/test-app.js';
import { newUser, TEST_PASSWORD } from '../../testing/factories.js';

/**
 * The live notification stream (Server-Sent Events), through a real HTTP connection to instance A, while
 * changes are made through A and through a second instance B on the same database (on PostgreSQL with a
 * pool of its own, so news reaches A only through LISTEN/NOTIFY).
 */
let first: Database;
let a: FastifyInstance;
let b: FastifyInstance;
let base: string;
let instances: TwoInstances;
const config = loadConfig({}, { passwordHashCost: 10, checkResponses: true, backgroundJobs: false, logLevel: 'silent' });
const streams: EventClient[] = [];

beforeAll(async () => {
  const started = await startTwoInstances(config, { listen: true });
  instances = started;
  ({ first, a, b } = started);
  base = started.url!;
});
afterAll(async () => {
  for (const s of streams) s.destroy();
  await instances.close();
});

interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A minimal EventSource: reads `event:`/`data:` frames off a real HTTP response. */
class EventClient {
  events: ServerEvent[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private request: http.ClientRequest;

  constructor(url: string, headers: Record<string, string>) {
    this.request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        this.buffer += chunk;
        let at: number;
        while ((at = this.buffer.indexOf('\n\n')) !== -1) {
          const frame = this.buffer.slice(0, at);
          this.buffer = this.buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data !== undefined) this.events.push({ event, data: JSON.parse(data) });
        }
        this.wake();
      });
      res.on('end', () => {
        this.ended = true;
        this.wake();
      });
    });
    this.request.on('error', () => {
      this.ended = true;
      this.wake();
    });
    streams.push(this);
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next event of this name after `from` (an index into `events`). */
  async next(name: string, from = 0, timeoutMs = 5000): Promise<ServerEvent & { index: number }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e, i) => i >= from && e.event === name);
      if (index !== -1) return { ...this.events[index]!, index };
      if (Date.now() > until || this.ended) throw new Error(`no "${name}" event; got ${JSON.stringify(this.events.slice(from))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitEnd(timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > until) throw new Error('the stream did not end');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  destroy() {
    this.request.destroy();
  }
}

async function signIn(app: FastifyInstance, email: string): Promise<Agent> {
  const agent = new Agent(app);
  const response = await agent.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
  agent.csrfToken = response.json().csrfToken;
  return agent;
}

const openStream = (agent: Agent) => new EventClient(`${base}/api/v1/notifications/stream`, { cookie: agent.cookie! });

/** Hands a new client over to the user: a `client_handoff` notification made by an ordinary request. */
async function handOver(adminAgent: Agent, userId: string, name: string) {
  const response = await adminAgent.post('/api/v1/organizations', { name, responsibleId: userId });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('the live notification stream', () => {
  it('sends the unread count at once, then each new notification and the new count, to every open tab', async () => {
    const admin = await newUser(first.db, { role: 'administrator' });
    const user = await newUser(first.db);
    const adminOnA = await signIn(a, admin.email);
    const userOnA = await signIn(a, user.email);
    const tab1 = openStream(userOnA);
    const tab2 = openStream(userOnA);
    expect((await tab1.next('unread')).data).toEqual({ count: 0 });
    await tab2.next('unread');
    expect(tab1.status).toBe(200);
    expect(tab1.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(tab1.headers['cache-control']).toContain('no-cache');
    expect(tab1.headers['x-accel-buffering']).toBe('no');

    const orgId = await handOver(adminOnA, user.id, 'ООО «Ромашка»');
    for (const tab of [tab1, tab2]) {
      const pushed = await tab.next('notification');
      expect(pushed.data).toMatchObject({ kind: 'client_handoff', recordType: 'organization', recordId: orgId, readAt: null, params: { recordName: 'ООО «Ромашка»' } });
      expect((await tab.next('unread', pushed.index)).data).toEqual({ count: 1 });
    }

    // Reading it in another tab (through the other instance) brings the count down everywhere.
    const userOnB = await signIn(b, user.email);
    const id = String(tab1.events.find((e) => e.event === 'notification')!.data.id);
    const mark = tab1.events.length;
    expect((await userOnB.post(`/api/v1/notifications/${id}/read`)).statusCode).toBe(204);
    expect((await tab1.next('unread', mark)).data).toEqual({ count: 0 });
  });

  it('hears notifications made through the other instance', async () => {
    const admin = await newUser(first.db, { role: 'administrator' });
    const user = await newUser(first.db);
    const adminOnB = await signIn(b, admin.email);
    const tab = openStream(await signIn(a, user.email));
    await tab.next('unread');
    await handOver(adminOnB, user.id, 'ООО «Василёк»');
    const pushed = await tab.next('notification');
    expect(pushed.data).toMatchObject({ kind: 'client_handoff', params: { recordName: 'ООО «Василёк»' }, actor: { id: admin.id } });
    // Only the reader's own notifications reach them.
    const other = await newUser(first.db);
    await handOver(adminOnB, other.id, 'ООО «Чужое»');
    await new Promise((r) => setTimeout(r, 300));
    expect(tab.events.filter((e) => e.event === 'notification')).toHaveLength(1);
  });

  it('works with an API token, and refuses the anonymous', async () => {
    const user = await newUser(first.db);
    const agent = await signIn(a, user.email);
    const token = (await agent.post('/api/v1/auth/tokens', { name: 'Интеграция' })).json().token as string;
    const viaToken = new EventClient(`${base}/api/v1/notifications/stream`, { authorization: `Bearer ${token}` });
    expect((await viaToken.next('unread')).data).toEqual({ count: 0 });
    const anonymous = new EventClient(`${base}/api/v1/notifications/stream`, {});
    await anonymous.waitEnd();
    expect(anonymous.status).toBe(401);
  });

  it('ends when the session ends: logout here, logout on the other instance, deactivation', async () => {
    const admin = await newUser(first.db, { role: 'administrator' });
    const adminOnB = await signIn(b, admin.email);
    const [one, two, three] = await Promise.all([newUser(first.db), newUser(first.db), newUser(first.db)]);

    const oneOnA = await signIn(a, one.email);
    const s1 = openStream(oneOnA);
    await s1.next('unread');
    await oneOnA.post('/api/v1/auth/logout');
    expect((await s1.next('end')).data).toEqual({ reason: 'signed_out' });
    await s1.waitEnd();

    const twoOnA = await signIn(a, two.email);
    const s2 = openStream(twoOnA);
    await s2.next('unread');
    // The same session signed out through B (its cookie works on both instances).
    const twoOnB = new Agent(b);
    twoOnB.cookie = twoOnA.cookie;
    twoOnB.csrfToken = twoOnA.csrfToken;
    expect((await twoOnB.post('/api/v1/auth/logout')).statusCode).toBe(204);
    await s2.waitEnd();

    const s3 = openStream(await signIn(a, three.email));
    await s3.next('unread');
    expect((await adminOnB.patch(`/api/v1/users/${three.id}`, { active: false, version: 1 })).statusCode).toBe(200);
    expect((await s3.next('end')).data).toEqual({ reason: 'signed_out' });

    // A session that simply expired is noticed at the next check (every heartbeat, or any access change).
    const four = await newUser(first.db);
    const s4 = openStream(await signIn(a, four.email));
    await s4.next('unread');
    await first.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', four.id).execute();
    await adminOnB.patch(`/api/v1/users/${three.id}`, { active: true, version: 2 });
    expect((await s4.next('end')).data).toEqual({ reason: 'signed_out' });
  });

  it('closing the server ends open streams instead of hanging', async () => {
    const user = await newUser(first.db);
    const app = await buildApp({ config, database: first, logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const agent = await signIn(app, user.email);
    const tab = new EventClient(`${address}/api/v1/notifications/stream`, { cookie: agent.cookie! });
    await tab.next('unread');
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await tab.next('end')).data).toEqual({ reason: 'server_stopping' });
    await tab.waitEnd();
  });
});
