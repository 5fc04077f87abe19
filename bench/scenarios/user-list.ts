import type { FastifyInstance } from 'fastify';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { normalizePermissions, USER_SORTS } from '@kontakt/shared';
import type { DB } from '../../packages/server/src/db/schema.js';
import { listUsers } from '../../packages/server/src/modules/users/users.queries.js';
import { USER_SORT_COLUMNS } from '../../packages/server/src/modules/users/users.service.js';
import { scopeFilter, type AccessSubject } from '../../packages/server/src/platform/access/access.js';
import { loadDepartmentScope } from '../../packages/server/src/platform/access/department-scope.js';
import { decodeCursor, parseSort } from '../../packages/server/src/platform/pagination.js';
import { generateDataset, type Dataset } from '../generate.js';
import { benchConfig, buildBenchApp, injectLogin, openFreshDatabase } from '../lib/in-process.js';
import type { DbKind } from '../lib/server.js';
import { summarize, type Summary } from '../stats.js';
import { errorRow, runOnEachDatabase, ratio, type ResultRow, type Scenario, type ScenarioContext } from './types.js';

const PAGE_SIZE = 50;
const TARGET_P95_MS = 30;
const TARGET = `API p95 < ${TARGET_P95_MS} ms`;


interface ListCase {
  name: string;
  /** Query string of the API call. */
  query: string;
  q?: string;
  cursor?: string;
}

/**
 * Kysely on a driver that executes nothing: running `listUsers` on it yields the compiled SQL and
 * parameters of exactly the query the API runs, which the benchmark then executes on the real database.
 */
function compileListUsers(subject: AccessSubject, listCase: ListCase): Promise<CompiledQuery> {
  let captured: CompiledQuery | undefined;
  const compiler: Kysely<DB> = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured = event.query;
    },
  });
  return listUsers(compiler, {
    scope: scopeFilter(subject, 'view', 'user'),
    q: listCase.q,
    sort: parseSort('name', USER_SORTS, USER_SORT_COLUMNS, ['lastLoginAt']),
    cursor: decodeCursor(listCase.cursor, 2),
    limit: PAGE_SIZE,
  }).then(() => {
    if (!captured) throw new Error('listUsers compiled no query');
    return captured;
  });
}

async function getPage(app: FastifyInstance, cookie: string, query: string): Promise<{ items: { id: string }[]; nextCursor: string | null }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/users?${query}`, headers: { cookie } });
  if (response.statusCode !== 200) throw new Error(`GET /api/v1/users?${query} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response.json();
}

/** Follows nextCursor from the first page; answers the cursor of page `page` (1-based). */
async function cursorOfPage(app: FastifyInstance, cookie: string, page: number): Promise<string> {
  let cursor: string | null = null;
  for (let p = 1; p < page; p++) {
    const result = await getPage(app, cookie, `limit=${PAGE_SIZE}&sort=name${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = result.nextCursor;
    if (!cursor) throw new Error(`the list ended after page ${p}`);
  }
  if (!cursor) throw new Error('deep page must be past page 1');
  return cursor;
}

interface CaseResult {
  api: Summary;
  sql: Summary;
  rows: number;
  plan: string[];
}

/** Times API call and raw SQL alternately, so drift (GC, a busy neighbour) hits both the same way. */
async function measureCase(app: FastifyInstance, db: Kysely<DB>, cookie: string, compiled: CompiledQuery, listCase: ListCase, warmup: number, iterations: number): Promise<CaseResult> {
  const url = `/api/v1/users?${listCase.query}`;
  const api = async () => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    return response;
  };

  // The API must answer the rows the raw SQL returns, or the comparison is of different work.
  const page = (await api()).json() as { items: { id: string }[] };
  const rows = (await db.executeQuery<{ id: string }>(compiled)).rows;
  const expected = rows.slice(0, PAGE_SIZE).map((r) => r.id);
  if (page.items.length !== expected.length || page.items.some((item, i) => item.id !== expected[i])) {
    throw new Error(`${listCase.name}: the API page differs from the raw SQL result`);
  }

  for (let i = 0; i < warmup; i++) {
    await api();
    await db.executeQuery(compiled);
  }
  const apiMs: number[] = [];
  const sqlMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await api();
    apiMs.push(performance.now() - t);
    t = performance.now();
    await db.executeQuery(compiled);
    sqlMs.push(performance.now() - t);
  }
  const explain = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]));
  return { api: summarize(apiMs), sql: summarize(sqlMs), rows: page.items.length, plan: explain.rows.map((r) => r['QUERY PLAN']) };
}

async function runOnDatabase(kind: DbKind, context: ScenarioContext) {
  const { scale } = context;
  const opened = await openFreshDatabase(kind, context.workDir, 'list');
  try {
    const { database } = opened;
    let dataset: Dataset | undefined;
    const { app, adminId } = await buildBenchApp(database, benchConfig(context.workDir), async () => {
      dataset = await generateDataset(database.db, { users: scale.users, departments: scale.departments });
    });
    try {
      context.log(`  ${kind}: ${dataset!.users} users in ${dataset!.departments} departments generated in ${Math.round(dataset!.generateMs)} ms`);
      const cookie = await injectLogin(app);
      const role = await database.db
        .selectFrom('users')
        .innerJoin('roles', 'roles.id', 'users.role_id')
        .select(['roles.permissions', 'users.department_id'])
        .where('users.id', '=', adminId)
        .executeTakeFirstOrThrow();
      const subject: AccessSubject = {
        userId: adminId,
        permissions: normalizePermissions(role.permissions),
        departmentScope: await loadDepartmentScope(database.db, adminId, role.department_id),
      };

      const pages = Math.ceil((scale.users + 1) / PAGE_SIZE);
      const deepPage = Math.max(2, Math.min(scale.deepPage, Math.floor(pages / 2)));
      const deepCursor = await cursorOfPage(app, cookie, deepPage);
      const term = dataset!.searchTerm;
      const cases: ListCase[] = [
        { name: 'user list: first page', query: `limit=${PAGE_SIZE}&sort=name` },
        { name: `user list: page ${deepPage}`, query: `limit=${PAGE_SIZE}&sort=name&cursor=${deepCursor}`, cursor: deepCursor },
        { name: `user list: q=«${term}» (${dataset!.searchMatches} matches)`, query: `limit=${PAGE_SIZE}&sort=name&q=${encodeURIComponent(term)}`, q: term },
      ];

      const rows: ResultRow[] = [];
      const details: Record<string, unknown> = { dataset, deepPage };
      for (const listCase of cases) {
        try {
          const compiled = await compileListUsers(subject, listCase);
          const result = await measureCase(app, database.db, cookie, compiled, listCase, scale.warmup, scale.iterations);
          context.log(`  ${kind}: ${listCase.name}: API p50 ${result.api.p50.toFixed(2)} ms, SQL p50 ${result.sql.p50.toFixed(2)} ms`);
          rows.push({
            scenario: listCase.name,
            db: kind,
            api: { p50: result.api.p50, p95: result.api.p95, unit: 'ms' },
            baseline: { p50: result.sql.p50, p95: result.sql.p95, unit: 'ms' },
            baselineIs: 'the same SQL (compiled by listUsers) executed directly through Kysely',
            ratio: ratio(result.api.p50, result.sql.p50),
            target: TARGET,
            pass: result.api.p95 < TARGET_P95_MS,
          });
          details[listCase.name] = { query: listCase.query, compiledSql: compiled.sql, parameters: compiled.parameters, ...result };
        } catch (error) {
          rows.push(errorRow(listCase.name, kind, TARGET, error));
        }
      }
      return { rows, details };
    } finally {
      await app.close();
    }
  } finally {
    await opened.dispose();
  }
}

export const userListScenario: Scenario = {
  id: 'user-list',
  title: 'User list (in-process app.inject vs raw SQL)',
  run: (context) => runOnEachDatabase(context, { scenario: 'user list', target: TARGET }, runOnDatabase),
};
