import fs from 'node:fs';
import path from 'node:path';
import { baseUrl, freePort, requestJson, waitFor200 } from './http.js';
import { isRunning, logTail, spawnNode, stopChild, type Child } from './processes.js';
import { createBenchDatabase, databaseUrl, dropBenchDatabase } from './postgres.js';

export type DbKind = 'pglite' | 'postgres';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The same bundle `npm start` runs, so start-up and memory are what users get (no tsx in the way). */
export const SERVER_ENTRY = path.join(ROOT, 'packages/server/dist/main.js');

export const BENCH_ADMIN = { email: 'admin@bench.example', password: 'Kontakt-bench-2026-Qz!', name: 'Администратор Бенчмарка' };

/** An empty database for one spawned server: a fresh DATA_DIR, or a fresh PostgreSQL database. */
export interface ServerTarget {
  kind: DbKind;
  env: Record<string, string>;
  /** The data directory (PGlite) or the database URL (PostgreSQL). */
  location: string;
  dispose(): Promise<void>;
}

export async function freshTarget(kind: DbKind, workDir: string, purpose: string): Promise<ServerTarget> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(workDir, `${purpose}-`));
    return { kind, env: { DATA_DIR: dir }, location: dir, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = await createBenchDatabase(purpose);
  const url = databaseUrl(name);
  return { kind, env: { DATABASE_URL: url }, location: url, dispose: () => dropBenchDatabase(name) };
}

export interface RunningServer {
  child: Child;
  url: string;
  /** From spawn() to the first 200 of GET /api/health. */
  readyMs: number;
}

/** Spawns `node packages/server/dist/main.js start` on the target and waits for its first healthy answer. */
export async function startServer(target: ServerTarget, workDir: string, options: { logLevel?: string; timeoutMs?: number } = {}): Promise<RunningServer> {
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run node scripts/build-if-needed.mjs --server-only`);
  const port = await freePort();
  const logFile = path.join(workDir, `server-${target.kind}-${port}.log`);
  const child = spawnNode([SERVER_ENTRY, 'start'], { ...target.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: options.logLevel ?? 'info' }, logFile, ROOT);
  const url = baseUrl(port);
  try {
    const at = await waitFor200(`${url}/api/health`, options.timeoutMs ?? 60_000, () => isRunning(child));
    return { child, url, readyMs: at - child.spawnedAt };
  } catch (error) {
    await stopChild(child);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${logTail(logFile)}`, { cause: error });
  }
}

/** First-run setup through the API, as a new installation does; answers the administrator's session cookie. */
export async function setupAdministrator(url: string): Promise<string> {
  const response = await requestJson('POST', `${url}/api/v1/setup`, {
    body: { companyName: 'ООО «Бенчмарк»', name: BENCH_ADMIN.name, email: BENCH_ADMIN.email, password: BENCH_ADMIN.password, language: 'ru' },
  });
  if (response.status !== 201 || !response.sessionCookie) throw new Error(`setup answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.sessionCookie;
}

export async function login(url: string, email = BENCH_ADMIN.email, password = BENCH_ADMIN.password): Promise<string> {
  const response = await requestJson('POST', `${url}/api/v1/auth/login`, { body: { email, password } });
  if (response.status !== 200 || !response.sessionCookie) throw new Error(`login answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.sessionCookie;
}

/** Signs in through the API: what the memory and throughput scenarios need on a loaded server. */
export async function loginOrStop(server: RunningServer, email = BENCH_ADMIN.email, password = BENCH_ADMIN.password): Promise<string> {
  try {
    return await login(server.url, email, password);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
}
