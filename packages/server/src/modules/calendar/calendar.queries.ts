import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { CalendarEventColumnsDto } from '@kontakt/shared';
import type { DB, WorkingHours } from '../../db/schema.js';

/** The only place the calendar module talks to the database. */
export type Executor = Kysely<DB> | Transaction<DB>;

const uuids = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;
/** Events that began up to this long before the period and are still running are found by the range scans. */
const LOOKBACK = sql.raw(`interval '24 hours'`);

export interface CalendarUserRow {
  id: string;
  name: string;
  department_id: string | null;
  working_hours: WorkingHours | null;
}

/** The chosen employees the actor may see (`scope` over `users`, or themselves). */
export async function visibleUsers(db: Executor, ids: readonly string[], actorId: string, scope: Expression<SqlBool>): Promise<CalendarUserRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<CalendarUserRow>`
    SELECT users.id, users.name, users.department_id, users.working_hours
    FROM users
    WHERE users.id = ANY(${uuids(ids)}) AND (users.id = ${actorId} OR ${scope})`.execute(db);
  return result.rows;
}

export async function companyWorkingHours(db: Executor): Promise<{ working_hours: WorkingHours; version: number }> {
  const row = await db.selectFrom('company').select(['working_hours', 'version']).where('id', '=', 1).executeTakeFirst();
  return row ?? { working_hours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, version: 1 };
}

/** An instant as JavaScript's toISOString() writes it (UTC, milliseconds, "Z"), formatted by PostgreSQL. */
export const isoText = (instant: Expression<unknown>) => sql<string>`to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Part of a period's events as PostgreSQL writes them: for each field of `CalendarEventColumnsDto` the JSON
 * text of its list (passed on unread, see `calendarEventsQuery`), how many events there are (at most
 * `limit` + 1: more than `limit` means the period has too many) and the task types they use.
 */
export type CalendarEventsPart = Record<keyof CalendarEventColumnsDto, string> & { count: number; typeIds: string[] };

/**
 * Tasks of `userIds` (responsible or participant) that stand in the period, cancelled ones left out, and
 * only those `scope` (the task view filter over `tasks`) lets the actor see. Three index range scans find
 * the candidates (see migration 0010-calendar), so the cost follows the events shown, not the table size.
 * A task with neither a planned time nor a deadline nor a completion time has no place in a calendar.
 */
export async function calendarEvents(db: Kysely<DB>, args: CalendarEventsArgs): Promise<CalendarEventsPart> {
  const result = await calendarEventsQuery(args).execute(db);
  return result.rows[0]!;
}

export interface CalendarEventsArgs {
  userIds: readonly string[];
  /** The period asked for. */
  from: Date;
  to: Date;
  /**
   * The part of the period this query answers: events standing at [from, to) of the slice. The first slice
   * also finds the events that began before the period and still run in it.
   */
  slice: { from: Date; to: Date; first: boolean };
  /** The task view filter (which events the actor sees) and the edit filter (which of them they may move; SQL's null is no). */
  scope: Expression<SqlBool>;
  editScope: Expression<SqlBool>;
  /** Whether an open event is overdue, over the table named `tasks` (`overdueSql`). */
  overdue: Expression<SqlBool>;
  limit: number;
}

/** The columns each branch of the calendar query reads from `tasks` (once: no branch visits a row twice). */
const EVENT_COLUMNS = sql.raw(`t.id, t.title, t.type_id, t.status, t.starts_at, t.ends_at, t.due_at, t.completed_at,
  t.all_day, t.at, t.client_name, t.responsible_id, t.created_by, t.controller_id, t.version`);

/** Each field of `CalendarEventColumnsDto` and how it is worked out from a row of the union named `tasks`. */
function eventFields(args: CalendarEventsArgs, users: RawBuilder<unknown>): [keyof CalendarEventColumnsDto, RawBuilder<unknown>][] {
  return [
    ['id', sql`tasks.id`],
    ['title', sql`tasks.title`],
    ['typeId', sql`tasks.type_id`],
    ['status', sql`tasks.status`],
    ['anchor', sql`CASE WHEN tasks.starts_at IS NOT NULL THEN 'start' WHEN tasks.due_at IS NOT NULL THEN 'due' ELSE 'done' END`],
    ['start', isoText(sql`coalesce(tasks.starts_at, tasks.due_at, tasks.completed_at)`)],
    ['end', sql`CASE WHEN tasks.starts_at IS NOT NULL THEN ${isoText(sql`tasks.ends_at`)} END`],
    ['allDay', sql`tasks.all_day`],
    // The task's copy (migration 0013): looking thousands of clients up was a third of the query.
    ['clientName', sql`tasks.client_name`],
    ['responsibleId', sql`tasks.responsible_id`],
    [
      'userIds',
      sql`CASE WHEN tasks.responsible_id = ANY(${users}) THEN array_prepend(tasks.responsible_id, array_remove(part.ids, tasks.responsible_id))
        ELSE part.ids END`,
    ],
    ['overdue', sql`coalesce(${args.overdue}, false)`],
    ['canEdit', sql`coalesce(${args.editScope}, false)`],
    ['version', sql`tasks.version`],
  ];
}

/**
 * The query of `calendarEvents` (exported for EXPLAIN in benchmarks). Three branches that never return the
 * same task twice: the chosen employees' own tasks; tasks they take part in whose responsible is not one of
 * them; long events that began before the range scans' window (first slice only). The union is named
 * `tasks`, so the access filters apply to it as to the table.
 *
 * A busy week of twenty people is thousands of events. Each comes out as the page shows it (one start and
 * end, the client's name (the task's copy of it), the edit right and the overdue flag, by the same rules the task pages use), and
 * PostgreSQL writes them as JSON, one list per field: the server passes that text on instead of turning
 * 40,000 fields into objects and back (on PGlite, instead of copying each field out of the engine), and no
 * field name is repeated per event. All lists come from one aggregate over one ordered row stream, so their
 * entries line up; the cut at `limit` counts rows in (at, id) order.
 */
export function calendarEventsQuery(args: CalendarEventsArgs) {
  const { from, to, slice, limit } = args;
  const users = uuids(args.userIds);
  // The first slice looks back for events that began before the period: the range scans' window opens earlier.
  const windowStart = slice.first ? sql`${from}::timestamptz - ${LOOKBACK}` : sql`${slice.from}::timestamptz`;
  const windowEnd = sql`${slice.to}::timestamptz`;
  const fields = eventFields(args, users);
  const columns = sql.join(fields.map(([key, value]) => sql`${value} AS ${sql.ref(key)}`));
  const lists = sql.join(fields.map(([key]) => sql`coalesce(json_agg(${sql.ref(key)}) FILTER (WHERE n <= ${limit}), '[]')::text AS ${sql.ref(key)}`));
  const longEvents = slice.first
    ? sql`UNION ALL
        SELECT ${EVENT_COLUMNS} FROM tasks t
        WHERE t.deleted_at IS NULL AND t.ends_at - t.starts_at > interval '24 hours' AND t.ends_at > ${from} AND t.starts_at < ${to}
          AND t.at < ${windowStart}
          AND (t.responsible_id = ANY(${users}) OR EXISTS (SELECT 1 FROM task_participants y WHERE y.task_id = t.id AND y.user_id = ANY(${users})))`
    : sql``;
  // The chosen people's part in each event, from the same (user_id, at) range as the participant branch, grouped
  // once; only an event that began before that range (a long one) looks its participants up by itself.
  return sql<CalendarEventsPart>`
    WITH pp AS (
      SELECT task_id, array_agg(user_id) AS ids FROM task_participants
      WHERE user_id = ANY(${users}) AND at >= ${windowStart} AND at < ${windowEnd}
      GROUP BY task_id
    ), shown AS (
      SELECT ${columns}, row_number() OVER (ORDER BY tasks.at, tasks.id) AS n
      FROM (
        SELECT ${EVENT_COLUMNS} FROM tasks t
        WHERE t.responsible_id = ANY(${users}) AND t.deleted_at IS NULL AND t.at >= ${windowStart} AND t.at < ${windowEnd}
        UNION ALL
        SELECT DISTINCT ON (t.id) ${EVENT_COLUMNS} FROM task_participants tp JOIN tasks t ON t.id = tp.task_id
        WHERE tp.user_id = ANY(${users}) AND tp.at >= ${windowStart} AND tp.at < ${windowEnd}
          AND t.deleted_at IS NULL AND t.responsible_id <> ALL(${users})
        ${longEvents}
      ) AS tasks
      LEFT JOIN pp ON pp.task_id = tasks.id
      CROSS JOIN LATERAL (SELECT coalesce(pp.ids, CASE WHEN tasks.at < ${windowStart}
        THEN ARRAY(SELECT x.user_id FROM task_participants x WHERE x.task_id = tasks.id AND x.user_id = ANY(${users})) END, '{}') AS ids) AS part
      WHERE tasks.status <> 'cancelled'
        AND (tasks.starts_at IS NOT NULL OR tasks.due_at IS NOT NULL OR tasks.completed_at IS NOT NULL)
        AND CASE WHEN tasks.starts_at IS NOT NULL AND tasks.ends_at IS NOT NULL THEN tasks.ends_at > ${from} ELSE tasks.at >= ${from} END
        AND ${args.scope}
      ORDER BY tasks.at, tasks.id
      LIMIT ${limit + 1}
    )
    SELECT ${lists}, count(*)::int AS count,
      coalesce(array_agg(DISTINCT "typeId") FILTER (WHERE n <= ${limit}), '{}') AS "typeIds"
    FROM shown`;
}

/** The types the events use (names, icons, colours), looked up once rather than joined to every row. */
export async function taskTypeRefs(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('task_types').select(['id', 'key', 'name', 'icon', 'color']).where('id', 'in', [...ids]).execute();
}

// ---------- absences ----------

export interface AbsenceRow {
  id: string;
  user_id: string;
  user_name: string;
  user_department_id: string | null;
  kind: string;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function absencesBase(db: Executor) {
  return db
    .selectFrom('absences')
    .innerJoin('users as u', 'u.id', 'absences.user_id')
    .leftJoin('users as c', 'c.id', 'absences.created_by')
    .select([
      'absences.id',
      'absences.user_id',
      'u.name as user_name',
      'u.department_id as user_department_id',
      'absences.kind',
      'absences.starts_on',
      'absences.ends_on',
      'absences.note',
      'absences.created_by',
      'c.name as created_by_name',
      'absences.created_at',
      'absences.updated_at',
      'absences.version',
    ])
    .where('absences.deleted_at', 'is', null);
}

export async function findAbsence(db: Executor, id: string): Promise<AbsenceRow | undefined> {
  return absencesBase(db).where('absences.id', '=', id).executeTakeFirst();
}

/** Absences of these users touching [fromDay, toDay] (both inclusive; either may be open), by start then id. */
export async function listAbsences(
  db: Executor,
  args: { userIds: readonly string[]; fromDay?: string; toDay?: string; after?: { startsOn: string; id: string }; limit: number },
): Promise<AbsenceRow[]> {
  if (args.userIds.length === 0) return [];
  let query = absencesBase(db).where('absences.user_id', 'in', [...args.userIds]);
  if (args.fromDay) query = query.where('absences.ends_on', '>=', args.fromDay);
  if (args.toDay) query = query.where('absences.starts_on', '<=', args.toDay);
  if (args.after) query = query.where(sql<SqlBool>`(absences.starts_on, absences.id) > (${args.after.startsOn}::date, ${args.after.id}::uuid)`);
  return query.orderBy('absences.starts_on').orderBy('absences.id').limit(args.limit).execute();
}

/** Another live absence of the user sharing a day with [startsOn, endsOn]. */
export async function overlappingAbsence(db: Executor, userId: string, startsOn: string, endsOn: string, exceptId: string | null) {
  let query = db
    .selectFrom('absences')
    .select(['id', 'starts_on', 'ends_on'])
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('starts_on', '<=', endsOn)
    .where('ends_on', '>=', startsOn);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.orderBy('starts_on').executeTakeFirst();
}

/** Serializes absence writes of one user, so two overlapping ones cannot both pass the check. */
export async function lockUser(db: Executor, userId: string): Promise<{ id: string; name: string; department_id: string | null; active: boolean } | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'department_id', 'active']).where('id', '=', userId).forUpdate().executeTakeFirst();
}

export async function insertAbsence(
  db: Executor,
  row: { id: string; user_id: string; kind: string; starts_on: string; ends_on: string; note: string | null; created_by: string },
): Promise<void> {
  await db.insertInto('absences').values(row).execute();
}

/** Applies the change if the version still matches; false when someone changed it first. */
export async function updateAbsence(
  db: Executor,
  id: string,
  version: number,
  values: { kind: string; starts_on: string; ends_on: string; note: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('absences')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function softDeleteAbsence(db: Executor, id: string, version: number): Promise<boolean> {
  const result = await db
    .updateTable('absences')
    .set({ deleted_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------- working hours ----------

export async function userWithHours(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'name', 'department_id', 'working_hours', 'version']).where('id', '=', id).executeTakeFirst();
}

export async function setUserWorkingHours(db: Executor, id: string, version: number, hours: WorkingHours | null): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ working_hours: hours ? JSON.stringify(hours) : null, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCompanyWorkingHours(db: Executor, version: number, hours: WorkingHours): Promise<boolean> {
  const result = await db
    .updateTable('company')
    .set({ working_hours: JSON.stringify(hours), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------- the iCalendar feed ----------

export async function activeFeed(db: Executor, userId: string) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function revokeFeeds(db: Executor, userId: string): Promise<number> {
  const result = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertFeed(db: Executor, row: { id: string; user_id: string; token_hash: string }) {
  return db.insertInto('calendar_feeds').values(row).returning(['created_at']).executeTakeFirstOrThrow();
}

/** The live feed behind a token hash, with its owner (an inactive owner's feed answers nothing). */
export async function feedByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.user_id', 'f.last_used_at', 'u.name', 'u.language', 'u.time_zone', 'u.active'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchFeed(db: Executor, id: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export interface FeedTaskRow {
  id: string;
  title: string;
  description: string | null;
  type_key: string | null;
  type_name: string | null;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  completed_at: Date | null;
  all_day: boolean;
  organization_name: string | null;
  person_name: string | null;
  responsible_name: string;
  updated_at: Date;
  created_at: Date;
  version: number;
}

/**
 * The user's own tasks (responsible or participant) standing in [from, to): by being one of the two the
 * user sees them whatever their role, so the feed needs no other access rule.
 */
export async function feedTasks(db: Executor, userId: string, from: Date, to: Date, limit: number): Promise<FeedTaskRow[]> {
  const result = await sql<FeedTaskRow>`
    WITH found AS (
      SELECT t.id FROM tasks t WHERE t.responsible_id = ${userId} AND t.deleted_at IS NULL AND t.at >= ${from} AND t.at < ${to}
      UNION
      SELECT tp.task_id FROM task_participants tp WHERE tp.user_id = ${userId} AND tp.at >= ${from} AND tp.at < ${to}
    )
    SELECT t.id, t.title, t.description, ty.key AS type_key, ty.name AS type_name, t.status,
      t.starts_at, t.ends_at, t.due_at, t.completed_at, t.all_day,
      o.name AS organization_name, p.full_name AS person_name, r.name AS responsible_name,
      t.updated_at, t.created_at, t.version
    FROM found
    JOIN tasks t ON t.id = found.id
    JOIN task_types ty ON ty.id = t.type_id
    JOIN users r ON r.id = t.responsible_id
    LEFT JOIN organizations o ON o.id = t.organization_id
    LEFT JOIN persons p ON p.id = t.person_id
    WHERE t.deleted_at IS NULL AND (t.starts_at IS NOT NULL OR t.due_at IS NOT NULL)
    ORDER BY t.at, t.id
    LIMIT ${limit}`.execute(db);
  return result.rows;
}
