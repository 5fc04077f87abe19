import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the benchmark uses: BENCH_DATABASE_URL, or the local one CI runs. The benchmark
 * creates and drops its own databases there, all named `kontakt_bench_*`; it never touches any other.
 */
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'kontakt_bench_';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function adminUrl(): string {
  const host = new URL(ADMIN_URL).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${host}`);
  return ADMIN_URL;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** null when PostgreSQL answers, otherwise why not. */
export async function postgresProblem(): Promise<string | null> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function postgresVersion(): Promise<string> {
  return withAdmin(async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?');
}

/** Creates an empty database with a unique name and returns the name; the name carries our pid (see below). */
export async function createBenchDatabase(purpose: string): Promise<string> {
  const name = `${PREFIX}${process.pid}_${purpose.replace(/[^a-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!name.startsWith(PREFIX)) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Databases an interrupted earlier run left behind: ours by name, and only when the run that made them
 * (the pid in the name) is gone, so a benchmark running beside this one keeps its databases.
 */
export async function dropLeftoverBenchDatabases(): Promise<string[]> {
  const names = await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [PREFIX]);
    return rows.map((r) => r.datname);
  });
  const orphans = names.filter((name) => {
    const pid = Number(/^kontakt_bench_(\d+)_/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid);
  });
  for (const name of orphans) await dropBenchDatabase(name);
  return orphans;
}
