import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/connection.js';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock.js';

export const pgliteDir = (config: Config) => path.join(config.dataDir, 'pgdata');

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite
 * in DATA_DIR, locked to this process.
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = lockDataDir(config.dataDir);
  try {
    if (!fs.existsSync(path.join(pgliteDir(config), 'PG_VERSION'))) initializeInChildProcess(config);
    const database = await openPglite({ dataDir: pgliteDir(config) });
    const close = database.close.bind(database);
    database.close = async () => {
      await close();
      release();
    };
    return database;
  } catch (error) {
    release();
    throw error;
  }
}

export const INIT_DATA_DIR_COMMAND = '__init-data-dir';

/**
 * Creating a PGlite data directory grows the WebAssembly heap to ~800 MB, and that heap never shrinks.
 * A short-lived child process does the creation, so the server itself opens an existing directory and
 * stays at ~350 MB.
 */
function initializeInChildProcess(config: Config): void {
  const script = process.argv[1];
  if (!script) return;
  const result = spawnSync(process.execPath, [...process.execArgv, script, INIT_DATA_DIR_COMMAND], {
    env: { ...process.env, DATA_DIR: config.dataDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`Could not create the database in ${pgliteDir(config)}`);
}

/** The child's side: create the directory (the parent holds the DATA_DIR lock meanwhile) and exit. */
export async function initializeDataDir(config: Config): Promise<void> {
  const database = await openPglite({ dataDir: pgliteDir(config) });
  await database.close();
}

export { DataDirLockedError };
