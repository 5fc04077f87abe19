import { z } from 'zod';
import { optionalText, refSchema, versionSchema } from './common.js';
import { TASK_STATUSES, taskTypeRefSchema } from './tasks.js';

/**
 * The calendar (seed 004, "Календарь – все дела сотрудника за выбранный интервал"): the tasks of one or
 * several employees in a period, their absences (busy / free / away) and working hours, and a private
 * iCalendar feed per user for phone and desktop calendar apps.
 */

// ---------- working hours ----------

/** "HH:MM", 00:00–23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Working days (ISO weekdays, 1 = Monday … 7 = Sunday) and the working time of each of them. */
export const workingHoursSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).max(7),
  from: clockTime,
  to: clockTime,
});
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const companyWorkingHoursSchema = z.object({ workingHours: workingHoursSchema, canEdit: z.boolean(), version: z.number().int() });
export const updateCompanyWorkingHoursBodySchema = z.object({ workingHours: workingHoursSchema, version: versionSchema });

export const userWorkingHoursSchema = z.object({
  user: refSchema,
  /** What applies: the user's own hours, or the company's when the user has none. */
  workingHours: workingHoursSchema,
  /** The user's own hours (null: the company's apply). */
  own: workingHoursSchema.nullable(),
  company: workingHoursSchema,
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type UserWorkingHoursDto = z.infer<typeof userWorkingHoursSchema>;
/** `workingHours: null` returns the user to the company's hours. */
export const updateUserWorkingHoursBodySchema = z.object({ workingHours: workingHoursSchema.nullable(), version: versionSchema });

// ---------- absences ----------

export const ABSENCE_KINDS = ['vacation', 'sick_leave', 'business_trip', 'day_off', 'other'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
/** The longest single absence; a longer one is almost surely a typo in the year. */
export const MAX_ABSENCE_DAYS = 366;

export const absenceSchema = z.object({
  id: z.uuid(),
  user: refSchema,
  kind: z.enum(ABSENCE_KINDS),
  /** First and last day away, both inclusive (YYYY-MM-DD). */
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string().nullable(),
  createdBy: refSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** May the reader change or delete it (the employee, or whoever may edit that employee). */
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type AbsenceDto = z.infer<typeof absenceSchema>;

const day = z.iso.date();
export const createAbsenceBodySchema = z.object({
  /** Whose absence; the actor's own when omitted. */
  userId: z.uuid().optional(),
  kind: z.enum(ABSENCE_KINDS),
  startsOn: day,
  endsOn: day,
  note: optionalText(1000),
});
export type CreateAbsenceBody = z.input<typeof createAbsenceBodySchema>;
export const updateAbsenceBodySchema = z.object({
  kind: z.enum(ABSENCE_KINDS).optional(),
  startsOn: day.optional(),
  endsOn: day.optional(),
  note: optionalText(1000),
  version: versionSchema,
});
export type UpdateAbsenceBody = z.input<typeof updateAbsenceBodySchema>;

/** One or several user ids, as repeated keys or comma-separated. */
const userIdList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.uuid()).max(50));

export const absenceListQuerySchema = z.object({
  /** Whose absences; the actor's own when omitted. */
  userIds: userIdList.optional(),
  /** Absences touching this period (dates, both inclusive); without them, from today on. */
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export const absenceListSchema = z.object({ items: z.array(absenceSchema), nextCursor: z.string().nullable() });

// ---------- the calendar ----------

/** The most employees shown at once, and the longest period one request may cover. */
export const MAX_CALENDAR_USERS = 30;
export const MAX_CALENDAR_DAYS = 62;
/** More events than this in one answer are cut (`truncated`): narrow the period or the people. */
export const MAX_CALENDAR_EVENTS = 3000;

export const calendarQuerySchema = z.object({
  /** The period shown: from inclusive, to exclusive (ISO instants with an offset). */
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** The employees; the actor alone when omitted. */
  userIds: userIdList.pipe(z.array(z.uuid()).max(MAX_CALENDAR_USERS)).optional(),
});
export type CalendarQuery = z.input<typeof calendarQuerySchema>;

/** Where an event stands: its planned start (to its planned end), its deadline alone, or when it was done. */
export const CALENDAR_EVENT_ANCHORS = ['start', 'due', 'done'] as const;
export type CalendarEventAnchor = (typeof CALENDAR_EVENT_ANCHORS)[number];

/** A task in the calendar, lean: a week of 20 busy employees is thousands of them. */
export const calendarEventSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  typeId: z.uuid(),
  status: z.enum(TASK_STATUSES),
  /** `start`: startsAt (to endsAt, null for a moment); `due`: a task with only a deadline shows at it; `done`: its completion. */
  anchor: z.enum(CALENDAR_EVENT_ANCHORS),
  start: z.string(),
  end: z.string().nullable(),
  allDay: z.boolean(),
  /**
   * The client's name: its organization, or its contact person when it has none. The page shows the name
   * only (the task, opened from the event, links to the client); a busy week is thousands of events.
   */
  clientName: z.string().nullable(),
  responsibleId: z.uuid(),
  /** The chosen employees taking part (responsible first, then participants): the columns it shows in. */
  userIds: z.array(z.uuid()),
  overdue: z.boolean(),
  /** May the reader move and resize it (the task edit right). */
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type CalendarEventDto = z.infer<typeof calendarEventSchema>;

/** An event's fields, in the order the answer's lists give them. */
export const CALENDAR_EVENT_FIELDS = Object.keys(calendarEventSchema.shape) as (keyof CalendarEventDto)[];

/** The events of a calendar answer as one list per field: the i-th entry of every list belongs to the i-th event. */
export type CalendarEventColumnsDto = { [K in keyof CalendarEventDto]: CalendarEventDto[K][] };

/**
 * A busy week of twenty employees is thousands of events, so the answer carries them by field rather than as
 * objects: no field name repeated per event, and the server passes on the lists PostgreSQL writes.
 */
export const calendarEventColumnsSchema = z
  .object(Object.fromEntries(Object.entries(calendarEventSchema.shape).map(([key, field]) => [key, z.array(field)])))
  .describe('The events, one list per field: the i-th entry of every list belongs to the i-th event.') as unknown as z.ZodType<CalendarEventColumnsDto>;

/**
 * The events of an answer as a list of events, as the page uses them. The server reads a period in two halves
 * side by side, so an event moved across the middle at that very moment may come twice: the first is kept.
 */
export function calendarEventsFromColumns(columns: CalendarEventColumnsDto): CalendarEventDto[] {
  const seen = new Set<string>();
  const events: CalendarEventDto[] = [];
  columns.id.forEach((id, i) => {
    if (seen.has(id)) return;
    seen.add(id);
    events.push(Object.fromEntries(CALENDAR_EVENT_FIELDS.map((key) => [key, columns[key][i]])) as CalendarEventDto);
  });
  return events;
}

export const calendarAbsenceSchema = absenceSchema.pick({ id: true, kind: true, startsOn: true, endsOn: true, note: true, canEdit: true, version: true });
export const calendarUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  workingHours: workingHoursSchema,
  absences: z.array(calendarAbsenceSchema),
});
export type CalendarUserDto = z.infer<typeof calendarUserSchema>;

export const calendarSchema = z.object({
  from: z.string(),
  to: z.string(),
  users: z.array(calendarUserSchema),
  /** The events, one list per field (see calendarEventColumnsSchema; `calendarEventsFromColumns` makes them a list). */
  events: calendarEventColumnsSchema,
  /** The types of the events, once each. */
  types: z.array(taskTypeRefSchema),
  /** More events matched than MAX_CALENDAR_EVENTS: the earliest ones are given. */
  truncated: z.boolean(),
});
export type CalendarDto = z.infer<typeof calendarSchema>;
/** A calendar answer with its events as a list, as the page works with it. */
export type CalendarWithEventsDto = Omit<CalendarDto, 'events'> & { events: CalendarEventDto[] };
export const withEventList = (calendar: CalendarDto): CalendarWithEventsDto => ({ ...calendar, events: calendarEventsFromColumns(calendar.events) });

// ---------- the iCalendar feed ----------

export const calendarFeedStatusSchema = z.object({
  exists: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type CalendarFeedStatusDto = z.infer<typeof calendarFeedStatusSchema>;
/** The secret address is shown once, when it is made; only its hash is kept. */
export const calendarFeedCreatedSchema = z.object({ url: z.string(), createdAt: z.string() });
/** The feed covers this many days back and ahead. */
export const CALENDAR_FEED_DAYS_BACK = 90;
export const CALENDAR_FEED_DAYS_AHEAD = 366;
