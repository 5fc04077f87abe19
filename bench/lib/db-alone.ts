import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, readMemory, spawnNode, stopChild, waitForLogLine, type Memory } from './processes.js';
import { ROOT, type DbKind } from './server.js';

const FIXTURE = path.join(ROOT, 'bench/fixtures/db-alone.mjs');

/**
 * The database opened by a bare node process (bench/fixtures/db-alone.mjs): the baseline for the
 * server's start-up time and memory. `location` is a PGlite data directory or a PostgreSQL URL.
 */
export async function runDbAlone(kind: DbKind, location: string, logFile: string, options: { idleSeconds?: number } = {}): Promise<{ readyMs: number; memory?: Memory }> {
  const child = spawnNode([FIXTURE, kind, location], {}, logFile, ROOT);
  let result: { readyMs: number; memory?: Memory };
  try {
    await waitForLogLine(child, 'db-alone ready', 60_000);
    const readyMs = performance.now() - child.spawnedAt;
    if (options.idleSeconds) {
      await sleep(options.idleSeconds * 1000);
      result = { readyMs, memory: readMemory(child.pid) };
    } else {
      result = { readyMs };
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  // A PGlite killed mid-write could spoil the directory that the next start measures.
  const stopped = await stopChild(child);
  if (!stopped.clean) throw new Error(`db-alone (${kind}) did not stop cleanly (${stopped.how}):\n${logTail(logFile)}`);
  return result;
}
