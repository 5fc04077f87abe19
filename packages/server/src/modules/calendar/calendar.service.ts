import type { z } from 'zod';
import { MAX_CALENDAR_DAYS, MAX_CALENDAR_EVENTS, type calendarQuerySchema, type CalendarDto, type CalendarEventDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { Problems } from '../../platform/validate.js';
import { overdueSql } from '../tasks/task-dto.js';
import { userOwnership } from '../users/users.service.js';
import * as q from './calendar.queries.js';

type CalendarQuery = z.output<typeof calendarQuerySchema>;

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
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

/** An event for the page; the query already worked out its place in time, its client and the reader's rights. */
export function toEventDto(row: q.CalendarEventRow, chosen: ReadonlySet<string>): CalendarEventDto {
  const responsible = row.responsible_id;
  return {
    id: row.id,
    title: row.title,
    typeId: row.type_id,
    status: row.status as CalendarEventDto['status'],
    priority: row.priority as CalendarEventDto['priority'],
    anchor: row.anchor,
    start: iso(row.start),
    end: isoOrNull(row.end),
    allDay: row.all_day,
    client: row.client_type && row.client_id ? { type: row.client_type, id: row.client_id, name: row.client_name ?? '' } : null,
    responsibleId: responsible,
    userIds: chosen.has(responsible) ? [responsible, ...row.participant_ids.filter((id) => id !== responsible)] : row.participant_ids,
    overdue: row.overdue,
    canEdit: row.can_edit,
    version: row.version,
  };
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

    const users = await chosenUsers(db, actor, query.userIds);
    const userIds = users.map((u) => u.id);
    const company = await q.companyWorkingHours(db);
    const rows = await q.calendarEvents(db, {
      userIds,
      from,
      to,
      scope: scopeFilter(actor, 'view', 'task'),
      editScope: scopeFilter(actor, 'edit', 'task'),
      overdue: overdueSql(new Date()),
      limit: MAX_CALENDAR_EVENTS + 1,
    });
    // Absences are whole days: a day either side covers every time zone the period may have been cut in.
    const absences = await q.listAbsences(db, { userIds, fromDay: dayOf(from, -1), toDay: dayOf(to, 1), limit: 1000 });
    const shown = rows.slice(0, MAX_CALENDAR_EVENTS);
    const chosen = new Set(userIds);
    const types = await q.taskTypeRefs(db, [...new Set(shown.map((r) => r.type_id))]);
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
      events: shown.map((row) => toEventDto(row, chosen)),
      types,
      truncated: rows.length > MAX_CALENDAR_EVENTS,
    };
  }

  return { get };
}

export type CalendarService = ReturnType<typeof makeCalendarService>;
