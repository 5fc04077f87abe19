import path from 'node:path';
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

export { DataDirLockedError };
