/**
 * Pure transforms of the calendar page: API answers into FullCalendar's inputs (events, absences as
 * background, working hours as business hours), a colour per person, the URL state, and a moved or
 * resized event into the task change the server expects.
 */
import type { AbsenceKind, CalendarDto, CalendarEventDto, CalendarWithEventsDto, UpdateTaskBody, WorkingHours } from '@kontakt/shared';

export const CALENDAR_VIEWS = ['timeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];
/** Several employees: one calendar each side by side, or everyone's events in one calendar. */
export const LAYOUTS = ['columns', 'overlay'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Mantine colours given to people in the order they were added; distinct at a glance in light and dark. */
export const PERSON_COLORS = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo', 'red', 'yellow'] as const;
export const MAX_PEOPLE = 10;

export const personColor = (index: number): string => PERSON_COLORS[index % PERSON_COLORS.length]!;
export const colorVar = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;

export interface CalendarState {
  view: CalendarView;
  /** The day the view shows (YYYY-MM-DD); today when absent. */
  date: string | null;
  userIds: string[];
  layout: Layout;
}

/** The page state kept in the address, so a reload, a link or the back button gives the same calendar. */
export function stateFromParams(params: URLSearchParams, fallbackView: CalendarView): CalendarState {
  const view = params.get('view');
  const date = params.get('date');
  const ids = (params.get('users') ?? '').split(',').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? '') ? (view as CalendarView) : fallbackView,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    userIds: [...new Set(ids)].slice(0, MAX_PEOPLE),
    layout: params.get('layout') === 'overlay' ? 'overlay' : 'columns',
  };
}

export function stateToParams(state: CalendarState): Record<string, string> {
  const out: Record<string, string> = { view: state.view };
  if (state.date) out.date = state.date;
  if (state.userIds.length > 0) out.users = state.userIds.join(',');
  if (state.layout === 'overlay') out.layout = 'overlay';
  return out;
}

/** FullCalendar's locale code for the UI language (en-gb: 24-hour time and day-first dates like ru and uk). */
export function calendarLocale(language: string): 'ru' | 'uk' | 'en-gb' {
  if (language === 'uk') return 'uk';
  if (language === 'en') return 'en-gb';
  return 'ru';
}

/** The day one step back or forward: a day, a week or a month, as the view shows. */
export function shiftDate(day: string, view: CalendarView, step: -1 | 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (view === 'dayGridMonth') {
    // From the first of the month, so 31 January forward is February, not 3 March.
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + step);
  } else d.setUTCDate(d.getUTCDate() + step * (view === 'timeGridDay' ? 1 : 7));
  return d.toISOString().slice(0, 10);
}

/** Working days as FullCalendar's business hours (its days count from Sunday = 0; ISO's Sunday is 7). */
export function businessHoursOf(hours: WorkingHours) {
  return { daysOfWeek: hours.days.map((d) => d % 7), startTime: hours.from, endTime: hours.to };
}

/** The day after a date, for the exclusive end of an all-day range. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface EventColors {
  background: string;
  border: string;
  text: string;
}

/** A person's colour on an event: light fill, strong edge; done ones paler, overdue ones edged in red. */
export function eventColors(color: string, event: Pick<CalendarEventDto, 'status' | 'overdue'>): EventColors {
  const closed = event.status === 'done' || event.status === 'cancelled';
  return {
    background: colorVar(color, closed ? 1 : 2),
    border: event.overdue ? colorVar('red', 7) : colorVar(color, closed ? 4 : 7),
    text: 'var(--mantine-color-black)',
  };
}

/** What FullCalendar needs of an event, with the API's event kept for rendering and for moves. */
export interface CalendarEventInput {
  id: string;
  groupId?: string;
  title: string;
  start: string;
  end?: string;
  allDay: boolean;
  editable: boolean;
  durationEditable: boolean;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
  extendedProps: { event: CalendarEventDto; color: string };
}

export const isOpen = (event: Pick<CalendarEventDto, 'status'>) => event.status === 'planned' || event.status === 'in_progress';

/**
 * The events one calendar shows: a person's own column (`userId`) or everyone's (overlay), coloured by the
 * first chosen person taking part. A task with only a deadline is a short marker at it; a done contact stays
 * where it was done and cannot be dragged.
 */
export function eventInputs(data: Pick<CalendarWithEventsDto, 'events' | 'users'>, colors: ReadonlyMap<string, string>, userId?: string): CalendarEventInput[] {
  const order = new Map(data.users.map((u, i) => [u.id, i]));
  const out: CalendarEventInput[] = [];
  for (const event of data.events) {
    if (userId && !event.userIds.includes(userId)) continue;
    const owner = userId ?? [...event.userIds].sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99))[0] ?? event.responsibleId;
    const color = colors.get(owner) ?? 'gray';
    const c = eventColors(color, event);
    const movable = event.canEdit && isOpen(event) && event.anchor !== 'done';
    out.push({
      id: userId ? `${event.id}:${userId}` : event.id,
      groupId: event.id,
      title: event.title,
      start: event.start,
      ...(event.end ? { end: event.end } : {}),
      allDay: event.allDay,
      editable: movable,
      durationEditable: movable && event.anchor === 'start',
      backgroundColor: c.background,
      borderColor: c.border,
      textColor: c.text,
      classNames: [`kc-event-${event.anchor}`, `kc-status-${event.status}`, ...(event.overdue ? ['kc-overdue'] : [])],
      extendedProps: { event, color },
    });
  }
  return out;
}

export interface AbsenceInput {
  id: string;
  start: string;
  end: string;
  allDay: true;
  display: 'background' | 'block';
  editable: false;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
  title: string;
  extendedProps: { absenceKind: AbsenceKind; userId: string };
}

/**
 * Absences: the "away" colour of seed 004. In a person's own column they lie behind the days they cover;
 * overlaid, one person's absence must not grey out everyone's time, so it is a labelled bar in the all-day row.
 */
export function absenceInputs(
  users: CalendarDto['users'],
  colors: ReadonlyMap<string, string>,
  label: (kind: AbsenceKind, userName: string | null) => string,
  userId?: string,
): AbsenceInput[] {
  const out: AbsenceInput[] = [];
  for (const user of users) {
    if (userId && user.id !== userId) continue;
    const color = colors.get(user.id) ?? 'gray';
    for (const a of user.absences) {
      out.push({
        id: `absence:${a.id}:${userId ?? 'all'}`,
        start: a.startsOn,
        end: nextDay(a.endsOn),
        allDay: true,
        display: userId ? 'background' : 'block',
        editable: false,
        backgroundColor: userId ? 'var(--mantine-color-gray-5)' : colorVar(color, 1),
        borderColor: userId ? 'transparent' : colorVar(color, 5),
        textColor: 'var(--mantine-color-black)',
        classNames: ['kc-absence'],
        // In one's own column the name would only repeat the column's.
        title: label(a.kind, userId ? null : user.name),
        extendedProps: { absenceKind: a.kind, userId: user.id },
      });
    }
  }
  return out;
}

/**
 * The change a drag or resize makes to a task. A planned event moves its start and end (all-day when dropped
 * on the all-day row); a deadline marker moves the deadline. `null` when nothing may change.
 */
export function moveBody(
  event: Pick<CalendarEventDto, 'anchor' | 'version'>,
  moved: { start: Date; end: Date | null; allDay: boolean },
): UpdateTaskBody | null {
  if (event.anchor === 'done') return null;
  if (event.anchor === 'due') return { dueAt: moved.start.toISOString(), version: event.version };
  // FullCalendar keeps a moment without an end as one when dragged, and gives it an end when resized; an
  // all-day end is the midnight after the last day, as the tasks API has it.
  return { startsAt: moved.start.toISOString(), endsAt: moved.end ? moved.end.toISOString() : null, allDay: moved.allDay, version: event.version };
}

/** Each chosen person's colour, in the order they were chosen. */
export function colorsFor(userIds: readonly string[]): Map<string, string> {
  return new Map(userIds.map((id, i) => [id, personColor(i)]));
}
