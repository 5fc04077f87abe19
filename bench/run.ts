/**
 * `npm run bench [-- --scale small|full] [--db pglite|postgres|both] [--only <scenario>] [--update-doc]`
 *
 * Runs the scenarios, prints the results table, writes bench/results/latest.json and latest.md, and with
 * --update-doc replaces the results section of bench/BENCHMARKS.md. Exits 1 when a scenario broke (an
 * error, not a missed target: targets are reported, and a benchmark is not a test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { killAllChildren } from './lib/processes.js';
import { dropLeftoverBenchDatabases, postgresProblem, postgresVersion } from './lib/postgres.js';
import { ROOT, type DbKind } from './lib/server.js';
import { describeMachine } from './machine.js';
import { legend, markdownTable, updateDoc, writeResults, type RunReport } from './report.js';
import { isScaleName, SCALES, withClientFraction } from './scale.js';
import { coldStartScenario } from './scenarios/cold-start.js';
import { idleRssScenario } from './scenarios/idle-rss.js';
import { meThroughputScenario } from './scenarios/me-throughput.js';
import { userListScenario } from './scenarios/user-list.js';
import { clientsScenario } from './scenarios/clients.js';
import { tasksScenario } from './scenarios/tasks.js';
import type { ResultRow, Scenario, ScenarioContext } from './scenarios/types.js';

const SCENARIOS: Scenario[] = [coldStartScenario, idleRssScenario, meThroughputScenario, userListScenario, clientsScenario, tasksScenario];
/** The whole run is bounded: a hung child or query ends the run instead of the CI job's patience. */
const RUN_TIME_LIMIT_MS = 30 * 60_000;

const USAGE = `Usage: npm run bench -- [--scale small|full] [--db pglite|postgres|both] [--only ${SCENARIOS.map((s) => s.id).join('|')}] [--clients <fraction of the full client base>] [--update-doc]`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'full' },
      db: { type: 'string', default: 'both' },
      only: { type: 'string', multiple: true },
      'update-doc': { type: 'boolean', default: false },
      clients: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const fail = (message: string): never => {
    console.error(`${message}\n${USAGE}`);
    process.exit(2);
  };
  const scaleName = values.scale!;
  if (!isScaleName(scaleName)) return fail(`unknown scale "${scaleName}"`);
  const db = values.db!;
  if (!['pglite', 'postgres', 'both'].includes(db)) return fail(`unknown --db "${db}"`);
  const only = values.only ?? [];
  for (const id of only) if (!SCENARIOS.some((s) => s.id === id)) fail(`unknown scenario "${id}"`);
  const clients = values.clients === undefined ? null : Number(values.clients);
  if (clients !== null && !(clients > 0 && clients <= 1)) fail(`--clients must be a fraction in (0, 1], not "${values.clients}"`);
  return { scaleName, db, only, updateDoc: values['update-doc']!, clients };
}

/** Children and temporary files go away on every way out: normal end, error, Ctrl-C, time limit. */
function installCleanup(workDir: string): void {
  const cleanup = () => {
    killAllChildren();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's processes`);
      process.exit(130);
    });
  }
  setTimeout(() => {
    console.error(`The benchmark exceeded ${RUN_TIME_LIMIT_MS / 60_000} minutes; stopping.`);
    process.exit(1);
  }, RUN_TIME_LIMIT_MS).unref();
}

async function chooseDatabases(db: string): Promise<{ dbs: DbKind[]; skipped: string[]; postgres: string | null }> {
  const wanted: DbKind[] = db === 'both' ? ['pglite', 'postgres'] : [db as DbKind];
  if (!wanted.includes('postgres')) return { dbs: wanted, skipped: [], postgres: null };
  const problem = await postgresProblem();
  if (problem) {
    if (db === 'postgres') throw new Error(`PostgreSQL is not reachable: ${problem}`);
    console.warn(`PostgreSQL is not reachable (${problem}); measuring PGlite only.`);
    return { dbs: ['pglite'], skipped: [`postgres: ${problem}`], postgres: null };
  }
  const dropped = await dropLeftoverBenchDatabases();
  if (dropped.length) console.log(`Dropped databases left by interrupted runs: ${dropped.join(', ')}`);
  return { dbs: wanted, skipped: [], postgres: await postgresVersion() };
}

async function main(): Promise<number> {
  const options = parseOptions();
  // Measure the current source: rebuild the server bundle when it is older than the code (about a second).
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs'), '--server-only'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the server failed');

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-bench-'));
  installCleanup(workDir);
  const startedAt = new Date();
  const machine = describeMachine();
  if (machine.loadAtStart[0]! > machine.nproc * 0.5) {
    console.warn(`Warning: load average ${machine.loadAtStart[0]!.toFixed(2)} on ${machine.nproc} CPUs — other work is running and will skew the figures.`);
  }
  const { dbs, skipped, postgres } = await chooseDatabases(options.db);
  const scale = options.clients === null ? SCALES[options.scaleName] : withClientFraction(SCALES[options.scaleName], options.clients);
  const context: ScenarioContext = { scaleName: options.scaleName, scale, dbs, workDir, log: (m) => console.log(m) };
  console.log(`Kontakt benchmark: scale ${options.scaleName} (${scale.users} users), databases ${dbs.join(', ')}`);

  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  for (const scenario of SCENARIOS) {
    if (options.only.length && !options.only.includes(scenario.id)) continue;
    console.log(`\n▶ ${scenario.title}`);
    const t = performance.now();
    try {
      const result = await scenario.run(context);
      rows.push(...result.rows);
      details[scenario.id] = { ...result.details, seconds: (performance.now() - t) / 1000 };
    } catch (error) {
      // A scenario that throws (instead of reporting error rows) still leaves the others to run.
      rows.push({ scenario: scenario.id, db: '—', api: null, baseline: null, baselineIs: '', ratio: null, target: '—', pass: false, error: String(error) });
      details[scenario.id] = { error: error instanceof Error ? error.stack : String(error) };
    }
    console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }

  machine.loadAtEnd = os.loadavg();
  const finishedAt = new Date();
  const report: RunReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    scale: options.scaleName,
    scaleSettings: scale,
    dbs,
    skipped,
    machine,
    postgresVersion: postgres,
    rows,
    details,
  };
  console.log(`\n${markdownTable(rows)}\n\n${legend(rows)}`);
  const written = writeResults(report);
  console.log(`\nWritten: ${path.relative(ROOT, written.json)}, ${path.relative(ROOT, written.md)}`);
  if (options.updateDoc) {
    updateDoc(report);
    console.log('Updated the results section of bench/BENCHMARKS.md');
  }
  for (const row of rows) if (row.error) console.error(`error in ${row.scenario} (${row.db}): ${row.error}`);
  return rows.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
