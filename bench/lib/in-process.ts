import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/app.js';
import { createAdministrator, prepareDatabase } from '../../packages/server/src/bootstrap.js';
import { loadConfig, type Config } from '../../packages/server/src/config.js';
import { openPglite, openPostgres, type Database } from '../../packages/server/src/db/connection.js';
import { createBenchDatabase, databaseUrl, dropBenchDatabase } from './postgres.js';
import { BENCH_ADMIN, type DbKind, type ServerTarget } from './server.js';
import { generateDataset, type Dataset, type DatasetSize } from '../generate.js';

export interface OpenedDatabase {
  database: Database;
  dispose(): Promise<void>;
}

/**
 * A fresh database in this process: PGlite in a temporary data directory (on disk, as deployed, not in
 * memory) or a new PostgreSQL database with the server's default pool size.
 */
export async function openFreshDatabase(kind: DbKind, workDir: string, purpose: string): Promise<OpenedDatabase> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(workDir, `${purpose}-`));
    const database = await openPglite({ dataDir: dir });
    return {
      database,
      async dispose() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = await createBenchDatabase(purpose);
  const database = await openPostgres(databaseUrl(name));
  return {
    database,
    async dispose() {
      await database.close();
      await dropBenchDatabase(name);
    },
  };
}

/** Opens the database a spawned server used (while that server is stopped), e.g. to load data into it. */
export async function openTargetDatabase(target: ServerTarget): Promise<Database> {
  // The server keeps PGlite's files in DATA_DIR/pgdata (see server.ts pgliteDir).
  return target.kind === 'pglite' ? openPglite({ dataDir: path.join(target.location, 'pgdata') }) : openPostgres(target.location, 2);
}

/**
 * Config for an in-process app: a cheap password hash (sign-in is not what is measured), no logs, and no
 * background jobs — a reminder sweep running during a captured request would be counted as its SQL.
 */
export function benchConfig(workDir: string): Config {
  return loadConfig({ DATA_DIR: workDir }, { passwordHashCost: 10, logLevel: 'silent', backgroundJobs: false });
}

/**
 * Migrates, creates the administrator, lets `load` fill the database, then builds the app exactly as
 * `kontakt start` does (without request logging, which would flood the benchmark's output).
 */
export async function buildBenchApp(database: Database, config: Config, load: () => Promise<void>): Promise<{ app: FastifyInstance; adminId: string }> {
  await prepareDatabase(database.db);
  const adminId = await createAdministrator(database.db, config, { ...BENCH_ADMIN, companyName: 'ООО «Бенчмарк»' });
  await load();
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, adminId };
}

/** Signs in through app.inject() and returns the session cookie. */
export async function injectLogin(app: FastifyInstance, email = BENCH_ADMIN.email, password = BENCH_ADMIN.password): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = response.cookies.find((c) => c.name === 'kontakt_session');
  if (response.statusCode !== 200 || !cookie) throw new Error(`login answered ${response.statusCode}: ${response.body}`);
  return `kontakt_session=${cookie.value}`;
}

/**
 * Prepares a spawned server's database from this process before the server starts: schema, an
 * administrator (hashed with the server's default cost, as a real installation has) and the data set.
 */
export async function loadTarget(target: ServerTarget, workDir: string, size: DatasetSize): Promise<Dataset> {
  const database = await openTargetDatabase(target);
  try {
    await prepareDatabase(database.db);
    await createAdministrator(database.db, loadConfig({ DATA_DIR: workDir }), { ...BENCH_ADMIN, companyName: 'ООО «Бенчмарк»' });
    return await generateDataset(database.db, size);
  } finally {
    await database.close();
  }
}
