import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The embedded database through the real command line: one process owns DATA_DIR, a killed process
 * leaves every acknowledged write behind, and backup/restore work from the CLI.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const cli = path.join(root, 'packages/server/bin/kontakt.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-embedded-'));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function env(dataDir: string, port: number) {
  const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PASSWORD_HASH_COST: '10', LOG_LEVEL: 'warn', KONTAKT_ADMIN_EMAIL: 'admin@test.example', KONTAKT_ADMIN_PASSWORD: 'Strong-passw0rd-2026' };
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'start'], { env: env(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Generous: a fresh data directory is created and migrated in a child process while other test files
  // keep both cores busy (seen taking over 30 s in a full run).
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

async function login(base: string) {
  const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@test.example', password: 'Strong-passw0rd-2026' }) });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

beforeAll(() => {
  // Build the CLI bundle once up front, so each start below measures only the start.
  spawnSync(process.execPath, [path.join(root, 'scripts/build-if-needed.mjs'), '--server-only'], { stdio: 'inherit' });
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('embedded database', { timeout: 300_000 }, () => {
  it('refuses a second process on the same DATA_DIR, and keeps acknowledged writes through a kill -9', async () => {
    const dataDir = path.join(tmp, 'crash');
    const { child, base } = await startServer(dataDir);
    const second = spawnSync(process.execPath, [cli, 'start'], { env: env(dataDir, await freePort()), encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/Another Kontakt process \(pid \d+\) is using the database/);

    const { cookie, csrfToken } = await login(base);
    const names: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `Отдел ${i}`;
      const response = await fetch(`${base}/api/v1/departments`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      expect(response.status).toBe(201);
      names.push(name);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const restarted = await startServer(dataDir);
    const session = await login(restarted.base);
    const list = (await (await fetch(`${restarted.base}/api/v1/departments`, { headers: { cookie: session.cookie } })).json()) as { items: { name: string }[] };
    expect(list.items.map((d) => d.name).sort()).toEqual(names.sort());
    restarted.child.kill('SIGTERM');
    await new Promise((resolve) => restarted.child.once('exit', resolve));
  });

  it('backs up and restores through the command line', async () => {
    const dataDir = path.join(tmp, 'source');
    const { child, base } = await startServer(dataDir);
    const { cookie, csrfToken } = await login(base);
    await fetch(`${base}/api/v1/departments`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Бухгалтерия' }) });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const file = path.join(tmp, 'cli-backup.jsonl.gz');
    const backup = spawnSync(process.execPath, [cli, 'backup', file], { env: env(dataDir, 0), encoding: 'utf8' });
    expect(backup.stdout + backup.stderr).toMatch(/Backup written/);
    const restoreDir = path.join(tmp, 'restored');
    const { KONTAKT_ADMIN_EMAIL: _e, KONTAKT_ADMIN_PASSWORD: _p, ...restoreEnv } = env(restoreDir, 0);
    const restore = spawnSync(process.execPath, [cli, 'restore', file], { env: restoreEnv, encoding: 'utf8' });
    expect(restore.status, restore.stderr).toBe(0);
    const restored = await startServer(restoreDir);
    const session = await login(restored.base);
    const list = (await (await fetch(`${restored.base}/api/v1/departments`, { headers: { cookie: session.cookie } })).json()) as { items: { name: string }[] };
    expect(list.items.map((d) => d.name)).toEqual(['Бухгалтерия']);
    restored.child.kill('SIGTERM');
  });

  it('creates an administrator and resets a password from the command line', async () => {
    const dataDir = path.join(tmp, 'cli-admin');
    const { KONTAKT_ADMIN_EMAIL: _e, KONTAKT_ADMIN_PASSWORD: _p, ...base } = env(dataDir, 0);
    const weak = spawnSync(process.execPath, [cli, 'create-admin', '--email', 'chief@test.example', '--password', 'qwerty'], { env: base, encoding: 'utf8' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const created = spawnSync(process.execPath, [cli, 'create-admin', '--email', 'chief@test.example', '--password', 'Boss-strong-pass-1', '--name', 'Начальник'], { env: base, encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);
    const reset = spawnSync(process.execPath, [cli, 'reset-password', '--email', 'chief@test.example'], { env: base, encoding: 'utf8' });
    expect(reset.status, reset.stderr).toBe(0);
    const password = /New password of chief@test.example: (\S+)/.exec(reset.stdout)?.[1];
    expect(password).toBeDefined();
    const { child, base: url } = await startServer(dataDir);
    const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'chief@test.example', password }) });
    expect(response.status).toBe(200);
    const setup = (await (await fetch(`${url}/api/v1/setup`)).json()) as { needed: boolean };
    expect(setup.needed).toBe(false);
    child.kill('SIGTERM');
  });
});
