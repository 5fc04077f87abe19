import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../packages/server/src/app.js';
import { createAdministrator, prepareDatabase } from '../../packages/server/src/bootstrap.js';
import { loadConfig } from '../../packages/server/src/config.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { newId } from '../../packages/server/src/platform/ids.js';
import { vacuumAndAnalyze } from '../../packages/server/src/platform/jobs/embedded-upkeep.js';
import { generateClientBase } from '../clients/generate-clients.js';
import { USER_PASSWORD } from '../generate.js';
import { measureApi, measureSql, rowOf, type ApiCase, type Measured } from '../lib/api-vs-sql.js';
import { capturingDatabase } from '../lib/capture.js';
import { benchConfig, injectLogin, openTargetDatabase } from '../lib/in-process.js';
import { stopChild } from '../lib/processes.js';
import { BENCH_ADMIN, freshTarget, login, startServer, type DbKind } from '../lib/server.js';
import { summarize } from '../stats.js';
import { generateTaskBase, type TaskBase } from '../tasks/generate-tasks.js';
import { runOnEachDatabase, type ResultRow, type Scenario, type ScenarioContext } from './types.js';

/**
 * The history of relations at scale (issue 5): millions of tasks over the client base. Cases, API beside the
 * SQL the server ran: a key client's timeline (10,000 tasks), this week's calendar of 20 employees as their
 * head, "my day" and the open-task list of the busiest manager; the database vacuumed and analyzed first, as
 * autovacuum or the embedded upkeep leaves it. Then the reminder scheduler: pending reminders written before
 * anything is measured (both sides of each case see them), a share of them moved to fall due in a burst
 * shortly after the server is up, and the delay between each one's time and its delivery read back.
 */
const PAGE_P95_MS = 50;
const REMINDER_P95_MS = 5_000;
const CALENDAR_USERS = 20;
/** How long after the reminders are written the burst falls due: the server's start-up must fit before it. */
const REMINDER_LEAD_MS = 150_000;
const REMINDER_SPREAD_MS = 30_000;

interface Fixtures {
  head: { id: string; email: string };
  calendarUsers: string[];
  busy: { id: string; email: string };
  keyClientId: string;
}

async function pickFixtures(db: Kysely<DB>, base: TaskBase): Promise<Fixtures> {
  const { rows: heads } = await sql<{ id: string; email: string }>`
    SELECT u.id, u.email FROM departments d JOIN users u ON u.id = d.head_id
    WHERE d.parent_id IS NULL AND u.active ORDER BY d.name, d.id LIMIT 1`.execute(db);
  const head = heads[0];
  if (!head) throw new Error('no active head of a top department in the data set');
  // The employees with the most tasks this week: the calendar a head opens to see who is busy.
  const { rows: users } = await sql<{ id: string }>`
    SELECT responsible_id AS id FROM tasks
    WHERE at >= date_trunc('week', now()) AND at < date_trunc('week', now()) + interval '7 days' AND deleted_at IS NULL
    GROUP BY responsible_id ORDER BY count(*) DESC, responsible_id LIMIT ${CALENDAR_USERS}`.execute(db);
  const { rows: busy } = await sql<{ id: string; email: string }>`
    SELECT u.id, u.email FROM users u JOIN tasks t ON t.responsible_id = u.id
    WHERE u.active AND t.status IN ('planned', 'in_progress') AND t.deleted_at IS NULL
    GROUP BY u.id, u.email ORDER BY count(*) DESC, u.id LIMIT 1`.execute(db);
  if (!busy[0] || users.length === 0) throw new Error('no open tasks in the data set');
  return { head, calendarUsers: users.map((u) => u.id), busy: busy[0], keyClientId: base.keyClientId };
}

/** Monday 00:00 of this week in Moscow (UTC+3, no daylight saving) and the Monday after, as ISO instants. */
function thisWeek(): { from: string; to: string } {
  const moscow = new Date(Date.now() + 3 * 3_600_000);
  const monday = Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth(), moscow.getUTCDate() - ((moscow.getUTCDay() + 6) % 7)) - 3 * 3_600_000;
  return { from: new Date(monday).toISOString(), to: new Date(monday + 7 * 86_400_000).toISOString() };
}

function buildCases(f: Fixtures, busyCookie: { injectCookie: string }): ApiCase[] {
  const week = thisWeek();
  return [
    { name: 'timeline: key client (10,000+ tasks), past, first page', path: `timeline?organizationId=${f.keyClientId}&section=past&limit=50`, p95Ms: PAGE_P95_MS },
    { name: 'timeline: key client, planned', path: `timeline?organizationId=${f.keyClientId}&section=planned&limit=50`, p95Ms: PAGE_P95_MS },
    {
      name: `calendar: this week of ${f.calendarUsers.length} employees, as their head`,
      path: `calendar?from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}&userIds=${f.calendarUsers.join(',')}`,
      p95Ms: PAGE_P95_MS,
    },
    { name: 'my day of the busiest manager', path: 'my-day', p95Ms: PAGE_P95_MS, as: busyCookie },
    { name: 'task list: mine, open, by time, first page (busiest manager)', path: 'tasks?view=mine&open=true&sort=at&limit=50', p95Ms: PAGE_P95_MS, as: busyCookie },
  ];
}

/** When the i-th of `due` burst reminders falls, from the burst's start (a fifth of them at one instant, as 9:00 meeting reminders are). */
const burstOffset = (i: number, due: number) => (i < due / 5 ? REMINDER_SPREAD_MS / 2 : Math.floor((i / due) * REMINDER_SPREAD_MS));

/**
 * Pending reminders on open tasks, written before anything is measured so both sides of every case see the
 * same table: most due days ahead, `due` of them (the burst) parked later today until `timeBurst` moves them
 * to just after the server's start. Answers the burst's ids in order.
 */
async function writeReminders(db: Kysely<DB>, pending: number, due: number, busyUserId: string): Promise<string[]> {
  const parkedAt = Date.now() + 20 * 60_000;
  // Not on the busy manager's tasks: their "my day" lists their own reminders, written apart (writeOwnReminders).
  const { rows: tasks } = await sql<{ id: string }>`
    SELECT id FROM tasks WHERE status = 'planned' AND deleted_at IS NULL
      AND responsible_id <> ${busyUserId} AND controller_id IS DISTINCT FROM ${busyUserId}
    ORDER BY id LIMIT ${pending}`.execute(db);
  if (tasks.length === 0) throw new Error('no planned tasks to remind of');
  const rows = Array.from({ length: pending }, (_, i) => {
    const remindAt = i < due ? parkedAt + burstOffset(i, due) : parkedAt + 86_400_000 * (1 + (i % 30));
    return { id: newId(), task_id: tasks[i % tasks.length]!.id, audience: 'responsible', anchor: 'absolute', offset_minutes: 0, remind_at: new Date(remindAt) };
  });
  for (let i = 0; i < rows.length; i += 5_000) await db.insertInto('task_reminders').values(rows.slice(i, i + 5_000)).execute();
  return rows.slice(0, due).map((r) => r.id);
}

/** Moves the burst to REMINDER_LEAD_MS from now: the server's start-up must fit before it. */
async function timeBurst(db: Kysely<DB>, ids: readonly string[]): Promise<{ burstStart: number; burstEnd: number }> {
  const burstStart = Date.now() + REMINDER_LEAD_MS;
  const times = ids.map((_, i) => new Date(burstStart + burstOffset(i, ids.length)).toISOString());
  await sql`UPDATE task_reminders r SET remind_at = b.at FROM unnest(${[...ids]}::uuid[], ${times}::timestamptz[]) AS b(id, at) WHERE r.id = b.id`.execute(db);
  return { burstStart, burstEnd: burstStart + REMINDER_SPREAD_MS };
}

/**
 * The busy manager's own reminders for later today (an hour from now, 20 of them), written before anything is
 * measured, so the "my day" the SQL side and the API side see lists the same reminders.
 */
async function writeOwnReminders(db: Kysely<DB>, userId: string): Promise<void> {
  const { rows: tasks } = await sql<{ id: string }>`
    SELECT id FROM tasks WHERE responsible_id = ${userId} AND status = 'planned' AND deleted_at IS NULL ORDER BY at, id LIMIT 20`.execute(db);
  const at = Date.now() + 3_600_000;
  const rows = tasks.map((t, i) => ({ id: newId(), task_id: t.id, audience: 'responsible', anchor: 'absolute', offset_minutes: 0, remind_at: new Date(at + i * 60_000) }));
  if (rows.length > 0) await db.insertInto('task_reminders').values(rows).execute();
}

async function reminderDelays(db: Kysely<DB>, burstEnd: number): Promise<{ delivered: number; due: number; delaysMs: number[] }> {
  const { rows } = await sql<{ delay_ms: number | null }>`
    SELECT (extract(epoch FROM fired_at - remind_at) * 1000)::float8 AS delay_ms FROM task_reminders
    WHERE remind_at <= ${new Date(burstEnd)}`.execute(db);
  const delaysMs = rows.filter((r) => r.delay_ms !== null).map((r) => r.delay_ms!);
  return { delivered: delaysMs.length, due: rows.length, delaysMs };
}

async function runOnDatabase(kind: DbKind, context: ScenarioContext): Promise<{ rows: ResultRow[]; details: Record<string, unknown> }> {
  const { scale, log } = context;
  const target = await freshTarget(kind, context.workDir, 'tasks');
  const details: Record<string, unknown> = {};
  const rows: ResultRow[] = [];
  try {
    let measured: Measured[];
    let fixtures: Fixtures;
    let burst: { burstStart: number; burstEnd: number };
    const database = await openTargetDatabase(target);
    try {
      await prepareDatabase(database.db);
      await createAdministrator(database.db, loadConfig({ DATA_DIR: context.workDir }), { ...BENCH_ADMIN, companyName: 'ООО «Бенчмарк»' });
      log(`  ${kind}: client base of ${scale.clientOrganizations.toLocaleString('en-US')} organizations, ${scale.clientPersons.toLocaleString('en-US')} persons`);
      await generateClientBase(
        database.db,
        { organizations: scale.clientOrganizations, persons: scale.clientPersons, users: scale.clientUsers, departments: scale.clientDepartments },
        () => {},
      );
      log(`  ${kind}: ${scale.tasks.toLocaleString('en-US')} tasks`);
      const base = await generateTaskBase(database.db, { tasks: scale.tasks, keyClientTasks: scale.keyClientTasks, years: 15, futureDays: 60 }, log);
      details.generator = { steps: base.steps, generateMs: base.generateMs };
      fixtures = await pickFixtures(database.db, base);
      details.fixtures = fixtures;
      await writeOwnReminders(database.db, fixtures.busy.id);
      const burstIds = await writeReminders(database.db, scale.pendingReminders, scale.dueReminders, fixtures.busy.id);
      // What autovacuum (PostgreSQL) or the nightly upkeep (PGlite) does to freshly loaded tables before anyone
      // opens a page: statistics gathered, pages marked all-visible.
      const upkeepStarted = performance.now();
      await vacuumAndAnalyze(database.db, { info: () => {}, warn: () => {}, error: () => {} });
      // The vacuum dirtied every page it marked; written back now rather than by a checkpoint during the timed requests.
      await sql`CHECKPOINT`.execute(database.db);
      details.upkeepMs = Math.round(performance.now() - upkeepStarted);
      log(`  ${kind}: vacuumed, analyzed and checkpointed in ${(details.upkeepMs as number / 1000).toFixed(1)} s`);
      const capture = capturingDatabase(database);
      const app = await buildApp({ config: benchConfig(context.workDir), database: capture.database, logger: false });
      await app.ready();
      try {
        const headCookie = await injectLogin(app, fixtures.head.email, USER_PASSWORD);
        const busyCookie = await injectLogin(app, fixtures.busy.email, USER_PASSWORD);
        measured = await measureSql(app, capture, database.db, headCookie, buildCases(fixtures, { injectCookie: busyCookie }), scale.clientWarmup, scale.clientIterations, log);
      } finally {
        await app.close();
      }
      burst = await timeBurst(database.db, burstIds);
      log(`  ${kind}: ${scale.pendingReminders.toLocaleString('en-US')} pending reminders, ${scale.dueReminders.toLocaleString('en-US')} due from ${new Date(burst.burstStart).toISOString()}`);
    } finally {
      await database.close();
    }

    const server = await startServer(target, context.workDir, { logLevel: 'warn', timeoutMs: REMINDER_LEAD_MS - 10_000 });
    try {
      const headCookie = await login(server.url, fixtures.head.email, USER_PASSWORD);
      const busyCookie = await login(server.url, fixtures.busy.email, USER_PASSWORD);
      for (const m of measured) if (m.clientCase.as) m.clientCase.as.httpCookie = busyCookie;
      await measureApi(server, headCookie, measured, scale.clientWarmup, scale.clientIterations, log);
      for (const m of measured) {
        rows.push(rowOf(kind, m));
        details[m.clientCase.name] = { path: m.clientCase.path, api: m.api, sql: m.sql, apiMatches: m.apiMatches, items: m.items, statements: m.statements, plan: m.plan };
      }
      // Wait out the burst and a grace period, then read the delivery times with the server stopped.
      const waitMs = burst.burstEnd + 20_000 - Date.now();
      if (waitMs > 0) await sleep(waitMs);
    } finally {
      await stopChild(server.child);
    }
    const reread = await openTargetDatabase(target);
    try {
      const { delivered, due, delaysMs } = await reminderDelays(reread.db, burst.burstEnd);
      const summary = delaysMs.length > 0 ? summarize(delaysMs) : null;
      details.reminders = { pending: scale.pendingReminders, due, delivered, summary };
      log(`  ${kind}: reminders delivered ${delivered} of ${due}${summary ? `, delay p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms` : ''}`);
      rows.push({
        scenario: `reminders: ${scale.pendingReminders.toLocaleString('en-US')} pending, ${due.toLocaleString('en-US')} due within ${REMINDER_SPREAD_MS / 1000} s (delay from due time to delivery)`,
        db: kind,
        api: summary ? { p50: summary.p50, p95: summary.p95, unit: 'ms' } : null,
        baseline: null,
        baselineIs: '—',
        ratio: null,
        target: `all delivered; p95 < ${REMINDER_P95_MS} ms`,
        pass: summary !== null && delivered === due && summary.p95 < REMINDER_P95_MS,
        ...(delivered < due ? { error: `${due - delivered} reminders were not delivered` } : {}),
      });
    } finally {
      await reread.close();
    }
    return { rows, details };
  } finally {
    await target.dispose();
  }
}

export const tasksScenario: Scenario = {
  id: 'tasks',
  title: 'History of relations: timeline, calendar, my day, task list, reminders (HTTP to kontakt start vs the same SQL alone)',
  run: (context) => runOnEachDatabase(context, { scenario: 'history of relations', target: '—' }, runOnDatabase),
};
