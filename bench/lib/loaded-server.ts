import type { Dataset, DatasetSize } from '../generate.js';
import { loadTarget } from './in-process.js';
import { stopChild, type Stopped } from './processes.js';
import { freshTarget, loginOrStop, startServer, type DbKind, type RunningServer, type ServerTarget } from './server.js';

export interface LoadedServer {
  target: ServerTarget;
  server: RunningServer;
  /** The administrator's session cookie. */
  cookie: string;
  dataset: Dataset;
  /** Stops the server (SIGTERM) and keeps its database, e.g. to open it alone afterwards. */
  stop(): Promise<Stopped>;
  /** Stops the server if it still runs and drops its database. */
  dispose(): Promise<void>;
}

/**
 * A spawned `kontakt start` on a database that already holds the data set, with the administrator
 * signed in: an installation in use, which is what the memory and throughput scenarios look at.
 */
export async function startLoadedServer(kind: DbKind, workDir: string, purpose: string, size: DatasetSize, logLevel?: string): Promise<LoadedServer> {
  const target = await freshTarget(kind, workDir, purpose);
  try {
    const dataset = await loadTarget(target, workDir, size);
    const server = await startServer(target, workDir, logLevel ? { logLevel } : {});
    const cookie = await loginOrStop(server);
    return {
      target,
      server,
      cookie,
      dataset,
      stop: () => stopChild(server.child),
      async dispose() {
        try {
          await stopChild(server.child);
        } finally {
          await target.dispose();
        }
      },
    };
  } catch (error) {
    await target.dispose();
    throw error;
  }
}
