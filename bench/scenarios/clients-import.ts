import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { CHOICE_LABELS } from '@kontakt/shared';
import type { DB } from '../../packages/server/src/db/schema.js';
import { newId } from '../../packages/server/src/platform/ids.js';
import { CITIES, INDUSTRIES, MOBILE_CODES, NAME_STEMS, NAME_TAILS, WEIGHTED_CITY_INDEXES } from '../clients/words.js';
import { makeInn, makeKpp } from '../../packages/server/src/demo/requisites-maker.js';
import type { RunningServer } from '../lib/server.js';

/**
 * The import case: a CSV file of organizations as a user exports it from an old system (Russian headers,
 * `;`, phones typed in several formats), sent through the real API — upload, preview, commit, then
 * polling until the background job is done — and timed end to end.
 */
export interface ImportResult {
  rows: number;
  fileBytes: number;
  uploadMs: number;
  previewMs: number;
  commitToDoneMs: number;
  totalMs: number;
  rowsPerSecond: number;
  sqlRowsPerSecond: number | null;
  preview: unknown;
  job: unknown;
}

interface ImportRecord {
  name: string;
  inn: string;
  kpp: string;
  kind: string;
  industry: string;
  region: string;
  city: string;
  phone: string;
  phoneNormalized: string;
  email: string;
}

const KINDS = ['client', 'lead', 'lead', 'client', 'partner', 'supplier'];

/** Row k of the file; numbers after the generated base's organizations, so INNs never collide with it. */
function importRecord(baseOrganizations: number, k: number): ImportRecord {
  const n = baseOrganizations + k;
  const city = CITIES[WEIGHTED_CITY_INDEXES[(n * 31) % WEIGHTED_CITY_INDEXES.length]!]!;
  const inn = makeInn(city.taxRegion, n);
  const national = k % 3 === 0 ? `${MOBILE_CODES[n % MOBILE_CODES.length]}${String((n * 7_654_321) % 10_000_000).padStart(7, '0')}` : `${city.phoneCode}${2_000_000 + ((n * 1_234_567) % 8_000_000)}`;
  const [a, b, c, d] = [national.slice(0, 3), national.slice(3, 6), national.slice(6, 8), national.slice(8)];
  const phone = [`+7 (${a}) ${b}-${c}-${d}`, `8 ${a} ${b} ${c} ${d}`, `8${national}`, `+7${national}`][k % 4]!;
  return {
    name: `${NAME_STEMS[n % NAME_STEMS.length]}${NAME_TAILS[(n * 7) % NAME_TAILS.length]} ${k}`,
    inn,
    kpp: makeKpp(inn),
    kind: KINDS[k % KINDS.length]!,
    industry: INDUSTRIES[n % INDUSTRIES.length]!,
    region: city.region,
    city: city.city,
    phone,
    phoneNormalized: `+7${national}`,
    email: `info@firma${n}.ru`,
  };
}

const HEADERS = ['Наименование', 'ИНН', 'КПП', 'Вид', 'Отрасль', 'Регион', 'Город', 'Телефон', 'E-mail'];
/** The mapping of those columns (import field keys), sent explicitly so the run does not depend on guessing. */
const MAPPING = ['name', 'inn', 'kpp', 'kind', 'industry', 'region', 'address.legal.city', 'phone', 'email'];

const csvCell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function buildCsv(baseOrganizations: number, rows: number): string {
  const lines = [HEADERS.join(';')];
  for (let k = 1; k <= rows; k++) {
    const r = importRecord(baseOrganizations, k);
    lines.push([r.name, r.inn, r.kpp, CHOICE_LABELS.kind[r.kind]!.ru, r.industry, r.region, r.city, r.phone, r.email].map(csvCell).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The fields of the import answers (upload, preview, job) this case reads. */
interface ImportAnswer {
  id: string;
  status: string;
  invalid: number;
  errors: unknown[];
  createdCount: number;
}

async function call(server: RunningServer, session: { cookie: string; csrf: string }, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: ImportAnswer }> {
  const response = await fetch(`${server.url}/api/v1/${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
    signal: AbortSignal.timeout(600_000),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as ImportAnswer };
}

export async function runImport(server: RunningServer, email: string, password: string, baseOrganizations: number, rows: number, log: (m: string) => void): Promise<ImportResult> {
  const loginResponse = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const loginBody = (await loginResponse.json()) as { csrfToken?: string };
  const cookie = loginResponse.headers.getSetCookie().find((c) => c.startsWith('kontakt_session='))?.split(';')[0];
  if (loginResponse.status !== 200 || !cookie || !loginBody.csrfToken) throw new Error(`login answered ${loginResponse.status}`);
  const session = { cookie, csrf: loginBody.csrfToken };

  const csv = buildCsv(baseOrganizations, rows);
  const started = performance.now();
  const form = new FormData();
  form.append('objectType', 'organization');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'clients-from-old-crm.csv');
  const upload = await call(server, session, 'POST', 'imports', form);
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.json).slice(0, 300)}`);
  const uploaded = performance.now();
  const id = upload.json.id;

  const preview = await call(server, session, 'POST', `imports/${id}/preview`, { mapping: MAPPING, duplicateStrategy: 'create' });
  if (preview.status !== 200) throw new Error(`preview answered ${preview.status}: ${JSON.stringify(preview.json).slice(0, 300)}`);
  if (preview.json.invalid > 0) throw new Error(`preview found ${preview.json.invalid} invalid rows, e.g. ${JSON.stringify(preview.json.errors.slice(0, 3))}`);
  const previewed = performance.now();

  const commit = await call(server, session, 'POST', `imports/${id}/commit`, {});
  if (commit.status !== 202) throw new Error(`commit answered ${commit.status}: ${JSON.stringify(commit.json).slice(0, 300)}`);
  const deadline = performance.now() + 120_000 + rows * 5;
  let job = commit.json;
  while (!['done', 'failed', 'rejected'].includes(job.status)) {
    if (performance.now() > deadline) throw new Error(`the import did not finish in time: ${JSON.stringify(job)}`);
    await sleep(100);
    job = (await call(server, session, 'GET', `imports/${id}`)).json;
  }
  const done = performance.now();
  if (job.status !== 'done' || job.createdCount !== rows) throw new Error(`the import ended ${job.status} with ${job.createdCount} of ${rows} rows created: ${JSON.stringify(job).slice(0, 300)}`);
  const totalMs = done - started;
  const result: ImportResult = {
    rows,
    fileBytes: Buffer.byteLength(csv),
    uploadMs: uploaded - started,
    previewMs: previewed - uploaded,
    commitToDoneMs: done - previewed,
    totalMs,
    rowsPerSecond: rows / (totalMs / 1000),
    sqlRowsPerSecond: null,
    preview: { ...preview.json, errors: undefined },
    job,
  };
  log(
    `    import of ${rows.toLocaleString('en-US')} rows (${(result.fileBytes / 1e6).toFixed(1)} MB): upload ${(result.uploadMs / 1000).toFixed(1)} s, ` +
      `preview ${(result.previewMs / 1000).toFixed(1)} s, commit → done ${(result.commitToDoneMs / 1000).toFixed(1)} s: ${Math.round(result.rowsPerSecond).toLocaleString('en-US')} rows/s`,
  );
  return result;
}

class Rollback extends Error {}

/**
 * The database's share of the import: the same rows written set-based (one multi-row INSERT per table per
 * 10,000 rows, through unnest of arrays) in one transaction, then rolled back so the base stays as it was.
 */
export async function sqlImportRowsPerSecond(db: Kysely<DB>, baseOrganizations: number, rows: number, responsibleId: string): Promise<number> {
  const records = Array.from({ length: rows }, (_, i) => ({ ...importRecord(baseOrganizations, i + 1), id: newId() }));
  const started = performance.now();
  let elapsed = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < records.length; i += 10_000) {
        const batch = records.slice(i, i + 10_000);
        const col = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((r) => r[key]);
        await sql`
          INSERT INTO organizations (id, kind, name, full_name, legal_form, inn, kpp, industry, region, responsible_id, created_by, updated_at)
          SELECT id, kind, name, NULL, NULL, inn, kpp, industry, region, ${responsibleId}::uuid, ${responsibleId}::uuid, now()
          FROM unnest(${col('id')}::uuid[], ${col('kind')}::text[], ${col('name')}::text[], ${col('inn')}::text[], ${col('kpp')}::text[],
                      ${col('industry')}::text[], ${col('region')}::text[]) AS t(id, kind, name, inn, kpp, industry, region)`.execute(trx);
        const contactIds = batch.map(() => newId());
        const emailIds = batch.map(() => newId());
        await sql`
          INSERT INTO contact_points (id, owner_type, owner_id, kind, value, normalized, position)
          SELECT cid, 'organization', oid, 'phone', v, nv, 0 FROM unnest(${contactIds}::uuid[], ${col('id')}::uuid[], ${col('phone')}::text[], ${col('phoneNormalized')}::text[]) AS t(cid, oid, v, nv)
          UNION ALL
          SELECT eid, 'organization', oid, 'email', v, lower(v), 1 FROM unnest(${emailIds}::uuid[], ${col('id')}::uuid[], ${col('email')}::text[]) AS t(eid, oid, v)`.execute(trx);
        await sql`
          INSERT INTO addresses (id, owner_type, owner_id, kind, region, city, position)
          SELECT aid, 'organization', oid, 'legal', r, c, 0 FROM unnest(${batch.map(() => newId())}::uuid[], ${col('id')}::uuid[], ${col('region')}::text[], ${col('city')}::text[]) AS t(aid, oid, r, c)`.execute(trx);
      }
      elapsed = performance.now() - started;
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return rows / (elapsed / 1000);
}
