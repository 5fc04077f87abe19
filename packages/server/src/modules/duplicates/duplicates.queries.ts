import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { containsAnyOfEach } from '../search/search.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

const ids = (list: readonly string[]) => sql`${[...list]}::uuid[]`;
const tableOf = (type: ClientType) => sql.raw(type === 'organization' ? 'organizations' : 'persons');

/** A record as duplicate lists show it, with whether the actor may view it (hidden ones are only counted). */
export interface RecordSummaryRow {
  id: string;
  name: string;
  inn: string | null;
  position: string | null;
  organization_id: string | null;
  organization_name: string | null;
  phone: string | null;
  email: string | null;
  responsible_id: string | null;
  responsible_name: string | null;
  created_at: Date;
  version: number;
  visible: boolean;
}

const firstContact = (owner: string, kinds: string) =>
  sql.raw(`(SELECT c.value FROM contact_points c WHERE c.owner_id = ${owner}.id AND c.kind IN (${kinds}) ORDER BY c.position LIMIT 1)`);

export async function recordSummaries(
  db: Executor,
  type: ClientType,
  recordIds: readonly string[],
  scopes: { organization: Expression<SqlBool>; person: Expression<SqlBool> },
): Promise<RecordSummaryRow[]> {
  if (recordIds.length === 0) return [];
  if (type === 'organization') {
    const result = await sql<RecordSummaryRow>`
      SELECT organizations.id, organizations.name, organizations.inn, NULL AS position,
        NULL AS organization_id, NULL AS organization_name,
        ${firstContact('organizations', "'phone'")} AS phone, ${firstContact('organizations', "'email'")} AS email,
        ru.id AS responsible_id, ru.name AS responsible_name, organizations.created_at, organizations.version,
        (${scopes.organization}) AS visible
      FROM organizations LEFT JOIN users ru ON ru.id = organizations.responsible_id
      WHERE organizations.id = ANY(${ids(recordIds)}) AND organizations.deleted_at IS NULL
      ORDER BY organizations.created_at, organizations.id`.execute(db);
    return result.rows;
  }
  const result = await sql<RecordSummaryRow>`
    SELECT persons.id, persons.full_name AS name, NULL AS inn, persons.position,
      organizations.id AS organization_id, organizations.name AS organization_name,
      ${firstContact('persons', "'phone'")} AS phone, ${firstContact('persons', "'email'")} AS email,
      ru.id AS responsible_id, ru.name AS responsible_name, persons.created_at, persons.version,
      (${scopes.person}) AS visible
    FROM persons
    LEFT JOIN users ru ON ru.id = persons.responsible_id
    LEFT JOIN organizations ON organizations.id = persons.organization_id
      AND organizations.deleted_at IS NULL AND ${scopes.organization}
    WHERE persons.id = ANY(${ids(recordIds)}) AND persons.deleted_at IS NULL
    ORDER BY persons.created_at, persons.id`.execute(db);
  return result.rows;
}

export interface CandidateRow {
  id: string;
  reason: 'inn' | 'phone' | 'email' | 'name' | 'similar_name';
  value: string;
}

/** Matching candidates are capped: a check shows a handful, and a very common value must not cost a scan. */
const CANDIDATE_CAP = 50;

export async function sameInn(db: Executor, inn: string, excludeId: string | null): Promise<CandidateRow[]> {
  const result = await sql<CandidateRow>`
    SELECT id, 'inn' AS reason, inn AS value FROM organizations
    WHERE inn = ${inn} AND deleted_at IS NULL AND id IS DISTINCT FROM ${excludeId}::uuid
    LIMIT ${CANDIDATE_CAP}`.execute(db);
  return result.rows;
}

/** Records of the type with any of these normalized phones or emails (btree on contact_points.normalized). */
export async function sameContacts(
  db: Executor,
  type: ClientType,
  normalized: { phones: readonly string[]; emails: readonly string[] },
  excludeId: string | null,
): Promise<CandidateRow[]> {
  if (normalized.phones.length === 0 && normalized.emails.length === 0) return [];
  const table = tableOf(type);
  const result = await sql<CandidateRow>`
    SELECT cp.owner_id AS id, CASE WHEN cp.kind = 'email' THEN 'email' ELSE 'phone' END AS reason, cp.value
    FROM contact_points cp JOIN ${table} ON ${table}.id = cp.owner_id
    WHERE cp.owner_type = ${type} AND ${table}.deleted_at IS NULL AND cp.owner_id IS DISTINCT FROM ${excludeId}::uuid
      AND (
        (cp.kind IN ('phone', 'fax', 'messenger') AND cp.normalized = ANY(${[...normalized.phones]}::text[]))
        OR (cp.kind = 'email' AND cp.normalized = ANY(${[...normalized.emails]}::text[])))
    LIMIT ${CANDIDATE_CAP * 2}`.execute(db);
  return result.rows;
}

/**
 * Records with the same name (lower-cased, btree on sort_name) or a very similar one. Similar: each word of
 * the name, or a dictionary word close to it, must occur in the record (trigram GIN, as search does);
 * only those few candidates are then compared by trigram similarity with the whole name. The candidates
 * come from a MATERIALIZED CTE so the planner plans them for full retrieval (bitmap index scan) instead
 * of a sequential scan hoping to stop early at the LIMIT.
 */
export async function sameOrSimilarName(
  db: Executor,
  type: ClientType,
  name: { lower: readonly string[]; folded: string; wordGroups: readonly (readonly string[])[] },
  excludeId: string | null,
  threshold: number,
): Promise<CandidateRow[]> {
  const table = tableOf(type);
  const displayName = sql.raw(type === 'organization' ? 'organizations.name' : 'persons.full_name');
  const exact = await sql<CandidateRow>`
    SELECT ${table}.id, 'name' AS reason, ${displayName} AS value FROM ${table}
    WHERE ${table}.sort_name = ANY(${[...name.lower]}::text[]) AND ${table}.deleted_at IS NULL AND ${table}.id IS DISTINCT FROM ${excludeId}::uuid
    LIMIT ${CANDIDATE_CAP}`.execute(db);
  if (name.wordGroups.length === 0) return exact.rows;
  const type_ = type === 'organization' ? 'organizations' : 'persons';
  // Organizations compare by name only (search_text also holds the full legal name).
  const comparable = sql.raw(type === 'organization' ? "replace(organizations.sort_name, 'ё', 'е')" : "btrim(regexp_replace(persons.search_text, '\\s+', ' ', 'g'))");
  const similar = await sql<CandidateRow & { similarity: number }>`
    WITH candidates AS MATERIALIZED (
      SELECT ${table}.id FROM ${table}
      WHERE ${containsAnyOfEach(type_, name.wordGroups)} AND ${table}.deleted_at IS NULL
      LIMIT 500
    )
    SELECT ${table}.id, 'similar_name' AS reason, ${displayName} AS value, similarity(${comparable}, ${name.folded}) AS similarity
    FROM candidates JOIN ${table} ON ${table}.id = candidates.id
    WHERE ${table}.id IS DISTINCT FROM ${excludeId}::uuid AND similarity(${comparable}, ${name.folded}) >= ${threshold}
    ORDER BY similarity DESC
    LIMIT ${CANDIDATE_CAP}`.execute(db);
  const seen = new Set(exact.rows.map((row) => row.id));
  return [...exact.rows, ...similar.rows.filter((row) => !seen.has(row.id)).map(({ id, reason, value }) => ({ id, reason, value }))];
}

/** Finder: which shared values make groups, in key order, after `after` (keyset). */
export type GroupReason = 'inn' | 'phone' | 'email' | 'name';

export interface KeyWindow {
  /** Keys shared by two or more records inside the window, in key order. */
  keys: string[];
  /** Where the next window starts (exclusive), or null when this reason is exhausted. */
  resumeAfter: string | null;
}

/**
 * One bounded window of the finder. Finding duplicates means reading every key once, which at a million
 * records is seconds, far too long for one request (measured: the join-and-group over 30k phones with a
 * scope filter took 2 s on PGlite). So each call reads at most `window` index entries in key order from
 * `after` (btree range scan on organizations.inn / sort_name / contact_points.normalized), groups them, and
 * says where to resume; a page may hold few groups, and the client keeps asking while a cursor comes back.
 * The last key of a full window may continue past it, so it is left for the next window. The actor's scope
 * is applied to the members of the keys found (groupMembers), not to the scan.
 */
export async function groupKeyWindow(
  db: Executor,
  type: ClientType,
  reason: GroupReason,
  after: string | null,
  window: number,
): Promise<KeyWindow> {
  const t = type === 'organization' ? 'organizations' : 'persons';
  const afterKey = (column: string) => (after === null ? sql`TRUE` : sql`${sql.raw(column)} > ${after}`);
  let rows;
  if (reason === 'inn' || reason === 'name') {
    const column = `${t}.${reason === 'inn' ? 'inn' : 'sort_name'}`;
    rows = sql`
      SELECT ${sql.raw(column)} AS key, ${sql.raw(t)}.id AS owner_id FROM ${sql.raw(t)}
      WHERE ${sql.raw(column)} IS NOT NULL AND ${sql.raw(t)}.deleted_at IS NULL AND ${afterKey(column)}
      ORDER BY ${sql.raw(column)} LIMIT ${window}`;
  } else {
    const kinds = reason === 'email' ? sql`cp.kind = 'email'` : sql`cp.kind IN ('phone', 'fax')`;
    rows = sql`
      SELECT cp.normalized AS key, cp.owner_id FROM contact_points cp
      WHERE cp.owner_type = ${type} AND ${kinds} AND ${afterKey('cp.normalized')}
      ORDER BY cp.normalized LIMIT ${window}`;
  }
  const result = await sql<{ key: string; owners: number; scanned: number; last_key: string | null; before_last: string | null }>`
    WITH w AS MATERIALIZED (${rows}),
      edge AS (SELECT count(*)::int AS scanned, max(key) AS last_key FROM w)
    SELECT g.key, g.owners, edge.scanned, edge.last_key,
      (SELECT max(key) FROM w WHERE key < edge.last_key) AS before_last
    FROM edge LEFT JOIN (SELECT key, count(DISTINCT owner_id)::int AS owners FROM w GROUP BY key) g
      ON g.owners > 1 OR g.key = edge.last_key
    ORDER BY g.key`.execute(db);
  const first = result.rows[0];
  if (!first || first.scanned === 0) return { keys: [], resumeAfter: null };
  const duplicates = result.rows.filter((row) => row.key !== null && row.owners > 1).map((row) => row.key);
  if (first.scanned < window) return { keys: duplicates, resumeAfter: null };
  // A full window: its last key may go on in the next one, unless it is the only key (a huge group).
  if (first.before_last === null) return { keys: duplicates, resumeAfter: first.last_key };
  return { keys: duplicates.filter((key) => key !== first.last_key), resumeAfter: first.before_last };
}

/** The records of each group (viewable ones only), at most `perGroup` per key. */
export async function groupMembers(
  db: Executor,
  type: ClientType,
  reason: GroupReason,
  scope: Expression<SqlBool>,
  keys: readonly string[],
  perGroup: number,
): Promise<{ key: string; id: string }[]> {
  if (keys.length === 0) return [];
  const table = tableOf(type);
  const keyList = sql`${[...keys]}::text[]`;
  let members;
  if (reason === 'inn' || reason === 'name') {
    const column = sql.raw(`${type === 'organization' ? 'organizations' : 'persons'}.${reason === 'inn' ? 'inn' : 'sort_name'}`);
    members = sql`
      SELECT ${column} AS key, ${table}.id, ${table}.created_at FROM ${table}
      WHERE ${column} = ANY(${keyList}) AND ${table}.deleted_at IS NULL AND ${scope}`;
  } else {
    const kinds = reason === 'email' ? sql`cp.kind = 'email'` : sql`cp.kind IN ('phone', 'fax')`;
    members = sql`
      SELECT DISTINCT cp.normalized AS key, ${table}.id, ${table}.created_at FROM contact_points cp JOIN ${table} ON ${table}.id = cp.owner_id
      WHERE cp.owner_type = ${type} AND ${kinds} AND cp.normalized = ANY(${keyList}) AND ${table}.deleted_at IS NULL AND ${scope}`;
  }
  const result = await sql<{ key: string; id: string }>`
    SELECT key, id FROM (
      SELECT m.key, m.id, row_number() OVER (PARTITION BY m.key ORDER BY m.created_at, m.id) AS n FROM (${members}) m
    ) ranked WHERE n <= ${perGroup} ORDER BY key, n`.execute(db);
  return result.rows;
}

/** Rows of a merge, locked for the transaction. */
export async function lockOrganizations(trx: Transaction<DB>, recordIds: readonly string[]) {
  return trx
    .selectFrom('organizations')
    .leftJoin('users', 'users.id', 'organizations.responsible_id')
    .selectAll('organizations')
    .select('users.department_id as responsible_department_id')
    .where('organizations.id', 'in', [...recordIds])
    .forUpdate('organizations')
    .execute();
}

export async function lockPersons(trx: Transaction<DB>, recordIds: readonly string[]) {
  return trx
    .selectFrom('persons')
    .leftJoin('users', 'users.id', 'persons.responsible_id')
    .selectAll('persons')
    .select('users.department_id as responsible_department_id')
    .where('persons.id', 'in', [...recordIds])
    .forUpdate('persons')
    .execute();
}

/** Ids of these that exist as the other client type (to tell a type mismatch from a missing record). */
export async function existingIds(db: Executor, type: ClientType, recordIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom(type === 'organization' ? 'organizations' : 'persons')
    .select('id')
    .where('id', 'in', [...recordIds])
    .execute();
  return rows.map((row) => row.id);
}

/** Keeps `persons.organization_id` and the primary employment in agreement after a merge. */
export async function syncPrimaryEmployment(trx: Transaction<DB>, personId: string): Promise<void> {
  const person = await trx.selectFrom('persons').select('organization_id').where('id', '=', personId).executeTakeFirstOrThrow();
  const employments = await trx.selectFrom('employments').select(['id', 'organization_id', 'is_primary']).where('person_id', '=', personId).execute();
  const chosen = person.organization_id ? employments.find((e) => e.organization_id === person.organization_id) : undefined;
  if (chosen) {
    if (!chosen.is_primary) {
      await trx.updateTable('employments').set({ is_primary: false }).where('person_id', '=', personId).where('is_primary', '=', true).execute();
      await trx.updateTable('employments').set({ is_primary: true }).where('id', '=', chosen.id).execute();
    }
    return;
  }
  // An organization named without an employment (older data) stays as it is.
  if (person.organization_id) return;
  const primary = employments.find((e) => e.is_primary);
  await trx.updateTable('persons').set({ organization_id: primary?.organization_id ?? null }).where('id', '=', personId).execute();
}
