import fs from 'node:fs';
import path from 'node:path';
import { generateDataset } from '../generate.js';
import { runDbAlone } from '../lib/db-alone.js';
import { openTargetDatabase } from '../lib/in-process.js';
import { logTail, stopChild } from '../lib/processes.js';
import { freshTarget, setupAdministrator, startServer, type DbKind, type RunningServer, type ServerTarget } from '../lib/server.js';
import { median } from '../stats.js';
import { errorRow, ratio, type ResultRow, type Scenario, type ScenarioContext } from './types.js';

const EXISTING_TARGET_MS = 3_000;

interface StartRun {
  /** spawn → first 200 from /api/health, empty database. */
  emptyMs: number;
  /** Same, second start on the same database after the data set was loaded into it. */
  existingMs: number;
  /** The database alone (fixture process): fresh, then on the server's existing database. */
  aloneEmptyMs: number;
  aloneExistingMs: number;
  /** What the server itself logs as "ready in N ms" (from its first line of code, so without node's boot). */
  serverReportedMs: (number | null)[];
  shutdownMs: number[];
}

/** The server's own start-up figure from "Kontakt is running at … ready in N ms". */
function reportedReadyMs(server: RunningServer): number | null {
  const match = /ready in (\d+) ms/.exec(fs.readFileSync(server.child.logFile, 'utf8'));
  return match ? Number(match[1]) : null;
}

async function stopCleanly(server: RunningServer): Promise<number> {
  const stopped = await stopChild(server.child);
  if (!stopped.clean) throw new Error(`the server did not shut down cleanly on SIGTERM (${stopped.how}):\n${logTail(server.child.logFile)}`);
  return stopped.ms;
}

async function oneRun(kind: DbKind, context: ScenarioContext, run: number): Promise<StartRun> {
  const targets: ServerTarget[] = [];
  try {
    const aloneTarget = await freshTarget(kind, context.workDir, 'alone');
    targets.push(aloneTarget);
    const aloneEmpty = await runDbAlone(kind, aloneTarget.location, path.join(context.workDir, `alone-${kind}-${run}-empty.log`));

    const target = await freshTarget(kind, context.workDir, 'start');
    targets.push(target);
    const first = await startServer(target, context.workDir);
    const shutdownMs: number[] = [];
    try {
      await setupAdministrator(first.url);
    } finally {
      shutdownMs.push(await stopCleanly(first));
    }

    // An existing installation has data: load the scale's data set while the server is stopped.
    const database = await openTargetDatabase(target);
    try {
      await generateDataset(database.db, { users: context.scale.users, departments: context.scale.departments });
    } finally {
      await database.close();
    }

    const second = await startServer(target, context.workDir);
    shutdownMs.push(await stopCleanly(second));

    const aloneExisting = await runDbAlone(
      kind,
      kind === 'pglite' ? path.join(target.location, 'pgdata') : target.location,
      path.join(context.workDir, `alone-${kind}-${run}-existing.log`),
    );
    return {
      emptyMs: first.readyMs,
      existingMs: second.readyMs,
      aloneEmptyMs: aloneEmpty.readyMs,
      aloneExistingMs: aloneExisting.readyMs,
      serverReportedMs: [reportedReadyMs(first), reportedReadyMs(second)],
      shutdownMs,
    };
  } finally {
    for (const target of targets) await target.dispose();
  }
}

export const coldStartScenario: Scenario = {
  id: 'cold-start',
  title: 'Start-up to the first answered request',
  async run(context) {
    const runs: Record<string, StartRun[]> = {};
    const failures: Partial<Record<DbKind, unknown>> = {};
    // Runs alternate between the database kinds so that a busy moment on the machine is shared out.
    for (let run = 1; run <= context.scale.startRuns; run++) {
      for (const kind of context.dbs) {
        if (failures[kind]) continue;
        try {
          const result = await oneRun(kind, context, run);
          (runs[kind] ??= []).push(result);
          context.log(`  ${kind} run ${run}: empty ${Math.round(result.emptyMs)} ms, existing ${Math.round(result.existingMs)} ms (database alone ${Math.round(result.aloneEmptyMs)} / ${Math.round(result.aloneExistingMs)} ms)`);
        } catch (error) {
          failures[kind] = error;
        }
      }
    }

    const rows: ResultRow[] = [];
    for (const kind of context.dbs) {
      const samples = runs[kind];
      if (failures[kind] || !samples?.length) {
        rows.push(errorRow('start, empty database', kind, '—', failures[kind] ?? 'no runs'));
        continue;
      }
      const pick = (key: 'emptyMs' | 'existingMs' | 'aloneEmptyMs' | 'aloneExistingMs') => samples.map((s) => s[key]);
      const baselineIs = kind === 'pglite' ? 'node opening PGlite alone + SELECT 1' : 'node connecting pg alone + SELECT 1';
      rows.push({
        scenario: 'start, empty database',
        db: kind,
        api: { p50: median(pick('emptyMs')), unit: 'ms' },
        baseline: { p50: median(pick('aloneEmptyMs')), unit: 'ms' },
        baselineIs,
        ratio: ratio(median(pick('emptyMs')), median(pick('aloneEmptyMs'))),
        target: '—',
        pass: null,
      });
      rows.push({
        scenario: `start, existing database (${context.scale.users.toLocaleString('en-US')} users)`,
        db: kind,
        api: { p50: median(pick('existingMs')), unit: 'ms' },
        baseline: { p50: median(pick('aloneExistingMs')), unit: 'ms' },
        baselineIs,
        ratio: ratio(median(pick('existingMs')), median(pick('aloneExistingMs'))),
        target: `every start < ${EXISTING_TARGET_MS} ms`,
        pass: Math.max(...pick('existingMs')) < EXISTING_TARGET_MS,
      });
    }
    return { rows, details: { runs, errors: Object.fromEntries(Object.entries(failures).map(([k, e]) => [k, String(e)])) } };
  },
};
