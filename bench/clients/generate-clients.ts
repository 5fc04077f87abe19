import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { isValidInn, isValidOgrn, normalizeEmail, normalizePhone } from '@kontakt/shared';
import type { DB } from '../../packages/server/src/db/schema.js';
import { MAX_TERM_LENGTH, MIN_TERM_LENGTH } from '../../packages/server/src/modules/search/search-terms.js';
import { generateDataset, type Dataset } from '../generate.js';
import {
  controlDigit,
  hash,
  idMaker,
  INN10_WEIGHTS,
  INN11_WEIGHTS,
  INN12_WEIGHTS,
  intArray,
  pick,
  russianPhoneAsTyped,
  textArray,
  translit,
  ukrainianPhoneAsTyped,
} from './sql-parts.js';
import {
  CITIES,
  CONTACT_REASONS,
  INDUSTRIES,
  LEGAL_FORMS,
  MAIL_DOMAINS,
  MOBILE_CODES,
  NAME_STEMS,
  NAME_SUFFIXES,
  NAME_TAILS,
  PERSON_DEPARTMENTS,
  POSITIONS,
  russianNames,
  SOURCES,
  STREETS,
  UA_MOBILE_CODES,
  ukrainianNames,
  WEIGHTED_CITY_INDEXES,
  type NameSet,
} from './words.js';

/**
 * The client base of the benchmark: organizations, persons, their phones, e-mails, addresses and
 * employments, generated with set-based SQL (`INSERT … SELECT generate_series`, no row-by-row round
 * trips), on top of `generateDataset`'s departments and users who act as responsible managers. Secondary
 * indexes of the client tables are dropped for the load and built afterwards (DESIGN.md: building a
 * trigram index once is far cheaper than maintaining it row by row).
 */
export interface ClientBaseSize {
  organizations: number;
  persons: number;
  users: number;
  departments: number;
}

export interface Step {
  step: string;
  ms: number;
  rows?: number;
}

export interface ClientBase {
  size: ClientBaseSize;
  users: Dataset;
  steps: Step[];
  counts: Record<string, number>;
  generateMs: number;
}

const CLIENT_TABLES = ['organizations', 'persons', 'employments', 'contact_points', 'addresses', 'search_terms'];

/** Tags of the computed ids, one per table (and per owner for contacts and addresses). */
const TAG = { organization: '0a1', person: '0b2', employment: '0c3', orgContact: '0d4', personContact: '0e5', orgAddress: '0f6', personAddress: '107' };

const KINDS: [string, number][] = [
  ['lead', 40],
  ['client', 38],
  ['partner', 7],
  ['supplier', 7],
  ['competitor', 2],
  ['other', 6],
];
const INFLUENCES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'expert', 'other'];

const weighted = <T>(items: readonly T[], weight: (item: T) => number) => items.flatMap((item, i) => Array.from({ length: weight(item) }, () => i));
const FORM_INDEXES = weighted(LEGAL_FORMS, (f) => f.weight);
const IP_FORM = LEGAL_FORMS.findIndex((f) => f.short === 'ИП');
const KIND_LIST = KINDS.flatMap(([kind, weight]) => Array.from({ length: weight }, () => kind));

interface Words {
  ru: NameSet;
  ua: NameSet;
}

/** Last, first and middle name of the person in row `i` (lateral `a` holds the flags `male` and `ua`). */
function personName(words: Words) {
  const part = (key: keyof NameSet, salt: number) =>
    sql<string>`CASE WHEN a.ua THEN ${pick(words.ua[key], 'i', salt)} ELSE ${pick(words.ru[key], 'i', salt)} END`;
  const gendered = (male: keyof NameSet, female: keyof NameSet, salt: number) => sql<string>`CASE WHEN a.male THEN ${part(male, salt)} ELSE ${part(female, salt)} END`;
  return {
    last: gendered('maleLast', 'femaleLast', 50),
    first: gendered('maleFirst', 'femaleFirst', 51),
    middle: gendered('maleMiddle', 'femaleMiddle', 52),
  };
}

/** The person row's flags, shared by every statement that recomputes something of person `i`. */
const personFlags = (organizations: number) => sql`CROSS JOIN LATERAL (SELECT
    ${hash('i', 40, 2)} = 0 AS male,
    ${hash('i', 41, 100)} < 20 AS ua,
    ${hash('i', 42, 100)} < 92 AS employed,
    1 + ${hash('i', 43, organizations)} AS j) AS a`;

/** The organization row's choices: city, legal form, name. */
function organizationParts(words: Words) {
  const flags = sql`CROSS JOIN LATERAL (SELECT
      (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('j', 2, WEIGHTED_CITY_INDEXES.length)}] AS ci,
      (${intArray(FORM_INDEXES)})[1 + ${hash('j', 3, FORM_INDEXES.length)}] AS fi,
      ${hash('j', 5, 2)} = 0 AS male) AS a`;
  const separator = sql`(ARRAY['', '-', ' '])[1 + ${hash('j', 6, 3)}]`;
  const ipLast = sql`CASE WHEN a.male THEN ${pick(words.ru.maleLast, 'j', 7)} ELSE ${pick(words.ru.femaleLast, 'j', 7)} END`;
  const ipFirst = sql`CASE WHEN a.male THEN ${pick(words.ru.maleFirst, 'j', 8)} ELSE ${pick(words.ru.femaleFirst, 'j', 8)} END`;
  const ipMiddle = sql`CASE WHEN a.male THEN ${pick(words.ru.maleMiddle, 'j', 9)} ELSE ${pick(words.ru.femaleMiddle, 'j', 9)} END`;
  const names = sql`CROSS JOIN LATERAL (SELECT
      CASE WHEN a.fi = ${sql.lit(IP_FORM)}
        THEN 'ИП ' || ${ipLast} || ' ' || left(${ipFirst}, 1) || '. ' || left(${ipMiddle}, 1) || '.'
        ELSE ${pick(NAME_STEMS, 'j', 10)} || ${separator} || ${pick(NAME_TAILS, 'j', 11)} || ${pick(NAME_SUFFIXES, 'j', 12)}
      END AS name,
      ${ipLast} || ' ' || ${ipFirst} || ' ' || ${ipMiddle} AS owner) AS n`;
  return { flags, names };
}

const cityField = (field: 'city' | 'region' | 'phoneCode' | 'taxRegion', index: string) =>
  sql<string>`(${textArray(CITIES.map((c) => c[field]))})[${sql.raw(index)} + 1]`;

async function timed<T>(steps: Step[], log: (m: string) => void, step: string, work: () => Promise<T>, rows?: (result: T) => number): Promise<T> {
  const t = performance.now();
  const result = await work();
  const entry: Step = { step, ms: performance.now() - t, ...(rows ? { rows: rows(result) } : {}) };
  steps.push(entry);
  log(`    ${step}: ${(entry.ms / 1000).toFixed(2)} s${entry.rows !== undefined ? ` (${entry.rows.toLocaleString('en-US')} rows)` : ''}`);
  return result;
}

const inserted = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

/** Secondary indexes (not backing a constraint) of the client tables, to drop and rebuild around the load. */
async function secondaryIndexes(trx: Transaction<DB>): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${sql.join(CLIENT_TABLES)})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.tablename, i.indexname`.execute(trx);
  return rows;
}

export async function generateClientBase(db: Kysely<DB>, size: ClientBaseSize, log: (m: string) => void = () => {}): Promise<ClientBase> {
  const startedAt = performance.now();
  const steps: Step[] = [];
  const users = await timed(steps, log, `departments and users (${size.departments} / ${size.users})`, () =>
    generateDataset(db, { users: size.users, departments: size.departments }),
  );
  const managers = (
    await db.selectFrom('users').select('id').where('active', '=', true).where('email', 'like', '%@bench.example').orderBy('id').execute()
  ).map((u) => u.id);
  const words: Words = { ru: russianNames(), ua: ukrainianNames() };
  const O = size.organizations;
  const P = size.persons;
  const id = idMaker();
  const manager = (index: RawBuilder<number>) => sql`(${sql.val(managers)}::uuid[])[1 + ${index}]`;
  const org = organizationParts(words);
  const person = personName(words);

  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
    // Foreign-key checks run as a trigger per row, which made every table with a reference 5–10× slower
    // to fill than one without. The ids are consistent by construction; checkIntegrity() proves it after.
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const indexes = await secondaryIndexes(trx);
    await timed(steps, log, `drop ${indexes.length} secondary indexes`, async () => {
      for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(trx);
    });

    await timed(steps, log, 'organizations', async () =>
      inserted(
        await sql`
          INSERT INTO organizations (id, kind, name, full_name, legal_form, inn, kpp, ogrn, industry, region, source,
                                     first_contact_reason, responsible_id, website, created_at, updated_at, deleted_at)
          SELECT ${id(TAG.organization, 'j')},
                 (${textArray(KIND_LIST)})[1 + ${hash('j', 4, KIND_LIST.length)}],
                 n.name,
                 CASE WHEN r.ip THEN ${sql.lit(LEGAL_FORMS[IP_FORM]!.full)} || ' ' || n.owner
                      ELSE (${textArray(LEGAL_FORMS.map((f) => f.full))})[a.fi + 1] || ' «' || n.name || '»' END,
                 (${textArray(LEGAL_FORMS.map((f) => f.short))})[a.fi + 1],
                 c.inn,
                 CASE WHEN r.ip THEN NULL ELSE left(c.inn, 4) || '01001' END,
                 r.ogrn_body || (r.ogrn_body::bigint % (CASE WHEN r.ip THEN 13 ELSE 11 END) % 10)::text,
                 ${pick(INDUSTRIES, 'j', 13)},
                 ${cityField('region', 'a.ci')},
                 ${pick(SOURCES, 'j', 14)},
                 CASE WHEN ${hash('j', 15, 3)} = 0 THEN ${pick(CONTACT_REASONS, 'j', 16)} END,
                 ${manager(hash('j', 30, managers.length))},
                 CASE WHEN ${hash('j', 17, 4)} = 0 THEN 'www.' || ${translit('n.name')} || '.ru' END,
                 r.created_at, r.created_at + make_interval(days => ${hash('j', 18, 300)}),
                 CASE WHEN ${hash('j', 19, 200)} = 0 THEN now() END
          FROM generate_series(1, ${sql.lit(O)}) AS s(j)
          ${org.flags}
          ${org.names}
          CROSS JOIN LATERAL (SELECT
              a.fi = ${sql.lit(IP_FORM)} AS ip,
              CASE WHEN a.fi = ${sql.lit(IP_FORM)}
                THEN ${cityField('taxRegion', 'a.ci')} || lpad(((j::bigint * 7919) % 100000000)::text, 8, '0')
                ELSE ${cityField('taxRegion', 'a.ci')} || lpad(((j::bigint * 7919) % 10000000)::text, 7, '0') END AS body,
              CASE WHEN a.fi = ${sql.lit(IP_FORM)}
                THEN '3' || lpad((4 + ${hash('j', 20, 20)})::text, 2, '0') || ${cityField('taxRegion', 'a.ci')} || lpad(((j::bigint * 7919) % 1000000000)::text, 9, '0')
                ELSE '1' || lpad((2 + ${hash('j', 20, 22)})::text, 2, '0') || ${cityField('taxRegion', 'a.ci')} || lpad(((j::bigint * 7919) % 10000000)::text, 7, '0') END AS ogrn_body,
              now() - make_interval(days => ${hash('j', 21, 1800)}, mins => ${hash('j', 22, 1440)}) AS created_at
              OFFSET 0) AS r
          CROSS JOIN LATERAL (SELECT CASE WHEN r.ip THEN r.body || ${controlDigit('r.body', INN11_WEIGHTS)}::text ELSE r.body END AS b11 OFFSET 0) AS b
          CROSS JOIN LATERAL (SELECT CASE WHEN r.ip THEN b.b11 || ${controlDigit('b.b11', INN12_WEIGHTS)}::text
                                          ELSE r.body || ${controlDigit('r.body', INN10_WEIGHTS)}::text END AS inn) AS c`.execute(trx),
      ),
      (n) => n,
    );

    await timed(steps, log, 'persons', async () =>
      inserted(
        await sql`
          INSERT INTO persons (id, last_name, first_name, middle_name, gender, birth_date, position, department, organization_id,
                               influence, responsible_id, created_at, updated_at, deleted_at)
          SELECT ${id(TAG.person, 'i')}, ${person.last}, ${person.first}, ${person.middle},
                 CASE WHEN a.male THEN 'male' ELSE 'female' END,
                 CASE WHEN ${hash('i', 53, 10)} < 6 THEN date '1960-01-01' + ${hash('i', 54, 16000)} END,
                 ${pick(POSITIONS, 'i', 46)},
                 CASE WHEN a.employed AND ${hash('i', 55, 2)} = 0 THEN ${pick(PERSON_DEPARTMENTS, 'i', 56)} END,
                 CASE WHEN a.employed THEN ${id(TAG.organization, 'a.j')} END,
                 CASE WHEN ${hash('i', 57, 3)} = 0 THEN (${textArray(INFLUENCES)})[1 + ${hash('i', 58, INFLUENCES.length)}] END,
                 CASE WHEN a.employed AND ${hash('i', 45, 10)} < 9 THEN ${manager(hash('a.j', 30, managers.length))}
                      ELSE ${manager(hash('i', 44, managers.length))} END,
                 t.created_at, t.created_at + make_interval(days => ${hash('i', 59, 300)}),
                 CASE WHEN ${hash('i', 60, 200)} = 0 THEN now() END
          FROM generate_series(1, ${sql.lit(P)}) AS s(i)
          ${personFlags(O)}
          CROSS JOIN LATERAL (SELECT now() - make_interval(days => ${hash('i', 61, 1800)}, mins => ${hash('i', 62, 1440)}) AS created_at) AS t`.execute(trx),
      ),
      (n) => n,
    );

    await timed(steps, log, 'employments', async () => {
      const primary = await sql`
        INSERT INTO employments (id, person_id, organization_id, position, department, is_primary)
        SELECT ${id(TAG.employment, 'i')}, ${id(TAG.person, 'i')}, ${id(TAG.organization, 'a.j')}, ${pick(POSITIONS, 'i', 46)},
               CASE WHEN ${hash('i', 55, 2)} = 0 THEN ${pick(PERSON_DEPARTMENTS, 'i', 56)} END, true
        FROM generate_series(1, ${sql.lit(P)}) AS s(i)
        ${personFlags(O)}
        WHERE a.employed`.execute(trx);
      // One in 25 also works part-time somewhere else (a consultant, an accountant serving two firms).
      const secondary = await sql`
        INSERT INTO employments (id, person_id, organization_id, position, is_primary)
        SELECT ${id(TAG.employment, `i + ${P}`)}, ${id(TAG.person, 'i')}, ${id(TAG.organization, 'x.j2')}, ${pick(POSITIONS, 'i', 47)}, false
        FROM generate_series(1, ${sql.lit(P)}) AS s(i)
        ${personFlags(O)}
        CROSS JOIN LATERAL (SELECT 1 + ${hash('i', 48, O)} AS j2) AS x
        WHERE a.employed AND ${hash('i', 49, 25)} = 0 AND x.j2 <> a.j`.execute(trx);
      return inserted(primary) + inserted(secondary);
    }, (n) => n);

    const mobile = (col: string, salt: number) => sql`${pick(MOBILE_CODES, col, salt)} || lpad(${hash(col, salt + 1, 10_000_000)}::text, 7, '0')`;
    const cityNumber = (cityIndex: string, col: string, salt: number) =>
      sql`${cityField('phoneCode', cityIndex)} || (2000000 + ${hash(col, salt, 8_000_000)})::text`;

    await timed(steps, log, 'organization phones and faxes', async () =>
      inserted(
        await sql`
          INSERT INTO contact_points (id, owner_type, owner_id, kind, value, normalized, label, position)
          SELECT ${id(TAG.orgContact, 'j * 8 + slot.k')}, 'organization', ${id(TAG.organization, 'j')},
                 CASE WHEN slot.k = 3 THEN 'fax' ELSE 'phone' END,
                 ${russianPhoneAsTyped('p.n', hash('j * 8 + slot.k', 70, 6))} || p.ext,
                 '+7' || p.n || CASE WHEN p.ext = '' THEN '' ELSE ';ext=' || substr(p.ext, 7) END,
                 (ARRAY['Приёмная', NULL, 'Отдел продаж', NULL])[slot.k + 1],
                 slot.k
          FROM generate_series(1, ${sql.lit(O)}) AS s(j)
          CROSS JOIN (VALUES (0), (1), (2), (3)) AS slot(k)
          CROSS JOIN LATERAL (SELECT (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('j', 2, WEIGHTED_CITY_INDEXES.length)}] AS ci) AS a
          CROSS JOIN LATERAL (SELECT
              CASE WHEN slot.k = 1 AND ${hash('j', 71, 2)} = 0 OR slot.k = 2 THEN ${mobile('j * 8 + slot.k', 72)}
                   ELSE ${cityNumber('a.ci', 'j * 8 + slot.k', 74)} END AS n,
              CASE WHEN slot.k = 2 AND ${hash('j', 75, 3)} = 0 THEN ' доб. ' || (100 + ${hash('j', 76, 900)})::text ELSE '' END AS ext) AS p
          WHERE slot.k = 0 OR (slot.k = 1 AND ${hash('j', 77, 100)} < 80) OR (slot.k = 2 AND ${hash('j', 78, 100)} < 20)
             OR (slot.k = 3 AND ${hash('j', 79, 100)} < 15)`.execute(trx),
      ),
      (n) => n,
    );

    await timed(steps, log, 'person phones', async () =>
      inserted(
        await sql`
          INSERT INTO contact_points (id, owner_type, owner_id, kind, value, normalized, label, position)
          SELECT ${id(TAG.personContact, 'i * 4 + slot.k')}, 'person', ${id(TAG.person, 'i')}, 'phone',
                 CASE WHEN p.ua THEN ${ukrainianPhoneAsTyped('p.n', hash('i * 4 + slot.k', 80, 4))}
                      ELSE ${russianPhoneAsTyped('p.n', hash('i * 4 + slot.k', 80, 6))} || p.ext END,
                 CASE WHEN p.ua THEN '+380' || p.n ELSE '+7' || p.n || CASE WHEN p.ext = '' THEN '' ELSE ';ext=' || substr(p.ext, 7) END END,
                 (ARRAY['Мобильный', 'Рабочий', NULL])[slot.k + 1],
                 slot.k
          FROM generate_series(1, ${sql.lit(P)}) AS s(i)
          CROSS JOIN (VALUES (0), (1), (2)) AS slot(k)
          ${personFlags(O)}
          CROSS JOIN LATERAL (SELECT
              CASE WHEN a.employed THEN (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('a.j', 2, WEIGHTED_CITY_INDEXES.length)}]
                   ELSE (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('i', 81, WEIGHTED_CITY_INDEXES.length)}] END AS ci) AS c
          CROSS JOIN LATERAL (SELECT
              slot.k = 0 AND a.ua AND ${hash('i', 82, 2)} = 0 AS ua,
              CASE WHEN slot.k = 0 AND a.ua AND ${hash('i', 82, 2)} = 0
                     THEN ${pick(UA_MOBILE_CODES, 'i', 83)} || lpad(${hash('i', 84, 10_000_000)}::text, 7, '0')
                   WHEN slot.k = 1 THEN ${cityNumber('c.ci', 'i * 4 + slot.k', 85)}
                   ELSE ${mobile('i * 4 + slot.k', 86)} END AS n,
              CASE WHEN slot.k = 1 AND ${hash('i', 88, 3)} = 0 THEN ' доб. ' || (100 + ${hash('i', 89, 900)})::text ELSE '' END AS ext) AS p
          WHERE slot.k = 0 OR (slot.k = 1 AND ${hash('i', 90, 100)} < 85) OR (slot.k = 2 AND ${hash('i', 91, 100)} < 15)`.execute(trx),
      ),
      (n) => n,
    );

    await timed(steps, log, 'e-mails', async () => {
      const orgMail = await sql`
        INSERT INTO contact_points (id, owner_type, owner_id, kind, value, normalized, position)
        SELECT ${id(TAG.orgContact, 'j * 8 + 5')}, 'organization', ${id(TAG.organization, 'j')}, 'email', m.value, lower(m.value), 5
        FROM generate_series(1, ${sql.lit(O)}) AS s(j)
        ${org.flags}
        ${org.names}
        CROSS JOIN LATERAL (SELECT (ARRAY['info', 'office', 'sales', 'zakaz', 'mail', 'Info'])[1 + ${hash('j', 92, 6)}] || '@'
                                   || ${translit('n.name')} || (j % 1000)::text || '.ru' AS value) AS m
        WHERE ${hash('j', 93, 100)} < 85`.execute(trx);
      const personMail = await sql`
        INSERT INTO contact_points (id, owner_type, owner_id, kind, value, normalized, position)
        SELECT ${id(TAG.personContact, 'i * 4 + 3')}, 'person', ${id(TAG.person, 'i')}, 'email', m.value, lower(m.value), 3
        FROM generate_series(1, ${sql.lit(P)}) AS s(i)
        ${personFlags(O)}
        CROSS JOIN LATERAL (SELECT
            CASE WHEN ${hash('i', 94, 10)} = 0 THEN initcap(${translit(person.last)}) ELSE ${translit(person.last)} END
            || '.' || ${translit(sql`left(${person.first}, 1)`)} || i::text || '@'
            || CASE WHEN a.ua AND ${hash('i', 95, 2)} = 0 THEN 'ukr.net' ELSE ${pick(MAIL_DOMAINS, 'i', 96)} END AS value) AS m
        WHERE ${hash('i', 97, 100)} < 80`.execute(trx);
      return inserted(orgMail) + inserted(personMail);
    }, (n) => n);

    const street = (col: string, salt: number) =>
      sql`'ул. ' || ${pick(STREETS, col, salt)} || ', д. ' || (1 + ${hash(col, salt + 1, 150)})::text`;
    await timed(steps, log, 'addresses', async () => {
      const orgAddresses = await sql`
        INSERT INTO addresses (id, owner_type, owner_id, kind, country, postal_code, region, city, street, position)
        SELECT ${id(TAG.orgAddress, 'j * 2 + slot.k')}, 'organization', ${id(TAG.organization, 'j')},
               CASE WHEN slot.k = 0 THEN 'legal' ELSE 'actual' END, 'Россия',
               (100000 + ${hash('j * 2 + slot.k', 100, 800000)})::text,
               ${cityField('region', 'a.ci')}, ${cityField('city', 'a.ci')},
               ${street('j * 2 + slot.k', 101)} || CASE WHEN slot.k = 0 THEN ', оф. ' || (1 + ${hash('j', 103, 400)})::text ELSE '' END,
               slot.k
        FROM generate_series(1, ${sql.lit(O)}) AS s(j)
        CROSS JOIN (VALUES (0), (1)) AS slot(k)
        CROSS JOIN LATERAL (SELECT (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('j', 2, WEIGHTED_CITY_INDEXES.length)}] AS ci) AS a
        WHERE slot.k = 0 OR ${hash('j', 104, 100)} < 60`.execute(trx);
      const personAddresses = await sql`
        INSERT INTO addresses (id, owner_type, owner_id, kind, country, postal_code, region, city, street, position)
        SELECT ${id(TAG.personAddress, 'i')}, 'person', ${id(TAG.person, 'i')}, 'postal', 'Россия',
               (100000 + ${hash('i', 105, 800000)})::text, ${cityField('region', 'c.ci')}, ${cityField('city', 'c.ci')},
               ${street('i', 106)} || ', кв. ' || (1 + ${hash('i', 108, 300)})::text, 0
        FROM generate_series(1, ${sql.lit(P)}) AS s(i)
        CROSS JOIN LATERAL (SELECT (${intArray(WEIGHTED_CITY_INDEXES)})[1 + ${hash('i', 109, WEIGHTED_CITY_INDEXES.length)}] AS ci) AS c
        WHERE ${hash('i', 110, 100)} < 15`.execute(trx);
      return inserted(orgAddresses) + inserted(personAddresses);
    }, (n) => n);

    await timed(steps, log, 'search terms (distinct words of names)', async () =>
      inserted(
        await sql`
          INSERT INTO search_terms (term)
          SELECT DISTINCT w FROM (
            SELECT regexp_split_to_table(search_text, ${SEARCH_WORD_SEPARATOR}) AS w FROM organizations
            UNION ALL
            SELECT regexp_split_to_table(search_text, ${SEARCH_WORD_SEPARATOR}) FROM persons
          ) AS words
          WHERE length(w) BETWEEN ${sql.lit(MIN_TERM_LENGTH)} AND ${sql.lit(MAX_TERM_LENGTH)}
          ON CONFLICT (term) DO NOTHING`.execute(trx),
      ),
      (n) => n,
    );

    for (const index of indexes) {
      await timed(steps, log, `index ${index.name}`, () => sql.raw(index.definition).execute(trx));
    }
  });

  await timed(steps, log, 'analyze', async () => {
    for (const table of CLIENT_TABLES) await sql`ANALYZE ${sql.table(table)}`.execute(db);
  });
  const counts: Record<string, number> = {};
  for (const table of CLIENT_TABLES) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  await timed(steps, log, 'check references and a sample of values', async () => {
    await checkIntegrity(db);
    await checkSample(db);
  });
  return { size, users, steps, counts, generateMs: performance.now() - startedAt };
}

/** Splits the (lower-cased, ё-folded) search_text into words: the rule of searchWords() in modules/search. */
export const SEARCH_WORD_SEPARATOR = '[^[:alnum:]]+';

/** Every reference the load wrote without foreign-key checks points at a row that exists. */
async function checkIntegrity(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ what: string; n: number }>`
    SELECT 'employments without their person' AS what, count(*)::int AS n FROM employments e WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = e.person_id)
    UNION ALL SELECT 'employments without their organization', count(*)::int FROM employments e WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = e.organization_id)
    UNION ALL SELECT 'persons with a missing organization', count(*)::int FROM persons p WHERE p.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = p.organization_id)
    UNION ALL SELECT 'clients with a missing responsible user', (SELECT count(*)::int FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.responsible_id))
      + (SELECT count(*)::int FROM persons p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.responsible_id))`.execute(db);
  const broken = rows.filter((r) => r.n > 0);
  if (broken.length) throw new Error(`the generator wrote broken references: ${broken.map((r) => `${r.n} ${r.what}`).join(', ')}`);
}

/**
 * The generator's SQL re-implements checksums and phone formats; a sample of what it wrote is checked
 * with the application's own rules, so the benchmark never measures a base the app would reject.
 */
async function checkSample(db: Kysely<DB>): Promise<void> {
  const orgs = await db.selectFrom('organizations').select(['inn', 'ogrn']).orderBy(sql`md5(id::text)`).limit(500).execute();
  for (const o of orgs) {
    if (!o.inn || !isValidInn(o.inn)) throw new Error(`generated an invalid INN: ${o.inn}`);
    if (!o.ogrn || !isValidOgrn(o.ogrn)) throw new Error(`generated an invalid OGRN: ${o.ogrn}`);
  }
  const contacts = await db.selectFrom('contact_points').select(['kind', 'value', 'normalized']).orderBy(sql`md5(id::text)`).limit(2000).execute();
  for (const c of contacts) {
    const normalized = c.kind === 'email' ? normalizeEmail(c.value) : normalizePhone(c.value);
    if (normalized !== c.normalized) throw new Error(`generated ${c.kind} "${c.value}" is stored as ${c.normalized}, the app makes ${normalized}`);
  }
}
