import { sql } from 'kysely';
import type { MyDayDto, TaskListItemDto } from '@kontakt/shared';
import { scopeFilter, type AccessSubject } from '../../platform/access/access.js';
import { loadTaskItems, overdueSql, taskDeadline } from './task-dto.js';
import type { Executor } from './tasks-list.queries.js';

/**
 * "My day", the first page after login (seed 003: the daily plan shown at login): today's tasks in time
 * order, the overdue ones apart on top, what waits for my check as a controller, today's reminders still to
 * come, and this week's birthdays of my clients' contact persons. "Today" is the user's own calendar day
 * (users.time_zone), so a manager in Novosibirsk and one in Kaliningrad each see their own day.
 *
 * Six index-driven queries pick ids (each bounded), then one `loadTaskItems` call loads every task shown,
 * whichever part it belongs to: the number of queries does not grow with the number of tasks.
 */
export type MyDayActor = AccessSubject & { timeZone: string };

/** Each part is capped: a list of hundreds helps nobody at login; the totals say how many there are. */
export const MY_DAY_LIMIT = 100;
export const MY_DAY_BACKLOG_LIMIT = 50;

interface DayBounds {
  date: string;
  day_start: Date;
  day_end: Date;
  week_start: string;
  week_end: string;
  now: Date;
}

/** The user's day as instants and this week (Monday to Sunday) as dates; the database knows the zone rules. */
async function dayBounds(db: Executor, timeZone: string, date: string | undefined): Promise<DayBounds> {
  const day = date ? sql`${date}::date` : sql`(now() AT TIME ZONE ${timeZone})::date`;
  const { rows } = await sql<DayBounds>`
    SELECT d::text AS date,
      d::timestamp AT TIME ZONE ${timeZone} AS day_start,
      (d + 1)::timestamp AT TIME ZONE ${timeZone} AS day_end,
      (d - (extract(isodow FROM d)::int - 1))::text AS week_start,
      (d + (7 - extract(isodow FROM d)::int))::text AS week_end,
      now() AS now
    FROM (SELECT ${day} AS d) x`.execute(db);
  return rows[0]!;
}

interface IdAt {
  id: string;
}

/** Tasks of the day: mine as responsible and those I take part in, by their time; cancelled ones are left out. */
async function todayIds(db: Executor, actor: AccessSubject, b: DayBounds): Promise<string[]> {
  const me = actor.userId;
  const scope = scopeFilter(actor, 'view', 'task');
  const { rows } = await sql<IdAt>`
    SELECT id FROM (
      (SELECT tasks.id, tasks.at FROM tasks
        WHERE tasks.responsible_id = ${me} AND tasks.at >= ${b.day_start} AND tasks.at < ${b.day_end}
          AND tasks.deleted_at IS NULL AND tasks.status <> 'cancelled' AND ${scope}
        ORDER BY tasks.at, tasks.id LIMIT ${MY_DAY_LIMIT})
      UNION
      (SELECT tasks.id, tasks.at FROM task_participants tp JOIN tasks ON tasks.id = tp.task_id
        WHERE tp.user_id = ${me} AND tp.at >= ${b.day_start} AND tp.at < ${b.day_end}
          AND tasks.deleted_at IS NULL AND tasks.status <> 'cancelled' AND ${scope}
        ORDER BY tp.at, tasks.id LIMIT ${MY_DAY_LIMIT})
    ) t ORDER BY at, id LIMIT ${MY_DAY_LIMIT}`.execute(db);
  return rows.map((r) => r.id);
}

interface EarlierRow {
  id: string;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  all_day: boolean;
}

/**
 * My open tasks that started before the day: overdue when their deadline has passed (the rule of the task
 * card, `taskDeadline`), due today when it falls within the day; the rest (running, due later) wait for their
 * day. One range of `tasks_responsible_open_idx`.
 */
async function openBeforeToday(db: Executor, actor: AccessSubject, b: DayBounds) {
  const { rows } = await sql<EarlierRow>`
    SELECT tasks.id, tasks.status, tasks.starts_at, tasks.ends_at, tasks.due_at, tasks.all_day FROM tasks
    WHERE tasks.responsible_id = ${actor.userId} AND tasks.at < ${b.day_start}
      AND tasks.deleted_at IS NULL AND tasks.status IN ('planned', 'in_progress') AND ${scopeFilter(actor, 'view', 'task')}
    ORDER BY tasks.at, tasks.id`.execute(db);
  const overdue: string[] = [];
  const dueToday: string[] = [];
  for (const row of rows) {
    const deadline = taskDeadline(row);
    if (!deadline) continue;
    if (deadline.getTime() < b.now.getTime()) overdue.push(row.id);
    else if (deadline.getTime() >= b.day_start.getTime() && deadline.getTime() < b.day_end.getTime()) dueToday.push(row.id);
  }
  return { overdue, dueToday };
}

/**
 * Waiting for me as a controller: done tasks I control whose result I have not checked (oldest completion
 * first, `tasks_to_check_idx`), then open assignments I gave that are overdue (`tasks_assigned_open_idx`).
 */
async function toCheckIds(db: Executor, actor: AccessSubject, b: DayBounds): Promise<{ ids: string[]; total: number }> {
  const me = actor.userId;
  const scope = scopeFilter(actor, 'view', 'task');
  const { rows } = await sql<{ id: string; part: number; total: number }>`
    SELECT id, part, count(*) OVER ()::int AS total FROM (
      SELECT tasks.id, 1 AS part, tasks.completed_at AS k FROM tasks
      WHERE tasks.controller_id = ${me} AND tasks.status = 'done' AND tasks.checked_at IS NULL AND tasks.deleted_at IS NULL AND ${scope}
      UNION ALL
      SELECT tasks.id, 2 AS part, tasks.at AS k FROM tasks
      WHERE tasks.created_by = ${me} AND tasks.responsible_id <> ${me} AND tasks.responsible_id <> tasks.created_by
        AND tasks.status IN ('planned', 'in_progress') AND tasks.deleted_at IS NULL AND tasks.at < ${b.now}
        AND ${overdueSql(b.now)} AND ${scope}
    ) t ORDER BY part, k, id LIMIT ${MY_DAY_BACKLOG_LIMIT}`.execute(db);
  return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
}

interface ReminderRow {
  id: string;
  task_id: string;
  remind_at: Date;
}

/**
 * Today's reminders still to come that reach me (the audience rule of the reminder delivery). Each side
 * starts from what is mine, not from the company's reminders of the day (5,000 of them cost 33 ms when each
 * was checked against its task): my open tasks as responsible and as controller through their indexes, then
 * their reminders by task; as a participant, the reminders meant for participants checked against my
 * participation by key before their task is read.
 */
async function upcomingReminders(db: Executor, actor: AccessSubject, b: DayBounds): Promise<ReminderRow[]> {
  const me = actor.userId;
  const from = b.now > b.day_start ? b.now : b.day_start;
  const scope = scopeFilter(actor, 'view', 'task');
  const open = sql`tasks.deleted_at IS NULL AND tasks.status IN ('planned', 'in_progress') AND ${scope}`;
  const due = sql`r.fired_at IS NULL AND r.remind_at >= ${from} AND r.remind_at < ${b.day_end}`;
  const { rows } = await sql<ReminderRow>`
    SELECT id, task_id, remind_at FROM (
      SELECT r.id, r.task_id, r.remind_at FROM tasks CROSS JOIN LATERAL (
        SELECT r.* FROM task_reminders r WHERE r.task_id = tasks.id AND r.audience IN ('all', 'responsible') AND ${due} OFFSET 0) r
      WHERE tasks.responsible_id = ${me} AND ${open}
      UNION
      SELECT r.id, r.task_id, r.remind_at FROM tasks CROSS JOIN LATERAL (
        SELECT r.* FROM task_reminders r WHERE r.task_id = tasks.id AND r.audience IN ('all', 'controller') AND ${due} OFFSET 0) r
      WHERE tasks.controller_id = ${me} AND ${open}
      UNION
      SELECT r.id, r.task_id, r.remind_at FROM task_reminders r
        JOIN task_participants tp ON tp.task_id = r.task_id AND tp.user_id = ${me}
        JOIN tasks ON tasks.id = r.task_id
      WHERE r.audience IN ('all', 'participants') AND ${due} AND ${open}
    ) mine
    ORDER BY remind_at, id LIMIT ${MY_DAY_LIMIT}`.execute(db);
  return rows;
}

interface BirthdayRow {
  person_id: string;
  person_name: string;
  organization_id: string | null;
  organization_name: string | null;
  birth_date: string;
  day: string;
}

/**
 * Birth month-day as the indexes of migration 0011 compute it (month × 100 + day); the text must stay the
 * index's own for the planner to use them.
 */
const BIRTH_MD = sql`((extract(month FROM persons.birth_date) * 100 + extract(day FROM persons.birth_date))::int)`;

/**
 * The week as ranges of birth month-day: one range, or two when it crosses New Year. A week ending on
 * 28 February of a common year reaches 29 February too (see `birthdays`).
 */
export function birthdayRanges(weekStart: string, weekEnd: string): Array<[number, number]> {
  const md = (day: string) => Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
  const year = Number(weekEnd.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const from = md(weekStart);
  const to = md(weekEnd) === 228 && !leap ? 229 : md(weekEnd);
  return from <= to ? [[from, to]] : [[from, 1231], [101, to]];
}

/**
 * Birthdays this week (Monday to Sunday) of the contact persons of my clients: persons I am responsible for
 * and persons of organizations I am responsible for (their primary organization or any employment), that I
 * may see. A 29 February birthday falls on 28 February in other years (Civil Code art. 192: a term ending on
 * a day the month lacks ends on its last day). Each side reads only the persons born this week, through the
 * indexes of migration 0011. The organizations' sides probe those indexes once per organization (`OFFSET 0`
 * keeps the lateral subqueries from being flattened into a join): left to itself, the planner hashes every
 * person born this week in the whole base, or every secondary employment, which cost 25 and 11 ms of 40 at a
 * million persons for a manager with 4,000 organizations. The final step looks the few persons found up by key
 * (again a lateral subquery): joined plainly, the planner overestimates them and rereads every person the
 * access rule or the month-day range admits, 41 ms of 75.
 */
async function birthdays(db: Executor, actor: AccessSubject, b: DayBounds): Promise<BirthdayRow[]> {
  const me = actor.userId;
  const inWeek = sql.join(
    birthdayRanges(b.week_start, b.week_end).map(([from, to]) => sql`${BIRTH_MD} BETWEEN ${from} AND ${to}`),
    sql` OR `,
  );
  // A live person with a birthday this week (the indexes' predicate and key).
  const bornThisWeek = sql`persons.deleted_at IS NULL AND persons.birth_date IS NOT NULL AND (${inWeek})`;
  const { rows } = await sql<BirthdayRow>`
    WITH my_organizations AS MATERIALIZED (
      SELECT o.id FROM organizations o WHERE o.responsible_id = ${me} AND o.deleted_at IS NULL
    ), mine AS (
      SELECT persons.id FROM persons WHERE persons.responsible_id = ${me} AND ${bornThisWeek}
      UNION
      SELECT p.id FROM my_organizations o CROSS JOIN LATERAL (
        SELECT persons.id FROM persons WHERE persons.organization_id = o.id AND ${bornThisWeek} OFFSET 0) p
      UNION
      SELECT e.person_id FROM my_organizations o CROSS JOIN LATERAL (
        SELECT e.person_id FROM employments e WHERE e.organization_id = o.id AND NOT e.is_primary OFFSET 0) e
    ), years AS (
      SELECT DISTINCT extract(year FROM d)::int AS y FROM (VALUES (${b.week_start}::date), (${b.week_end}::date)) v(d)
    )
    SELECT persons.id AS person_id, persons.full_name AS person_name, o.id AS organization_id, o.name AS organization_name,
      persons.birth_date::text AS birth_date, bd.day::text AS day
    FROM mine CROSS JOIN LATERAL (SELECT * FROM persons p WHERE p.id = mine.id OFFSET 0) persons
    LEFT JOIN organizations o ON o.id = persons.organization_id AND o.deleted_at IS NULL
    CROSS JOIN years
    CROSS JOIN LATERAL (
      SELECT make_date(years.y, extract(month FROM persons.birth_date)::int,
        CASE WHEN extract(month FROM persons.birth_date) = 2 AND extract(day FROM persons.birth_date) = 29
          AND NOT ((years.y % 4 = 0 AND years.y % 100 <> 0) OR years.y % 400 = 0) THEN 28
          ELSE extract(day FROM persons.birth_date)::int END) AS day
    ) bd
    WHERE persons.deleted_at IS NULL AND persons.birth_date IS NOT NULL
      AND bd.day BETWEEN ${b.week_start}::date AND ${b.week_end}::date
      AND ${scopeFilter(actor, 'view', 'person')}
    ORDER BY bd.day, persons.sort_name, persons.id
    LIMIT ${MY_DAY_LIMIT}`.execute(db);
  return rows;
}

function age(birthDate: string, day: string): number | null {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return years > 0 && years < 150 ? years : null;
}

export async function myDay(db: Executor, actor: MyDayActor, query: { date?: string | undefined }): Promise<MyDayDto> {
  const b = await dayBounds(db, actor.timeZone, query.date);
  // The parts are independent: on PostgreSQL they run side by side on pooled connections, so the page waits
  // for the slowest (the birthdays) rather than for their sum; the embedded database takes them in turn.
  const [today, earlier, check, reminders, people] = await Promise.all([
    todayIds(db, actor, b),
    openBeforeToday(db, actor, b),
    toCheckIds(db, actor, b),
    upcomingReminders(db, actor, b),
    birthdays(db, actor, b),
  ]);

  const todayAll = [...earlier.dueToday, ...today].slice(0, MY_DAY_LIMIT);
  const overdue = earlier.overdue.slice(0, MY_DAY_BACKLOG_LIMIT);
  const items = await loadTaskItems(db, actor, [...todayAll, ...overdue, ...check.ids, ...reminders.map((r) => r.task_id)]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((i): i is TaskListItemDto => !!i);

  return {
    date: b.date,
    overdue: pick(overdue),
    overdueTotal: earlier.overdue.length,
    today: pick(todayAll),
    toCheck: pick(check.ids),
    toCheckTotal: check.total,
    reminders: reminders.flatMap((r) => {
      const task = byId.get(r.task_id);
      return task ? [{ id: r.id, remindAt: new Date(r.remind_at).toISOString(), task }] : [];
    }),
    birthdays: people.map((p) => ({
      person: { id: p.person_id, name: p.person_name },
      organization: p.organization_id ? { id: p.organization_id, name: p.organization_name ?? '' } : null,
      date: p.day,
      age: age(p.birth_date, p.day),
    })),
  };
}
