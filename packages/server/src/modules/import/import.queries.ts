import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClientType, ImportMapping } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { scopeFilter, type AccessSubject } from '../../platform/access/access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Lookups by value lists go in chunks: one query per 5,000 values, never one per row. */
const CHUNK = 5_000;

async function chunked<T, R>(values: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await run(values.slice(i, i + CHUNK))));
  return out;
}

export async function insertJob(
  db: Executor,
  job: { id: string; objectType: ClientType; fileName: string; file: Buffer; totalRows: number; createdBy: string; options: Record<string, unknown> },
) {
  await db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      object_type: job.objectType,
      status: 'uploaded',
      file_name: job.fileName,
      file: toBytea(job.file),
      total_rows: job.totalRows,
      created_by: job.createdBy,
      options: JSON.stringify(job.options),
    })
    .execute();
}

const JOB_COLUMNS = [
  'id', 'object_type', 'status', 'file_name', 'options', 'total_rows', 'processed_rows', 'created_count', 'updated_count',
  'skipped_count', 'rejected_count', 'error', 'created_by', 'created_at', 'started_at', 'finished_at',
] as const;

export async function findJob(db: Executor, id: string) {
  return db
    .selectFrom('import_jobs')
    .select([...JOB_COLUMNS, sql<boolean>`report IS NOT NULL`.as('has_report')])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

/**
 * Files travel as base64 text, decoded by the database: PGlite takes a 3 MB bytea parameter in ~7 s and a
 * base64 one in ~0.5 s (measured), and PostgreSQL does not mind either way.
 */
const toBytea = (bytes: Buffer) => sql<Buffer>`decode(${bytes.toString('base64')}, 'base64')`;
const fromBytea = (column: 'file' | 'report') => sql<string | null>`encode(${sql.ref(column)}, 'base64')`;
const asBuffer = (base64: string | null) => (base64 === null ? null : Buffer.from(base64, 'base64'));

export async function findJobFile(db: Executor, id: string) {
  const row = await db.selectFrom('import_jobs').select(fromBytea('file').as('file')).where('id', '=', id).executeTakeFirst();
  return row && { file: asBuffer(row.file) };
}

export async function findJobReport(db: Executor, id: string) {
  const row = await db
    .selectFrom('import_jobs')
    .select([fromBytea('report').as('report'), 'file_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { fileName: row.file_name, report: asBuffer(row.report) };
}

export async function listJobs(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom('import_jobs')
    .select([...JOB_COLUMNS, sql<boolean>`report IS NOT NULL`.as('has_report')])
    .where('created_by', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The user's latest mapping for this object type (saved with each preview), to suggest it again. */
export async function findLastMapping(db: Executor, userId: string, objectType: ClientType) {
  const row = await db
    .selectFrom('import_jobs')
    .select('options')
    .where('created_by', '=', userId)
    .where('object_type', '=', objectType)
    .where(sql<boolean>`options ? 'mapping'`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const options = row?.options as { headers?: string[]; mapping?: ImportMapping } | undefined;
  return options?.headers && options.mapping ? { headers: options.headers, mapping: options.mapping } : undefined;
}

export async function mergeJobOptions(db: Executor, id: string, options: Record<string, unknown>) {
  await sql`UPDATE import_jobs SET options = options || ${JSON.stringify(options)}::jsonb WHERE id = ${id}`.execute(db);
}

/** Moves a job to running unless another request already did; false when it was not in a startable state. */
export async function claimJob(db: Executor, id: string, options: Record<string, unknown>): Promise<boolean> {
  const result = await sql`
    UPDATE import_jobs
       SET status = 'running', started_at = now(), finished_at = NULL, error = NULL, processed_rows = 0,
           options = options || ${JSON.stringify({ ...options, heartbeatAt: new Date().toISOString() })}::jsonb
     WHERE id = ${id} AND status IN ('uploaded', 'rejected', 'failed')`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function updateJobProgress(db: Executor, id: string, processed: number) {
  await sql`
    UPDATE import_jobs
       SET processed_rows = ${processed},
           options = options || jsonb_build_object('heartbeatAt', now())
     WHERE id = ${id} AND status = 'running'`.execute(db);
}

export async function finishJob(
  db: Executor,
  id: string,
  result: {
    status: 'done' | 'rejected' | 'failed';
    processed?: number;
    created?: number;
    updated?: number;
    skipped?: number;
    rejected?: number;
    report?: Buffer | null;
    error?: string | null;
    dropFile?: boolean;
  },
) {
  await db
    .updateTable('import_jobs')
    .set({
      status: result.status,
      ...(result.processed !== undefined ? { processed_rows: result.processed } : {}),
      created_count: result.created ?? 0,
      updated_count: result.updated ?? 0,
      skipped_count: result.skipped ?? 0,
      rejected_count: result.rejected ?? 0,
      report: result.report ? toBytea(result.report) : null,
      error: result.error ?? null,
      finished_at: new Date(),
      ...(result.dropFile ? { file: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The runner's "still alive" mark, so another instance starting up does not fail a job that is running. */
export async function touchJob(db: Executor, id: string) {
  await sql`UPDATE import_jobs SET options = options || jsonb_build_object('heartbeatAt', now()) WHERE id = ${id} AND status = 'running'`.execute(db);
}

/**
 * Jobs a dead process left running. On the embedded database only this process can run them, so every
 * running job is dead; on a shared PostgreSQL, only those whose runner stopped sending heartbeats.
 */
export async function failInterruptedJobs(db: Executor, everyRunning: boolean, message: string) {
  await sql`
    UPDATE import_jobs
       SET status = 'failed', error = ${message}, finished_at = now()
     WHERE status = 'running'
       AND (${everyRunning} OR coalesce((options->>'heartbeatAt')::timestamptz, started_at, created_at) < now() - interval '2 minutes')`.execute(db);
}

export async function activeUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.name', 'users.department_id'])
    .where('users.active', '=', true)
    .orderBy('users.id')
    .execute();
}

/** Organizations the actor may view, by INN or by lower-case name: where imported persons work. */
export async function viewableOrganizationsByKey(db: Executor, actor: AccessSubject, inns: string[], names: string[]) {
  const byInn = await chunked(inns, (chunk) =>
    db
      .selectFrom('organizations')
      .select(['organizations.id', 'organizations.inn', 'organizations.sort_name', 'organizations.name'])
      .where('organizations.inn', 'in', chunk)
      .where('organizations.deleted_at', 'is', null)
      .where(scopeFilter(actor, 'view', 'organization'))
      .orderBy('organizations.id')
      .execute(),
  );
  const byName = await chunked(names, (chunk) =>
    db
      .selectFrom('organizations')
      .select(['organizations.id', 'organizations.inn', 'organizations.sort_name', 'organizations.name'])
      .where('organizations.sort_name', 'in', chunk)
      .where('organizations.deleted_at', 'is', null)
      .where(scopeFilter(actor, 'view', 'organization'))
      .orderBy('organizations.id')
      .execute(),
  );
  return { byInn, byName };
}

/** Existing records that may be duplicates of imported rows, with what an access check needs. */
export interface ExistingRecord {
  id: string;
  key: string;
  responsible_id: string | null;
  created_by: string | null;
  responsible_department_id: string | null;
}

export async function existingOrganizations(db: Executor, inns: string[], names: string[]): Promise<ExistingRecord[]> {
  const select = (column: 'inn' | 'sort_name', chunk: string[]) =>
    db
      .selectFrom('organizations')
      .leftJoin('users', 'users.id', 'organizations.responsible_id')
      .select([
        'organizations.id',
        sql<string>`organizations.${sql.ref(column)}`.as('key'),
        'organizations.responsible_id',
        'organizations.created_by',
        'users.department_id as responsible_department_id',
      ])
      .where(`organizations.${column}`, 'in', chunk)
      .where('organizations.deleted_at', 'is', null)
      .orderBy('organizations.id')
      .execute();
  const byInn = await chunked(inns, (chunk) => select('inn', chunk));
  const byName = await chunked(names, (chunk) => select('sort_name', chunk));
  return [...byInn.map((r) => ({ ...r, key: `inn:${r.key}` })), ...byName.map((r) => ({ ...r, key: `name:${r.key}` }))];
}

export async function existingPersons(db: Executor, contacts: string[], names: string[]): Promise<ExistingRecord[]> {
  const byContact = await chunked(contacts, (chunk) =>
    db
      .selectFrom('contact_points')
      .innerJoin('persons', 'persons.id', 'contact_points.owner_id')
      .leftJoin('users', 'users.id', 'persons.responsible_id')
      .select([
        'persons.id',
        'contact_points.normalized as key',
        'persons.responsible_id',
        'persons.created_by',
        'users.department_id as responsible_department_id',
      ])
      .where('contact_points.owner_type', '=', 'person')
      .where('contact_points.normalized', 'in', chunk)
      .where('persons.deleted_at', 'is', null)
      .orderBy('persons.id')
      .execute(),
  );
  const byName = await chunked(names, (chunk) =>
    db
      .selectFrom('persons')
      .leftJoin('users', 'users.id', 'persons.responsible_id')
      .select([
        'persons.id',
        'persons.sort_name as key',
        'persons.responsible_id',
        'persons.created_by',
        'users.department_id as responsible_department_id',
      ])
      .where('persons.sort_name', 'in', chunk)
      .where('persons.deleted_at', 'is', null)
      .orderBy('persons.id')
      .execute(),
  );
  return [...byContact.map((r) => ({ ...r, key: `contact:${r.key}` })), ...byName.map((r) => ({ ...r, key: `name:${r.key}` }))];
}
