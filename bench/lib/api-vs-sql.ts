import type { FastifyInstance } from 'fastify';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.js';
import { summarize, type Summary } from '../stats.js';
import { ratio, type ResultRow } from '../scenarios/types.js';
import { capturingDatabase, replay } from './capture.js';
import type { DbKind, RunningServer } from './server.js';

/**
 * The API-beside-SQL measurement the data scenarios share: each case's statements are captured from the app
 * built in-process (one `app.inject`), timed executed alone, then the same request is timed over HTTP against
 * `kontakt start` on the same database. The ratio of the two says what the application adds.
 */
export const OVERHEAD_FACTOR = 1.5;
export const OVERHEAD_PLUS_MS = 2;

export interface ApiCase {
  name: string;
  /** Path and query under /api/v1. */
  path: string;
  p95Ms: number;
  /** Who asks, when not the scenario's default user: the session cookie in-process and over HTTP. */
  as?: { injectCookie: string; httpCookie?: string };
}

export async function injectGet(app: FastifyInstance, cookie: string, path: string): Promise<unknown> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/${path}`, headers: { cookie } });
  if (response.statusCode !== 200) throw new Error(`GET /api/v1/${path} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response.json();
}

export interface Measured {
  clientCase: ApiCase;
  queries: CompiledQuery[];
  /** What the in-process app answered, to check the spawned server answers the same. */
  expected: string;
  sql: Summary;
  api?: Summary;
  apiMatches?: boolean;
  items?: number;
  plan?: string[];
  /** Each statement timed once alone (its first words and ms), to see where a request's SQL time goes. */
  statements?: { sql: string; ms: number }[];
}

/** In-process: captures each case's statements through app.inject, then times them executed alone. */
export async function measureSql(app: FastifyInstance, capture: ReturnType<typeof capturingDatabase>, db: Kysely<DB>, cookie: string, cases: ApiCase[], warmup: number, iterations: number, log: (m: string) => void): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const clientCase of cases) {
    const asCookie = clientCase.as?.injectCookie ?? cookie;
    await injectGet(app, asCookie, clientCase.path);
    const { result, queries } = await capture.capture(() => injectGet(app, asCookie, clientCase.path));
    if (queries.length === 0) throw new Error(`${clientCase.name}: no SQL captured`);
    for (let i = 0; i < warmup; i++) await replay(db, queries);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await replay(db, queries);
      samples.push(performance.now() - t);
    }
    // The plan of the costliest statement, for latest.json.
    let slowest = { ms: -1, index: 0 };
    const statements: { sql: string; ms: number }[] = [];
    for (const [index, query] of queries.entries()) {
      const t = performance.now();
      await replay(db, [query]);
      const ms = performance.now() - t;
      statements.push({ sql: query.sql.replace(/\s+/g, ' ').trim().slice(0, 120), ms: Math.round(ms * 100) / 100 });
      if (ms > slowest.ms) slowest = { ms, index };
    }
    const q = queries[slowest.index]!;
    const plan = /^\s*(select|with)/i.test(q.sql)
      ? (await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]))).rows.map((r) => r['QUERY PLAN'])
      : [];
    const sqlSummary = summarize(samples);
    const items = (result as { items?: unknown[] }).items?.length;
    log(`    ${clientCase.name}: SQL p50 ${sqlSummary.p50.toFixed(2)} ms (${queries.length} statements${items !== undefined ? `, ${items} items` : ''})`);
    measured.push({ clientCase, queries, expected: JSON.stringify(result), sql: sqlSummary, plan, statements, ...(items !== undefined ? { items } : {}) });
  }
  return measured;
}

export async function timedGet(server: RunningServer, cookie: string, path: string): Promise<{ ms: number; body: string }> {
  const t = performance.now();
  const response = await fetch(`${server.url}/api/v1/${path}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  const ms = performance.now() - t;
  if (response.status !== 200) throw new Error(`GET /api/v1/${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

export async function measureApi(server: RunningServer, cookie: string, measured: Measured[], warmup: number, iterations: number, log: (m: string) => void): Promise<void> {
  for (const m of measured) {
    const as = m.clientCase.as?.httpCookie ?? cookie;
    const first = await timedGet(server, as, m.clientCase.path);
    m.apiMatches = JSON.stringify(JSON.parse(first.body)) === m.expected;
    for (let i = 0; i < warmup; i++) await timedGet(server, as, m.clientCase.path);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) samples.push((await timedGet(server, as, m.clientCase.path)).ms);
    m.api = summarize(samples);
    log(`    ${m.clientCase.name}: API p50 ${m.api.p50.toFixed(2)} ms, p95 ${m.api.p95.toFixed(2)} ms${m.apiMatches ? '' : ' (answer differs from the in-process one)'}`);
  }
}

export function rowOf(kind: DbKind, m: Measured): ResultRow {
  const api = m.api!;
  const allowed = OVERHEAD_FACTOR * m.sql.p50 + OVERHEAD_PLUS_MS;
  return {
    scenario: m.clientCase.name,
    db: kind,
    api: { p50: api.p50, p95: api.p95, unit: 'ms' },
    baseline: { p50: m.sql.p50, p95: m.sql.p95, unit: 'ms' },
    baselineIs: "the statements the server ran for the same request (captured from the app in-process), executed alone",
    ratio: ratio(api.p50, m.sql.p50),
    target: `p95 < ${m.clientCase.p95Ms} ms; p50 ≤ ${OVERHEAD_FACTOR}× SQL + ${OVERHEAD_PLUS_MS} ms`,
    pass: api.p95 < m.clientCase.p95Ms && api.p50 <= allowed,
  };
}

