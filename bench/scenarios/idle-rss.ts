import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runDbAlone } from '../lib/db-alone.js';
import { requestJson } from '../lib/http.js';
import { startLoadedServer } from '../lib/loaded-server.js';
import { readMemory, stopChild, type Memory } from '../lib/processes.js';
import { freshTarget, setupAdministrator, startServer, type DbKind, type ServerTarget } from '../lib/server.js';
import { errorRow, ratio, type ResultRow, type Scenario, type ScenarioContext } from './types.js';

const PGLITE_MAX_RATIO = 1.3;
const POSTGRES_MAX_MB = 150;
const targetOf = (kind: DbKind) => (kind === 'pglite' ? `≤ ${PGLITE_MAX_RATIO}× PGlite alone` : `< ${POSTGRES_MAX_MB} MB`);

/** The requests of a user's first minute: who am I, the employee list, a search. */
async function touch(url: string, cookie: string, searchTerm: string): Promise<void> {
  const paths = [
    '/api/health',
    '/api/v1/auth/me',
    '/api/v1/users?limit=50&sort=name',
    `/api/v1/users?limit=50&sort=name&q=${encodeURIComponent(searchTerm)}`,
    '/api/v1/auth/me',
  ];
  for (const p of paths) {
    const response = await requestJson('GET', `${url}${p}`, { cookie });
    if (response.status !== 200) throw new Error(`GET ${p} answered ${response.status}`);
  }
}

const aloneLocation = (target: ServerTarget) => (target.kind === 'pglite' ? path.join(target.location, 'pgdata') : target.location);

interface Pair {
  server: Memory;
  alone: Memory;
}

/**
 * A new installation: the server creates its database (PGlite: initdb in the server process), is set up
 * through the API and used briefly; against PGlite opened alone on a fresh directory, as the issue asks.
 */
async function newInstallation(kind: DbKind, context: ScenarioContext): Promise<Pair> {
  const target = await freshTarget(kind, context.workDir, 'rss-new');
  try {
    const server = await startServer(target, context.workDir);
    let memory: Memory;
    try {
      const cookie = await setupAdministrator(server.url);
      await touch(server.url, cookie, 'Иван');
      await sleep(context.scale.idleSeconds * 1000);
      memory = readMemory(server.child.pid);
    } finally {
      await stopChild(server.child);
    }
    const fresh = await freshTarget(kind, context.workDir, 'rss-alone');
    try {
      const { memory: alone } = await runDbAlone(kind, fresh.location, path.join(context.workDir, `rss-alone-new-${kind}.log`), { idleSeconds: context.scale.idleSeconds });
      return { server: memory, alone: alone! };
    } finally {
      await fresh.dispose();
    }
  } finally {
    await target.dispose();
  }
}

/**
 * An installation in use: restarted on a database holding the data set, then used briefly; against the
 * database opened alone on that same directory (a fresh directory costs PGlite an initdb, which leaves
 * its memory much larger, so the fair comparison is like for like).
 */
async function existingInstallation(kind: DbKind, context: ScenarioContext): Promise<Pair> {
  const loaded = await startLoadedServer(kind, context.workDir, 'rss-existing', context.scale);
  try {
    await touch(loaded.server.url, loaded.cookie, loaded.dataset.searchTerm);
    await sleep(context.scale.idleSeconds * 1000);
    const server = readMemory(loaded.server.child.pid);
    const stopped = await loaded.stop();
    if (!stopped.clean) throw new Error(`the server did not shut down cleanly (${stopped.how})`);
    const { memory: alone } = await runDbAlone(kind, aloneLocation(loaded.target), path.join(context.workDir, `rss-alone-existing-${kind}.log`), {
      idleSeconds: context.scale.idleSeconds,
    });
    return { server, alone: alone! };
  } finally {
    await loaded.dispose();
  }
}

function row(kind: DbKind, scenario: string, pair: Pair, baselineIs: string): ResultRow {
  const r = ratio(pair.server.rssMb, pair.alone.rssMb);
  return {
    scenario,
    db: kind,
    api: { p50: pair.server.rssMb, unit: 'MB' },
    baseline: { p50: pair.alone.rssMb, unit: 'MB' },
    baselineIs,
    ratio: r,
    target: targetOf(kind),
    pass: kind === 'pglite' ? r !== null && r <= PGLITE_MAX_RATIO : pair.server.rssMb < POSTGRES_MAX_MB,
  };
}

export const idleRssScenario: Scenario = {
  id: 'idle-rss',
  title: 'Idle memory (RSS) of the server vs the database opened alone',
  async run(context) {
    const rows: ResultRow[] = [];
    const details: Record<string, unknown> = {};
    const idle = `${context.scale.idleSeconds} s idle`;
    const cases = [
      { name: `idle RSS, new installation, ${idle}`, measure: newInstallation, baseline: 'on a fresh directory / empty database' },
      { name: `idle RSS, existing database (${context.scale.users.toLocaleString('en-US')} users), ${idle}`, measure: existingInstallation, baseline: "on the server's database after it stopped" },
    ];
    for (const kind of context.dbs) {
      const alone = kind === 'pglite' ? 'node with PGlite opened alone + SELECT 1' : 'node with a pg pool alone + SELECT 1';
      for (const c of cases) {
        try {
          const pair = await c.measure(kind, context);
          context.log(`  ${kind}, ${c.name}: server ${pair.server.rssMb.toFixed(1)} MB, database alone ${pair.alone.rssMb.toFixed(1)} MB`);
          rows.push(row(kind, c.name, pair, `${alone}, ${c.baseline}`));
          details[`${kind}: ${c.name}`] = pair;
        } catch (error) {
          rows.push(errorRow(c.name, kind, targetOf(kind), error));
          details[`${kind}: ${c.name}`] = { error: String(error) };
        }
      }
    }
    return { rows, details };
  },
};
