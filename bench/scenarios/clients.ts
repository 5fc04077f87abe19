import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../packages/server/src/app.js';
import { createAdministrator, prepareDatabase } from '../../packages/server/src/bootstrap.js';
import { loadConfig } from '../../packages/server/src/config.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { generateClientBase, type ClientBase } from '../clients/generate-clients.js';
import { USER_PASSWORD } from '../generate.js';
import { capturingDatabase } from '../lib/capture.js';
import { benchConfig, injectLogin, openTargetDatabase } from '../lib/in-process.js';
import { stopChild } from '../lib/processes.js';
import { BENCH_ADMIN, freshTarget, login, startServer, type DbKind } from '../lib/server.js';
import { runImport, sqlImportRowsPerSecond, type ImportResult } from './clients-import.js';
import { errorRow, runOnEachDatabase, type ResultRow, type Scenario, type ScenarioContext } from './types.js';
import { injectGet, measureApi, measureSql, rowOf, type ApiCase, type Measured } from '../lib/api-vs-sql.js';

const PAGE_SIZE = 50;
/** How many pages the deep-page cases follow `nextCursor` (fewer when the filtered list is shorter). */
const DEEP_PAGES = 20;
const LIST_P95_MS = 50;
const CARD_P95_MS = 30;
const IMPORT_ROWS_PER_SECOND = 5_000;

type ClientCase = ApiCase;

/** The user the cases run as, and what they may see: a head of a department at the bottom of the tree. */
interface Fixtures {
  head: { id: string; email: string; departmentId: string; departmentName: string };
  departmentUsers: string[];
  organization: { id: string; name: string; inn: string };
  person: { id: string; lastName: string; firstName: string; phone: string };
  visibleShare: number;
}

async function pickFixtures(db: Kysely<DB>): Promise<Fixtures> {
  const head = (
    await sql<{ id: string; email: string; department_id: string; name: string }>`
      SELECT u.id, u.email, d.id AS department_id, d.name
      FROM departments d JOIN users u ON u.id = d.head_id
      WHERE d.parent_id IS NOT NULL AND u.active AND NOT EXISTS (SELECT 1 FROM departments c WHERE c.parent_id = d.id)
      ORDER BY d.name, d.id LIMIT 1`.execute(db)
  ).rows[0];
  if (!head) throw new Error('no active head of a leaf department in the data set');
  const departmentUsers = (await db.selectFrom('users').select('id').where('department_id', '=', head.department_id).orderBy('id').execute()).map((u) => u.id);
  const organization = (
    await sql<{ id: string; name: string; inn: string }>`
      SELECT o.id, o.name, o.inn FROM organizations o
      WHERE o.responsible_id = ANY(${departmentUsers}::uuid[]) AND o.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM persons p WHERE p.organization_id = o.id AND p.deleted_at IS NULL)
      ORDER BY md5(o.id::text) LIMIT 1`.execute(db)
  ).rows[0];
  const person = (
    await sql<{ id: string; last_name: string; first_name: string; phone: string }>`
      SELECT p.id, p.last_name, p.first_name, cp.normalized AS phone FROM persons p
      JOIN contact_points cp ON cp.owner_id = p.id AND cp.kind = 'phone' AND cp.normalized ~ '^\\+79[0-9]{9}$'
      WHERE p.responsible_id = ANY(${departmentUsers}::uuid[]) AND p.deleted_at IS NULL AND p.organization_id IS NOT NULL
        AND length(p.last_name) >= 7
      ORDER BY md5(p.id::text) LIMIT 1`.execute(db)
  ).rows[0];
  if (!organization || !person) throw new Error('the department sees no organization with persons, or no person with a mobile phone');
  const share = (
    await sql<{ share: number }>`SELECT (count(*) FILTER (WHERE responsible_id = ANY(${departmentUsers}::uuid[])))::float / greatest(count(*), 1) AS share FROM persons`.execute(db)
  ).rows[0]!.share;
  return {
    head: { id: head.id, email: head.email, departmentId: head.department_id, departmentName: head.name },
    departmentUsers,
    organization,
    person: { id: person.id, lastName: person.last_name, firstName: person.first_name, phone: person.phone },
    visibleShare: share,
  };
}

/** "+79161234567" as "8 916 123-45-67": a format the generator never stores. */
const otherPhoneFormat = (e164: string) => `8 ${e164.slice(2, 5)} ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10, 12)}`;

/** The surname with one inner letter dropped, as a hurried typist does, then the first name. */
const withTypo = (last: string, first: string) => `${last.slice(0, 4)}${last.slice(5)} ${first}`;

const filterParam = (conditions: unknown[]) => encodeURIComponent(JSON.stringify({ match: 'all', conditions }));

/** Follows nextCursor up to `pages` pages; answers the last cursor and the page it opens. */
async function deepCursor(app: FastifyInstance, cookie: string, path: string, pages: number): Promise<{ cursor: string; page: number } | null> {
  let cursor: string | null = null;
  let page = 1;
  for (; page <= pages; page++) {
    const body = (await injectGet(app, cookie, `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)) as { nextCursor: string | null };
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return cursor ? { cursor, page: Math.min(page, pages + 1) } : null;
}

async function buildCases(app: FastifyInstance, cookie: string, f: Fixtures): Promise<ClientCase[]> {
  const orgList = `organizations?limit=${PAGE_SIZE}&sort=name&filter=${filterParam([{ field: 'kind', op: 'in', value: ['client'] }])}`;
  const personList = `persons?limit=${PAGE_SIZE}&sort=name&filter=${filterParam([{ field: 'responsible', op: 'in', value: f.departmentUsers }])}`;
  const cases: ClientCase[] = [
    { name: 'organizations: kind = client, by name, first page', path: orgList, p95Ms: LIST_P95_MS },
    { name: 'persons: responsible in the department, by name, first page', path: personList, p95Ms: LIST_P95_MS },
  ];
  const orgDeep = await deepCursor(app, cookie, orgList, DEEP_PAGES);
  if (orgDeep) cases.splice(1, 0, { name: `organizations: kind = client, by name, page ${orgDeep.page}`, path: `${orgList}&cursor=${encodeURIComponent(orgDeep.cursor)}`, p95Ms: LIST_P95_MS });
  const personDeep = await deepCursor(app, cookie, personList, DEEP_PAGES);
  if (personDeep) cases.push({ name: `persons: responsible in the department, by name, page ${personDeep.page}`, path: `${personList}&cursor=${encodeURIComponent(personDeep.cursor)}`, p95Ms: LIST_P95_MS });
  const fragment = f.person.lastName.slice(0, 5).toLowerCase();
  const typo = withTypo(f.person.lastName, f.person.firstName);
  const phone = otherPhoneFormat(f.person.phone);
  cases.push(
    { name: `search: name fragment «${fragment}»`, path: `search?q=${encodeURIComponent(fragment)}`, p95Ms: LIST_P95_MS },
    { name: `search: typo «${typo}»`, path: `search?q=${encodeURIComponent(typo)}`, p95Ms: LIST_P95_MS },
    { name: `search: phone «${phone}»`, path: `search?q=${encodeURIComponent(phone)}`, p95Ms: LIST_P95_MS },
    { name: `search: INN ${f.organization.inn}`, path: `search?q=${f.organization.inn}`, p95Ms: LIST_P95_MS },
    { name: 'organization card', path: `organizations/${f.organization.id}`, p95Ms: CARD_P95_MS },
    { name: 'person card', path: `persons/${f.person.id}`, p95Ms: CARD_P95_MS },
  );
  return cases;
}

function importRow(kind: DbKind, result: ImportResult): ResultRow {
  return {
    scenario: `import: ${result.rows.toLocaleString('en-US')}-row CSV of organizations (upload, preview, commit, poll)`,
    db: kind,
    api: { p50: result.rowsPerSecond, unit: 'rows/s' },
    baseline: result.sqlRowsPerSecond === null ? null : { p50: result.sqlRowsPerSecond, unit: 'rows/s' },
    baselineIs: 'the same rows written by multi-row INSERTs of 10,000 (organization, phone, e-mail, address) in one transaction, rolled back',
    ratio: result.sqlRowsPerSecond ? result.rowsPerSecond / result.sqlRowsPerSecond : null,
    target: `≥ ${IMPORT_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s`,
    pass: result.rowsPerSecond >= IMPORT_ROWS_PER_SECOND,
  };
}

async function runOnDatabase(kind: DbKind, context: ScenarioContext): Promise<{ rows: ResultRow[]; details: Record<string, unknown> }> {
  const { scale, log } = context;
  const target = await freshTarget(kind, context.workDir, 'clients');
  const details: Record<string, unknown> = {};
  const rows: ResultRow[] = [];
  try {
    // 1. Load the base, pick the fixtures, capture and time the raw SQL in this process.
    const database = await openTargetDatabase(target);
    let measured: Measured[];
    let fixtures: Fixtures;
    let base: ClientBase;
    let sqlImport: number | null = null;
    try {
      await prepareDatabase(database.db);
      await createAdministrator(database.db, loadConfig({ DATA_DIR: context.workDir }), { ...BENCH_ADMIN, companyName: 'ООО «Бенчмарк»' });
      log(`  ${kind}: generating ${scale.clientOrganizations.toLocaleString('en-US')} organizations, ${scale.clientPersons.toLocaleString('en-US')} persons`);
      base = await generateClientBase(
        database.db,
        { organizations: scale.clientOrganizations, persons: scale.clientPersons, users: scale.clientUsers, departments: scale.clientDepartments },
        log,
      );
      log(`  ${kind}: client base generated in ${(base.generateMs / 1000).toFixed(1)} s: ${JSON.stringify(base.counts)}`);
      fixtures = await pickFixtures(database.db);
      details.fixtures = fixtures;
      const capture = capturingDatabase(database);
      const app = await buildApp({ config: benchConfig(context.workDir), database: capture.database, logger: false });
      await app.ready();
      try {
        const cookie = await injectLogin(app, fixtures.head.email, USER_PASSWORD);
        const cases = await buildCases(app, cookie, fixtures);
        log(`  ${kind}: raw SQL of ${cases.length} cases as the head of «${fixtures.head.departmentName}» (sees ${(fixtures.visibleShare * 100).toFixed(0)} % of persons)`);
        measured = await measureSql(app, capture, database.db, cookie, cases, scale.clientWarmup, scale.clientIterations, log);
      } finally {
        await app.close();
      }
      sqlImport = await sqlImportRowsPerSecond(database.db, scale.clientOrganizations, scale.importRows, fixtures.head.id);
      log(`  ${kind}: raw SQL import baseline ${Math.round(sqlImport).toLocaleString('en-US')} rows/s`);
    } finally {
      await database.close();
    }
    details.generator = { steps: base.steps, counts: base.counts, generateMs: base.generateMs };

    // 2. The same requests over HTTP to `kontakt start` on that database.
    const server = await startServer(target, context.workDir, { logLevel: 'warn', timeoutMs: 180_000 });
    try {
      const cookie = await login(server.url, fixtures.head.email, USER_PASSWORD);
      await measureApi(server, cookie, measured, scale.clientWarmup, scale.clientIterations, log);
      for (const m of measured) {
        rows.push(rowOf(kind, m));
        details[m.clientCase.name] = { path: m.clientCase.path, api: m.api, sql: m.sql, apiMatches: m.apiMatches, items: m.items, statements: m.queries.map((q) => ({ sql: q.sql, parameters: q.parameters })), plan: m.plan };
      }
      try {
        const result = await runImport(server, fixtures.head.email, USER_PASSWORD, scale.clientOrganizations, scale.importRows, log);
        result.sqlRowsPerSecond = sqlImport;
        rows.push(importRow(kind, result));
        details.import = result;
      } catch (error) {
        rows.push(errorRow('import', kind, `≥ ${IMPORT_ROWS_PER_SECOND} rows/s`, error));
        details.import = { error: String(error) };
      }
    } finally {
      await stopChild(server.child);
    }
    return { rows, details };
  } finally {
    await target.dispose();
  }
}

export const clientsScenario: Scenario = {
  id: 'clients',
  title: 'Client base: lists, search, cards, import (HTTP to kontakt start vs the same SQL alone)',
  run: (context) => runOnEachDatabase(context, { scenario: 'client base', target: '—' }, runOnDatabase),
};
