import { fakerRU } from '@faker-js/faker';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../packages/server/src/db/schema.js';
import { hashPassword } from '../packages/server/src/platform/auth/password.js';

/**
 * The benchmark's data set: departments and users, generated in SQL (`INSERT … SELECT generate_series`)
 * from small seeded dictionaries of Russian names. Row-by-row inserts from JavaScript would make the
 * generator, not the queries, the slow part once the scale grows (DESIGN.md: 1M rows took 6.6 s this way).
 */
export interface DatasetSize {
  users: number;
  departments: number;
}

export interface Dataset extends DatasetSize {
  /** Every generated user's password (hashed once with a low cost and shared, so logins stay cheap). */
  password: string;
  /** A surname to search for, and how many users match it (`q` case of the user list). */
  searchTerm: string;
  searchMatches: number;
  generateMs: number;
}

export const USER_PASSWORD = 'Bench-user-password-2026';
const SEED = 20_260_101;
const DICTIONARY_SIZE = 150;

/** A UUIDv7 computed in SQL (48-bit millisecond time, then random bits), like the ids the app makes. */
const UUID_V7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
  substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

function dictionaries() {
  fakerRU.seed(SEED);
  const unique = (make: () => string) => fakerRU.helpers.uniqueArray(make, DICTIONARY_SIZE);
  return {
    maleLast: unique(() => fakerRU.person.lastName('male')),
    femaleLast: unique(() => fakerRU.person.lastName('female')),
    maleFirst: unique(() => fakerRU.person.firstName('male')),
    femaleFirst: unique(() => fakerRU.person.firstName('female')),
    maleMiddle: unique(() => fakerRU.person.middleName('male')),
    femaleMiddle: unique(() => fakerRU.person.middleName('female')),
    cities: unique(() => fakerRU.location.city()),
    positions: ['Менеджер по продажам', 'Старший менеджер', 'Специалист сервиса', 'Аналитик', 'Ведущий менеджер', 'Стажёр'],
  };
}

const DEPARTMENT_KINDS = ['Отдел продаж', 'Сервисный центр', 'Отдел закупок', 'Отдел маркетинга', 'Отдел по работе с ключевыми клиентами'];

/**
 * A deterministic pseudo-random number in [0, n) for row `i`; each `salt` gives an independent sequence,
 * so surname, first name and department do not repeat together, and alphabetical order has nothing to do
 * with insertion order (which would flatter the name index).
 */
const hashOf = (salt: number, n: number) => sql`(abs(hashint8(i::bigint * 1000 + ${sql.lit(salt)})::bigint) % ${sql.lit(n)})::int`;
const pick = (array: readonly string[], salt: number) => sql`(${sql.val(array)}::text[])[1 + ${hashOf(salt, array.length)}]`;

export async function generateDataset(db: Kysely<DB>, size: DatasetSize): Promise<Dataset> {
  const startedAt = performance.now();
  const words = dictionaries();
  const passwordHash = await hashPassword(USER_PASSWORD, 10);
  const roles = await db.selectFrom('roles').select(['id', 'built_in']).where('built_in', 'is not', null).execute();
  const roleId = (builtIn: string) => {
    const role = roles.find((r) => r.built_in === builtIn);
    if (!role) throw new Error(`built-in role ${builtIn} is missing: run prepareDatabase first`);
    return role.id;
  };

  await db.transaction().execute(async (trx) => {
    // Departments: the first fifth are top-level, the rest sit under them (a two-level tree).
    const top = Math.max(1, Math.ceil(size.departments / 5));
    const departmentName = sql`${sql.val(DEPARTMENT_KINDS)}::text[]`;
    await sql`
      INSERT INTO departments (id, name, parent_id, updated_at)
      SELECT ${UUID_V7}, (${departmentName})[1 + (i - 1) % ${sql.lit(DEPARTMENT_KINDS.length)}] || ' — ' || ${pick(words.cities, 1)}, NULL, now()
      FROM generate_series(1, ${sql.lit(top)}) AS s(i)`.execute(trx);
    await sql`
      INSERT INTO departments (id, name, parent_id, updated_at)
      SELECT ${UUID_V7}, (${departmentName})[1 + (i - 1) % ${sql.lit(DEPARTMENT_KINDS.length)}] || ' — ' || ${pick(words.cities, 2)},
             (SELECT array_agg(id ORDER BY id) FROM departments WHERE parent_id IS NULL)[1 + i % ${sql.lit(top)}], now()
      FROM generate_series(${sql.lit(top + 1)}, ${sql.lit(size.departments)}) AS s(i)`.execute(trx);

    // Users: user i ≤ departments heads department i; of the rest about one in 10 is a senior manager,
    // one in 25 an intern, one in 50 deactivated, and one in seven never logged in.
    await sql`
      WITH d AS (SELECT array_agg(id ORDER BY id) AS ids FROM departments)
      INSERT INTO users (id, name, email, password_hash, position, phone, department_id, role_id, language, time_zone,
                         active, last_login_at, password_changed_at, created_at, updated_at)
      SELECT ${UUID_V7},
             CASE WHEN i % 2 = 0
               THEN ${pick(words.maleLast, 3)} || ' ' || ${pick(words.maleFirst, 4)} || ' ' || ${pick(words.maleMiddle, 5)}
               ELSE ${pick(words.femaleLast, 3)} || ' ' || ${pick(words.femaleFirst, 4)} || ' ' || ${pick(words.femaleMiddle, 5)}
             END,
             'user' || i || '@bench.example',
             ${passwordHash},
             ${pick(words.positions, 6)},
             '+7 9' || lpad(${hashOf(12, 1_000_000_000)}::text, 9, '0'),
             d.ids[CASE WHEN i <= cardinality(d.ids) THEN i ELSE 1 + ${hashOf(7, size.departments)} END],
             CASE WHEN i <= cardinality(d.ids) THEN ${roleId('head')}::uuid
                  WHEN ${hashOf(8, 25)} = 0 THEN ${roleId('intern')}::uuid
                  WHEN ${hashOf(8, 10)} = 0 THEN ${roleId('senior')}::uuid
                  ELSE ${roleId('manager')}::uuid END,
             'ru', 'Europe/Moscow',
             ${hashOf(9, 50)} <> 0,
             CASE WHEN ${hashOf(10, 7)} = 0 THEN NULL ELSE now() - make_interval(mins => ${hashOf(11, 129_600)}) END,
             now(),
             now() - make_interval(days => i % 730),
             now()
      FROM generate_series(1, ${sql.lit(size.users)}) AS s(i), d`.execute(trx);

    // Heads, then everyone's manager: their department's head.
    await sql`
      UPDATE departments SET head_id = u.id
      FROM users u WHERE u.department_id = departments.id AND u.role_id = ${roleId('head')}::uuid AND u.email LIKE '%@bench.example'`.execute(trx);
    await sql`
      UPDATE users SET manager_id = d.head_id
      FROM departments d WHERE users.department_id = d.id AND users.id <> d.head_id`.execute(trx);
  });
  // Planner statistics, as a database that has been running a while has (PGlite runs no autovacuum).
  await sql`ANALYZE users`.execute(db);
  await sql`ANALYZE departments`.execute(db);

  // The search case looks for a surname that a small share of users have: the list must then scan far
  // to fill a page, the harder case for an ILIKE filter.
  const searchTerm = words.maleLast[3]!;
  const matches = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE name ILIKE ${`%${searchTerm}%`}`.execute(db);
  return {
    ...size,
    password: USER_PASSWORD,
    searchTerm,
    searchMatches: matches.rows[0]?.n ?? 0,
    generateMs: performance.now() - startedAt,
  };
}
