import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { baseUrl, freePort, HOST } from '../lib/http.js';
import { startLoadedServer } from '../lib/loaded-server.js';
import { readMemory, spawnNode, stopChild, waitForLogLine } from '../lib/processes.js';
import { ROOT, type DbKind } from '../lib/server.js';
import { errorRow, ratio, type ResultRow, type Scenario, type ScenarioContext } from './types.js';

const CONNECTIONS = 10;
const MIN_RATIO = 0.5;
const TARGET = `≥ ${MIN_RATIO}× hello`;
const HELLO_FIXTURE = path.join(ROOT, 'bench/fixtures/hello-server.mjs');

interface Load {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP97_5: number;
  latencyP99: number;
  total: number;
}

/** autocannon for `seconds` after an unrecorded warm-up (JIT, caches); any non-2xx answer voids the run. */
async function load(url: string, headers: Record<string, string>, seconds: number, warmupSeconds: number): Promise<Load> {
  if (!url.startsWith(`http://${HOST}:`)) throw new Error(`refusing to load anything but loopback: ${url}`);
  const options = { url, headers, connections: CONNECTIONS, pipelining: 1 };
  await autocannon({ ...options, duration: warmupSeconds });
  const result = await autocannon({ ...options, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors out of ${result['2xx'] + result.non2xx}`);
  }
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP97_5: result.latency.p97_5,
    latencyP99: result.latency.p99,
    total: result.requests.total,
  };
}

async function loadHello(context: ScenarioContext, label: string): Promise<Load> {
  const port = await freePort();
  const child = spawnNode([HELLO_FIXTURE], { PORT: String(port) }, path.join(context.workDir, `hello-${label}.log`), ROOT);
  try {
    await waitForLogLine(child, 'hello-server ready', 30_000);
    return await load(`${baseUrl(port)}/hello`, {}, context.scale.throughputSeconds, context.scale.throughputWarmupSeconds);
  } finally {
    await stopChild(child);
  }
}

async function loadMe(kind: DbKind, context: ScenarioContext, logLevel: string) {
  const loaded = await startLoadedServer(kind, context.workDir, `me-${logLevel}`, context.scale, logLevel);
  try {
    const result = await load(`${loaded.server.url}/api/v1/auth/me`, { cookie: loaded.cookie }, context.scale.throughputSeconds, context.scale.throughputWarmupSeconds);
    // Memory after a burst of load, once idle again: shows whether the load left anything behind.
    await sleep(context.scale.idleSeconds * 1000);
    return { ...result, memoryAfterLoad: readMemory(loaded.server.child.pid) };
  } finally {
    await loaded.dispose();
  }
}

export const meThroughputScenario: Scenario = {
  id: 'me-throughput',
  title: 'GET /api/v1/auth/me throughput vs a bare Fastify route',
  async run(context) {
    // Hello runs before and after the servers and the mean is the baseline: on a shared machine the
    // available CPU drifts during a run.
    const helloBefore = await loadHello(context, 'before');
    context.log(`  hello: ${Math.round(helloBefore.requestsPerSecond)} req/s`);
    const me: Record<string, unknown> = {};
    const measured: { kind: DbKind; logLevel: string; result?: Awaited<ReturnType<typeof loadMe>>; error?: unknown }[] = [];
    for (const kind of context.dbs) {
      // The server's default log level (info: two log lines per request), and warn to show what logging costs.
      for (const logLevel of ['info', 'warn']) {
        try {
          const result = await loadMe(kind, context, logLevel);
          context.log(`  ${kind} LOG_LEVEL=${logLevel}: ${Math.round(result.requestsPerSecond)} req/s`);
          measured.push({ kind, logLevel, result });
          me[`${kind}-${logLevel}`] = result;
        } catch (error) {
          measured.push({ kind, logLevel, error });
          me[`${kind}-${logLevel}`] = { error: String(error) };
        }
      }
    }
    const helloAfter = await loadHello(context, 'after');
    context.log(`  hello again: ${Math.round(helloAfter.requestsPerSecond)} req/s`);
    const hello = (helloBefore.requestsPerSecond + helloAfter.requestsPerSecond) / 2;

    const rows: ResultRow[] = measured.map(({ kind, logLevel, result, error }) => {
      const scenario = `GET /auth/me, ${CONNECTIONS} connections, LOG_LEVEL=${logLevel}`;
      // Only the default configuration carries the target; the warn row says what logging costs.
      const target = logLevel === 'info' ? TARGET : '—';
      if (!result) return errorRow(scenario, kind, target, error);
      const r = ratio(result.requestsPerSecond, hello);
      return {
        scenario,
        db: kind,
        api: { p50: result.requestsPerSecond, unit: 'req/s' },
        baseline: { p50: hello, unit: 'req/s' },
        baselineIs: 'bare Fastify GET /hello in its own node process, same autocannon settings (mean of a run before and after)',
        ratio: r,
        target,
        pass: logLevel === 'info' ? r !== null && r >= MIN_RATIO : null,
      };
    });
    return { rows, details: { connections: CONNECTIONS, seconds: context.scale.throughputSeconds, hello: { before: helloBefore, after: helloAfter }, me } };
  },
};
