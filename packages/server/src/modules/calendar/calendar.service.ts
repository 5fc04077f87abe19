import type { z } from 'zod';
import { MAX_CALENDAR_DAYS, MAX_CALENDAR_EVENTS, type calendarQuerySchema, type CalendarDto, type CalendarEventColumnsDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { rawJson } from '../../platform/http/serialize-json.js';
import { Problems } from '../../platform/validate.js';
import { overdueSql } from '../tasks/task-dto.js';
import { userOwnership } from '../users/users.service.js';
import * as q from './calendar.queries.js';
import { joinEventParts } from './event-lists.js';

type CalendarQuery = z.output<typeof calendarQuerySchema>;

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString();
/** A date (YYYY-MM-DD) `days` away from an instant, in UTC. */
const dayOf = (d: Date, days = 0) => new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** The employees the actor asked for, checked: each one must be visible to the actor. */
export async function chosenUsers(db: ServiceDeps['db'], actor: Actor, ids: readonly string[] | undefined, field = 'userIds') {
  const wanted = ids && ids.length > 0 ? [...new Set(ids)] : [actor.userId];
  const rows = await q.visibleUsers(db, wanted, actor.userId, scopeFilter(actor, 'view', 'user'));
  if (rows.length !== wanted.length) {
    const problems = new Problems();
    const found = new Set(rows.map((r) => r.id));
    wanted.forEach((id, index) => found.has(id) || problems.add(`${field}.${index}`, 'not_found'));
    problems.throwIfAny();
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.map((id) => byId.get(id)!);
}

/**
 * The period in two halves, asked for side by side: on PostgreSQL each runs on its own pooled connection, so
 * a busy week's events are found and written as JSON by two server processes at once (PGlite takes them in turn).
 */
function halves(from: Date, to: Date) {
  const middle = new Date(from.getTime() + Math.floor((to.getTime() - from.getTime()) / 2));
  return [
    { from, to: middle, first: true },
    { from: middle, to, first: false },
  ];
}

/** What the calendar page shows: the chosen employees' events, absences and working hours in a period. */
export function makeCalendarService({ db }: ServiceDeps) {
  async function get(actor: Actor, query: CalendarQuery): Promise<CalendarDto> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const problems = new Problems();
    if (to.getTime() <= from.getTime()) problems.add('to', 'before_start');
    else if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * DAY_MS) problems.add('to', 'too_big', { max: MAX_CALENDAR_DAYS });
    problems.throwIfAny();

    const now = new Date();
    const users = await chosenUsers(db, actor, query.userIds);
    const userIds = users.map((u) => u.id);
    const eventArgs = {
      userIds,
      from,
      to,
      scope: scopeFilter(actor, 'view', 'task'),
      editScope: scopeFilter(actor, 'edit', 'task'),
      overdue: overdueSql(now),
      limit: MAX_CALENDAR_EVENTS,
    };
    // Independent reads side by side (one connection each on PostgreSQL): the page waits for the slowest.
    const [company, parts, absences] = await Promise.all([
      q.companyWorkingHours(db),
      Promise.all(halves(from, to).map((slice) => q.calendarEvents(db, { ...eventArgs, slice }))),
      // Absences are whole days: a day either side covers every time zone the period may have been cut in.
      q.listAbsences(db, { userIds, fromDay: dayOf(from, -1), toDay: dayOf(to, 1), limit: 1000 }),
    ]);
    const found = joinEventParts(parts, MAX_CALENDAR_EVENTS);
    const types = await q.taskTypeRefs(db, found.typeIds);
    return {
      from: iso(from),
      to: iso(to),
      users: users.map((u) => ({
        id: u.id,
        name: u.name,
        workingHours: u.working_hours ?? company.working_hours,
        absences: absences
          .filter((a) => a.user_id === u.id)
          .map((a) => ({
            id: a.id,
            kind: a.kind as CalendarDto['users'][number]['absences'][number]['kind'],
            startsOn: a.starts_on,
            endsOn: a.ends_on,
            note: a.note,
            canEdit: a.user_id === actor.userId || can(actor, 'edit', 'user', userOwnership({ id: u.id, department_id: u.department_id })),
            version: a.version,
          })),
      })),
      events: rawJson<CalendarEventColumnsDto>(found.events),
      types,
      truncated: found.truncated,
    };
  }

  return { get };
}

export type CalendarService = ReturnType<typeof makeCalendarService>;
