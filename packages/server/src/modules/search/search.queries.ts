import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Queries of global search. Every query is bounded by LIMIT and none sorts the organizations or persons
 * tables by anything: at a million rows a sort of all fragment matches (or worse, by similarity — 2.5 s in
 * DESIGN.md) is what blows the 50 ms budget. Ranking happens in the service over the few rows fetched.
 *
 * Plans, from EXPLAIN ANALYZE on a generated base of 100k persons / 20k organizations / 200k contacts in
 * PGlite after VACUUM (execution times; 70 distinct surnames, so fragments are far commoner than in life):
 * - fragment: `search_text LIKE '%word%' AND …` → Bitmap Index Scan on the trigram GIN index, all words
 *   ANDed inside one index scan; scope and deleted_at checked on the heap rows (rare word 0.35 ms, two
 *   words with an "own" scope 0.5 ms). For a very common fragment the planner rightly prefers a sequential
 *   scan that stops at LIMIT (0.2 ms). The weak spot is a common fragment under a narrow scope: every
 *   match is read to find the actor's few (17 ms at 30k persons); a CTE fence made it worse (107 ms).
 * - prefix: `search_text LIKE 'text%'` → range scan on the text_pattern_ops btree, stops at LIMIT (0.3 ms).
 * - phone / email: btree on contact_points.normalized (equality, or a prefix range on the pattern index),
 *   then the owner by primary key (0.1–0.2 ms).
 * - INN: btree on organizations.inn (< 0.1 ms).
 * - typos: trigram `%` over the search_terms dictionary only, then a fragment query by the corrected words
 *   (an OR of a few LIKEs → BitmapOr of GIN scans).
 */

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface OrganizationHitRow {
  id: string;
  name: string;
  kind: string;
  inn: string | null;
  city: string | null;
  search_text: string;
  matched_value: string | null;
}

export interface PersonHitRow {
  id: string;
  name: string;
  position: string | null;
  organization_id: string | null;
  organization_name: string | null;
  search_text: string;
  matched_value: string | null;
}

export interface HitFilter {
  /** scopeFilter(actor, 'view', <type>) */
  scope: Expression<SqlBool>;
  /** Ids already found, so a later phase fills the rest of the page with new records. */
  exclude: readonly string[];
  limit: number;
}

const notIn = (column: RawBuilder<unknown>, ids: readonly string[]) =>
  ids.length > 0 ? sql<SqlBool>`${column} <> ALL(${[...ids]}::uuid[])` : sql<SqlBool>`TRUE`;

/** The first city among the organization's addresses, for the result's subtitle; one index probe per hit. */
const organizationCity = sql<string | null>`(
  SELECT a.city FROM addresses a
  WHERE a.owner_id = organizations.id AND a.owner_type = 'organization' AND a.city IS NOT NULL
  ORDER BY a.position LIMIT 1)`;

export async function organizationsWhere(db: Executor, condition: Expression<SqlBool>, filter: HitFilter): Promise<OrganizationHitRow[]> {
  const result = await sql<OrganizationHitRow>`
    SELECT organizations.id, organizations.name, organizations.kind, organizations.inn, organizations.search_text,
      ${organizationCity} AS city, NULL AS matched_value
    FROM organizations
    WHERE ${condition} AND organizations.deleted_at IS NULL AND ${filter.scope}
      AND ${notIn(sql`organizations.id`, filter.exclude)}
    LIMIT ${filter.limit}`.execute(db);
  return result.rows;
}

/**
 * Persons with their primary organization's name, shown only when the actor may view that organization
 * (a person card never tells the name of an organization the reader may not see).
 */
export async function personsWhere(
  db: Executor,
  condition: Expression<SqlBool>,
  filter: HitFilter & { organizationScope: Expression<SqlBool> },
): Promise<PersonHitRow[]> {
  const result = await sql<PersonHitRow>`
    SELECT persons.id, persons.full_name AS name, persons.position, persons.search_text,
      organizations.id AS organization_id, organizations.name AS organization_name, NULL AS matched_value
    FROM persons
    LEFT JOIN organizations ON organizations.id = persons.organization_id
      AND organizations.deleted_at IS NULL AND ${filter.organizationScope}
    WHERE ${condition} AND persons.deleted_at IS NULL AND ${filter.scope}
      AND ${notIn(sql`persons.id`, filter.exclude)}
    LIMIT ${filter.limit}`.execute(db);
  return result.rows;
}

/** Which contact rows match: a phone (with or without an extension) or an email prefix. */
export type ContactMatch = { kind: 'phone'; normalized: string } | { kind: 'email'; prefix: string };

function contactCondition(match: ContactMatch): Expression<SqlBool> {
  if (match.kind === 'phone') {
    // "+79161234567;ext=12" is the same line as "+79161234567": the prefix range finds both.
    return sql<SqlBool>`cp.kind IN ('phone', 'fax', 'messenger')
      AND (cp.normalized = ${match.normalized} OR cp.normalized LIKE ${`${escapeLike(match.normalized)};ext=%`})`;
  }
  return sql<SqlBool>`cp.kind = 'email' AND cp.normalized LIKE ${`${escapeLike(match.prefix)}%`}`;
}

/**
 * Owners of matching contacts (an owner with two matching contacts comes twice; the service keeps the first).
 * An exact email sorts before longer ones with the same prefix; only the few matches are sorted.
 */
export async function organizationsByContact(db: Executor, match: ContactMatch, filter: HitFilter): Promise<OrganizationHitRow[]> {
  const result = await sql<OrganizationHitRow>`
    SELECT organizations.id, organizations.name, organizations.kind, organizations.inn, organizations.search_text,
      ${organizationCity} AS city, cp.value AS matched_value
    FROM contact_points cp
    JOIN organizations ON organizations.id = cp.owner_id
    WHERE cp.owner_type = 'organization' AND ${contactCondition(match)}
      AND organizations.deleted_at IS NULL AND ${filter.scope}
    ORDER BY length(cp.normalized), cp.normalized
    LIMIT ${filter.limit * 3}`.execute(db);
  return result.rows;
}

export async function personsByContact(
  db: Executor,
  match: ContactMatch,
  filter: HitFilter & { organizationScope: Expression<SqlBool> },
): Promise<PersonHitRow[]> {
  const result = await sql<PersonHitRow>`
    SELECT persons.id, persons.full_name AS name, persons.position, persons.search_text,
      organizations.id AS organization_id, organizations.name AS organization_name, cp.value AS matched_value
    FROM contact_points cp
    JOIN persons ON persons.id = cp.owner_id
    LEFT JOIN organizations ON organizations.id = persons.organization_id
      AND organizations.deleted_at IS NULL AND ${filter.organizationScope}
    WHERE cp.owner_type = 'person' AND ${contactCondition(match)}
      AND persons.deleted_at IS NULL AND ${filter.scope}
    ORDER BY length(cp.normalized), cp.normalized
    LIMIT ${filter.limit * 3}`.execute(db);
  return result.rows;
}

export const innEquals = (inn: string) => sql<SqlBool>`organizations.inn = ${inn}`;

/**
 * Every word somewhere in the name: one trigram GIN condition per word, ANDed inside one index scan. A word
 * of one or two letters has no trigram of its own, but GIN (PostgreSQL 13+) then only checks it on what the
 * longer words found; written as strpos() instead, the planner misjudged it and chose a sequential scan
 * (117 ms vs 1 ms at 30k persons). The service never sends only short words here.
 */
export function containsAllWords(table: 'organizations' | 'persons', words: readonly string[]): Expression<SqlBool> {
  const column = sql.ref(`${table}.search_text`);
  return sql<SqlBool>`${sql.join(
    words.map((word) => sql`${column} LIKE ${`%${escapeLike(word)}%`}`),
    sql` AND `,
  )}`;
}

/** Every group of alternatives matched by at least one of its words ("ромашко" OR "ромашка" …). */
export function containsAnyOfEach(table: 'organizations' | 'persons', groups: readonly (readonly string[])[]): Expression<SqlBool> {
  const column = sql.ref(`${table}.search_text`);
  return sql<SqlBool>`${sql.join(
    groups.map((group) => sql`(${sql.join(group.map((word) => sql`${column} LIKE ${`%${escapeLike(word)}%`}`), sql` OR `)})`),
    sql` AND `,
  )}`;
}

/** The name starts with the text: a range scan on the text_pattern_ops btree. */
export function startsWith(table: 'organizations' | 'persons', text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${table}.search_text`)} LIKE ${`${escapeLike(text)}%`}`;
}

/**
 * The typed words that occur in no dictionary word at all. Every word of every client name is in
 * `search_terms`, so such a word cannot match any name as a fragment either: the fragment pass over the big
 * tables can be skipped (it would fetch every row of the query's other, common words only to find nothing —
 * 28 ms of a 41 ms typo search at a million persons). The dictionary is small and trigram-indexed.
 */
export async function wordsInNoTerm(db: Executor, words: readonly string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const { rows } = await sql<{ word: string }>`
    SELECT w.word FROM unnest(${[...words]}::text[]) AS w(word)
    WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term LIKE '%' || w.word || '%')`.execute(db);
  return new Set(rows.map((r) => r.word));
}

/**
 * Dictionary words close to each typed word that is not itself in the dictionary, best first. A word the
 * dictionary knows is no typo and is searched as typed: correcting it too would only turn a miss into an
 * OR of several common words (on generated data "иванов петр" went from one GIN scan to fourteen). `%` uses
 * the trigram GIN index of search_terms (threshold pg_trgm.similarity_threshold, 0.3 by default); the ORDER
 * BY sorts only the few candidates. The duplicate check asks for all words (`unknownOnly: false`): a new
 * "Ромашка" must find an existing "Ромашко" although both words are known.
 */
export async function similarTerms(
  db: Executor,
  words: readonly string[],
  perWord: number,
  { unknownOnly = true }: { unknownOnly?: boolean } = {},
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (words.length === 0) return result;
  const rows = await sql<{ word: string; term: string }>`
    SELECT w.word, t.term
    FROM unnest(${[...words]}::text[]) AS w(word)
    CROSS JOIN LATERAL (
      SELECT term FROM search_terms WHERE term % w.word
      ORDER BY similarity(term, w.word) DESC, term LIMIT ${perWord}
    ) t
    WHERE NOT ${unknownOnly} OR NOT EXISTS (SELECT 1 FROM search_terms known WHERE known.term = w.word)`.execute(db);
  for (const row of rows.rows) {
    const list = result.get(row.word) ?? [];
    list.push(row.term);
    result.set(row.word, list);
  }
  return result;
}
