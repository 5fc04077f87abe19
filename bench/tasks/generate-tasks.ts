import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.js';
import { hash, idMaker, textArray } from '../clients/sql-parts.js';

/**
 * The history of relations at scale: tasks over the generated client base, written set-based (one
 * `INSERT … SELECT generate_series` per part) with the tasks table's secondary indexes dropped for the load
 * and built afterwards, like the client base.
 *
 * - Every task belongs to a client: 60 % to a contact person (and so to the person's organization, as the
 *   app stores it), the rest to an organization alone; its responsible is the client's manager.
 * - Moments are office hours (09:00–17:30 Moscow, weekends included) over `years` back and `futureDays` ahead, so a
 *   manager of the 50 has about 25 tasks a working day; past tasks are done (4 % cancelled) with a result
 *   of their type, future ones planned.
 * - One organization (the "key client") gets `keyClientTasks` more, for the timeline case.
 * - Triggers are off for the load (`session_replication_role`), so the statements write each task's copy of
 *   its client's name themselves, as the trigger of migration 0013 would.
 */
export interface TaskBaseSize {
  tasks: number;
  keyClientTasks: number;
  years: number;
  futureDays: number;
}

export interface TaskBase {
  size: TaskBaseSize;
  keyClientId: string;
  steps: { step: string; ms: number; rows?: number }[];
  generateMs: number;
}

const TAG = { task: '1a8', keyTask: '1b9' };

const TITLES: Record<string, string[]> = {
  call: ['Звонок: уточнить потребность', 'Звонок по коммерческому предложению', 'Звонок по оплате счёта', 'Звонок: договориться о встрече'],
  meeting: ['Встреча в офисе клиента', 'Встреча с закупщиком'],
  letter: ['Письмо с каталогом'],
  email: ['Отправить спецификацию', 'Ответ на запрос по e-mail'],
  fax: ['Отправить счёт по факсу'],
  demo: ['Демонстрация образцов'],
  presentation: ['Презентация новой линейки'],
  negotiation: ['Переговоры о скидке'],
  offer: ['Коммерческое предложение'],
  task: ['Подготовить договор', 'Проверить остатки на складе'],
};
/** Type keys repeated by weight: calls dominate a sales team's history. */
const TYPE_WEIGHTS: [string, number][] = [['call', 50], ['email', 12], ['meeting', 12], ['offer', 8], ['task', 6], ['negotiation', 5], ['letter', 4], ['demo', 3], ['presentation', 3], ['fax', 1]];

async function timed<T>(steps: TaskBase['steps'], log: (m: string) => void, step: string, work: () => Promise<T>, rows?: (r: T) => number): Promise<T> {
  const t = performance.now();
  const result = await work();
  const entry = { step, ms: performance.now() - t, ...(rows ? { rows: rows(result) } : {}) };
  steps.push(entry);
  log(`    ${step}: ${(entry.ms / 1000).toFixed(2)} s${entry.rows !== undefined ? ` (${entry.rows.toLocaleString('en-US')} rows)` : ''}`);
  return result;
}

async function tasksSecondaryIndexes(trx: Transaction<DB>): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = 'tasks'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.indexname`.execute(trx);
  return rows;
}

export async function generateTaskBase(db: Kysely<DB>, size: TaskBaseSize, log: (m: string) => void = () => {}): Promise<TaskBase> {
  const startedAt = performance.now();
  const steps: TaskBase['steps'] = [];
  const types = await db.selectFrom('task_types').select(['id', 'key', 'results']).where('key', 'is not', null).execute();
  const typeKeys = TYPE_WEIGHTS.flatMap(([key, weight]) => Array.from({ length: weight }, () => key));
  const typeRow = (key: string) => types.find((t) => t.key === key)!;
  // Per weighted slot: the type id, its first two results (the usual outcomes) and a title list.
  const typeIds = textArray(typeKeys.map((k) => typeRow(k).id));
  const firstResult = textArray(typeKeys.map((k) => typeRow(k).results[0]!.key));
  const otherResult = textArray(typeKeys.map((k) => typeRow(k).results[1]?.key ?? typeRow(k).results[0]!.key));
  const titles = textArray(typeKeys.map((k) => TITLES[k]![0]!));
  const altTitles = textArray(typeKeys.map((k) => TITLES[k]![TITLES[k]!.length - 1]!));
  const isTask = textArray(typeKeys.map((k) => (k === 'task' ? 't' : 'f')));
  const id = idMaker();
  const spanDays = Math.round(size.years * 365) + size.futureDays;

  let keyClientId = '';
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await timed(steps, log, 'numbered clients', async () => {
      await sql`CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id)::int AS n, id, responsible_id, name FROM organizations
        WHERE deleted_at IS NULL AND responsible_id IS NOT NULL`.execute(trx);
      await sql`CREATE TEMP TABLE bench_persons ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY p.id)::int AS n, p.id, p.organization_id, p.responsible_id,
               coalesce(o.name, p.full_name) AS client_name
        FROM persons p LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE p.deleted_at IS NULL AND p.responsible_id IS NOT NULL`.execute(trx);
      await sql`CREATE UNIQUE INDEX ON bench_orgs (n)`.execute(trx);
      await sql`CREATE UNIQUE INDEX ON bench_persons (n)`.execute(trx);
      await sql`ANALYZE bench_orgs`.execute(trx);
      await sql`ANALYZE bench_persons`.execute(trx);
    });
    const { rows: counts } = await sql<{ o: number; p: number; key: string }>`
      SELECT (SELECT count(*)::int FROM bench_orgs) AS o, (SELECT count(*)::int FROM bench_persons) AS p,
             (SELECT id FROM bench_orgs WHERE n = 1) AS key`.execute(trx);
    const { o: O, p: P, key } = counts[0]!;
    keyClientId = key;
    const indexes = await tasksSecondaryIndexes(trx);
    await timed(steps, log, `drop ${indexes.length} secondary indexes of tasks`, async () => {
      for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(trx);
    });

    // Shared by both statements: the task's type slot, moment and state, from its number k.
    const columns = (k: string, tag: string) => sql`
      ${id(tag, k)}, (${typeIds})[1 + t.slot]::uuid,
      CASE WHEN ${hash(k, 9, 2)} = 0 THEN (${titles})[1 + t.slot] ELSE (${altTitles})[1 + t.slot] END,
      CASE WHEN t.past THEN CASE WHEN ${hash(k, 10, 25)} = 0 THEN 'cancelled' ELSE 'done' END ELSE 'planned' END,
      (ARRAY['low','normal','normal','normal','normal','normal','high'])[1 + ${hash(k, 11, 7)}],
      CASE WHEN t.past AND (${isTask})[1 + t.slot] = 'f' THEN 1 + ${hash(k, 12, 5)} END,
      CASE WHEN (${isTask})[1 + t.slot] = 'f' THEN CASE WHEN ${hash(k, 13, 4)} = 0 THEN 'inbound' ELSE 'outbound' END END,
      t.start, t.start + make_interval(mins => t.minutes),
      CASE WHEN t.past THEN t.start + make_interval(mins => t.minutes) END,
      CASE WHEN t.past THEN t.minutes END,
      CASE WHEN t.past THEN CASE WHEN ${hash(k, 14, 3)} = 0 THEN (${otherResult})[1 + t.slot] ELSE (${firstResult})[1 + t.slot] END END,
      t.start - interval '2 days', t.start`;
    const moment = (k: string) => sql`CROSS JOIN LATERAL (SELECT
        ${hash(k, 2, typeKeys.length)} AS slot,
        date_trunc('day', now()) + make_interval(days => ${hash(k, 3, spanDays)} - ${sql.lit(spanDays - size.futureDays)},
                                                 hours => 6 + ${hash(k, 4, 9)}, mins => 30 * ${hash(k, 5, 2)}) AS start,
        5 + 5 * ${hash(k, 6, 12)} AS minutes) AS t0
      CROSS JOIN LATERAL (SELECT t0.*, t0.start < now() AS past OFFSET 0) AS t`;
    const target = sql`INSERT INTO tasks (id, type_id, title, status, priority, interest, direction, starts_at, ends_at, completed_at,
                                          minutes_spent, result_key, created_at, accepted_at, organization_id, person_id, client_name, responsible_id, created_by)`;

    await timed(steps, log, `tasks (${size.tasks.toLocaleString('en-US')})`, async () =>
      Number(
        (
          await sql`${target}
            SELECT ${columns('k', TAG.task)}, coalesce(p.organization_id, o.id), p.id, coalesce(p.client_name, o.name),
                   coalesce(p.responsible_id, o.responsible_id), coalesce(p.responsible_id, o.responsible_id)
            FROM generate_series(1, ${sql.lit(size.tasks)}) AS s(k)
            ${moment('k')}
            LEFT JOIN bench_persons p ON ${hash('k', 7, 10)} < 6 AND p.n = 1 + ${hash('k', 8, P)}
            LEFT JOIN bench_orgs o ON ${hash('k', 7, 10)} >= 6 AND o.n = 1 + ${hash('k', 8, O)}`.execute(trx)
        ).numAffectedRows ?? 0n,
      ),
      (n) => n,
    );
    await timed(steps, log, `key client's tasks (${size.keyClientTasks.toLocaleString('en-US')})`, async () =>
      Number(
        (
          await sql`${target}
            SELECT ${columns('k', TAG.keyTask)}, o.id, NULL, o.name, o.responsible_id, o.responsible_id
            FROM generate_series(1, ${sql.lit(size.keyClientTasks)}) AS s(k)
            ${moment('k')}
            JOIN bench_orgs o ON o.n = 1`.execute(trx)
        ).numAffectedRows ?? 0n,
      ),
      (n) => n,
    );
    for (const index of indexes) {
      await timed(steps, log, `index ${index.name}`, () => sql.raw(index.definition).execute(trx));
    }
  });
  await sql`ANALYZE tasks`.execute(db);
  return { size, keyClientId, steps, generateMs: performance.now() - startedAt };
}
