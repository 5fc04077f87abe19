/**
 * Pure transforms of tasks for the web app: names of types and results, grouping by day with overdue ones
 * apart, and the task form's values ↔ the API bodies (times as wall clocks of the user's time zone).
 */
import type { CreateTaskBody, TaskDto, TaskListItemDto, TaskNotify, TaskTypeDto, UpdateTaskBody } from '@kontakt/shared';
import { zonedDayBoundary, zonedInstant, zonedWallTime } from '../../ui/zonedTime';
import { addDays, buildRrule, NO_REPEAT, parseRrule, type RepeatSpec } from './repeatModel';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface Named {
  id: string;
  name: string;
}

type TypeRef = Pick<TaskTypeDto, 'key' | 'name'>;

/** A built-in type is named by its key until an administrator renames it. */
export function typeLabel(type: TypeRef | null | undefined, t: Translate): string {
  if (!type) return '';
  if (type.name) return type.name;
  return type.key ? t(`tasks.types.${type.key}`, { defaultValue: type.key }) : '';
}

/** A result option's own label, else the translation of a built-in result key. */
export function resultLabel(key: string | null | undefined, type: Pick<TaskTypeDto, 'results'> | null | undefined, t: Translate): string {
  if (!key) return '';
  const own = type?.results.find((r) => r.key === key)?.label;
  return own || t(`tasks.results.${key}`, { defaultValue: key });
}

/** Tone of a result: reached / held / agreed are good news, refused / not delivered bad, the rest neutral. */
const GOOD_RESULTS = new Set(['done', 'achieved', 'reached', 'held', 'sent', 'answered', 'interested', 'agreed', 'accepted']);
const BAD_RESULTS = new Set(['not_done', 'not_achieved', 'refused', 'cancelled_by_client', 'not_delivered', 'not_interested', 'rejected']);
export function resultColor(key: string | null | undefined): string {
  if (!key) return 'gray';
  if (GOOD_RESULTS.has(key)) return 'teal';
  if (BAD_RESULTS.has(key)) return 'red';
  return 'yellow';
}

export const STATUS_COLORS: Record<string, string> = { planned: 'blue', in_progress: 'violet', done: 'teal', cancelled: 'gray' };
export const PRIORITY_COLORS: Record<string, string> = { low: 'gray', normal: 'blue', high: 'red' };

export const isOpen = (task: Pick<TaskListItemDto, 'status'>) => task.status === 'planned' || task.status === 'in_progress';

/** 'YYYY-MM-DD' of an instant in the user's zone. */
export const dayOf = (iso: string, timeZone: string) => zonedWallTime(iso, timeZone).slice(0, 10);

/** The moment a task is shown at in a day: when it starts, else its deadline, else the server's `at`. */
export const shownAt = (task: Pick<TaskListItemDto, 'startsAt' | 'dueAt' | 'at'>) => task.startsAt ?? task.dueAt ?? task.at;

/**
 * Today's tasks in time order: all-day ones first (they have no hour), then by the moment they stand at,
 * ties broken by title so the order does not jump between refreshes.
 */
export function orderDay<T extends Pick<TaskListItemDto, 'allDay' | 'startsAt' | 'dueAt' | 'at' | 'title' | 'id'>>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => {
    if (a.allDay !== b.allDay) return a.allDay ? -1 : 1;
    const d = Date.parse(shownAt(a)) - Date.parse(shownAt(b));
    return d !== 0 ? d : a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  });
}

export interface DayGroup<T> {
  day: string;
  items: T[];
}

/** Consecutive tasks of one day together, in the order given (a timeline is already sorted by the server). */
export function groupByDay<T extends Pick<TaskListItemDto, 'at'>>(tasks: readonly T[], timeZone: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const task of tasks) {
    const day = dayOf(task.at, timeZone);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(task);
    else groups.push({ day, items: [task] });
  }
  return groups;
}

/** Open tasks whose time has passed go on top, the others keep their order. */
export function splitOverdue<T extends Pick<TaskListItemDto, 'overdue'>>(tasks: readonly T[]): { overdue: T[]; rest: T[] } {
  const overdue: T[] = [];
  const rest: T[] = [];
  for (const task of tasks) (task.overdue ? overdue : rest).push(task);
  return { overdue, rest };
}

/** "today" / "yesterday" / "tomorrow" for days next to today, else null (the caller writes the date). */
export function relativeDay(day: string, today: string): 'today' | 'yesterday' | 'tomorrow' | null {
  if (day === today) return 'today';
  if (day === addDays(today, -1)) return 'yesterday';
  if (day === addDays(today, 1)) return 'tomorrow';
  return null;
}

/** Progress of a parent as a percentage of closed children (0 without children). */
export function progressPercent(progress: { total: number; closed: number }): number {
  return progress.total > 0 ? Math.round((progress.closed / progress.total) * 100) : 0;
}

// ---------- the form ----------

export const REMINDER_UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type ReminderUnit = keyof typeof REMINDER_UNITS;

export interface ReminderRow {
  anchor: 'start' | 'due' | 'absolute';
  amount: number;
  unit: ReminderUnit;
  /** For `absolute`: a wall-clock time in the user's zone. */
  at: string;
  audience: 'all' | 'responsible' | 'participants' | 'controller';
}

export interface TaskFormValues {
  typeId: string | null;
  title: string;
  description: string;
  organization: Named | null;
  person: Named | null;
  parent: Named | null;
  allDay: boolean;
  /** Wall-clock times of the user's zone ('YYYY-MM-DD HH:mm:ss'), days ('YYYY-MM-DD') when all-day, or ''. */
  startsAt: string;
  endsAt: string;
  dueAt: string;
  priority: 'low' | 'normal' | 'high';
  direction: '' | 'inbound' | 'outbound';
  plannedResult: string;
  /** On create: one or several employees (several make one task each); on edit: the first is the responsible. */
  assignees: Named[];
  participants: Named[];
  controller: Named | null;
  reminders: ReminderRow[];
  notify: TaskNotify;
  repeat: RepeatSpec;
  /** The rule as the server has it; kept when the picker cannot show it (`repeat` is then null-like). */
  rrule: string | null;
  repeatCustom: boolean;
  /** A contact that already took place: logged as done with its result. */
  done: boolean;
  resultKey: string | null;
  resultText: string;
  minutesSpent: number | '';
  interest: number;
}

/** What the calendar or a client card can prefill. */
export interface TaskFormPreset {
  typeId?: string;
  title?: string;
  organization?: Named | null;
  person?: Named | null;
  parent?: Named | null;
  startsAt?: string;
  endsAt?: string;
  dueAt?: string;
  allDay?: boolean;
  responsible?: Named;
  participants?: Named[];
  done?: boolean;
  resultKey?: string | null;
}

export function emptyValues(me: Named, preset: TaskFormPreset = {}, timeZone = 'UTC'): TaskFormValues {
  const wall = (iso?: string) => (iso ? (preset.allDay ? dayOf(iso, timeZone) : zonedWallTime(iso, timeZone)) : '');
  return {
    typeId: preset.typeId ?? null,
    title: preset.title ?? '',
    description: '',
    organization: preset.organization ?? null,
    person: preset.person ?? null,
    parent: preset.parent ?? null,
    allDay: preset.allDay ?? false,
    startsAt: wall(preset.startsAt),
    endsAt: wall(preset.endsAt),
    dueAt: wall(preset.dueAt),
    priority: 'normal',
    direction: '',
    plannedResult: '',
    assignees: [preset.responsible ?? me],
    participants: preset.participants ?? [],
    controller: null,
    reminders: [],
    notify: {},
    repeat: { ...NO_REPEAT },
    rrule: null,
    repeatCustom: false,
    done: preset.done ?? false,
    resultKey: preset.resultKey ?? null,
    resultText: '',
    minutesSpent: '',
    interest: 0,
  };
}

function reminderRow(r: TaskDto['reminders'][number], timeZone: string): ReminderRow {
  const minutes = r.offsetMinutes;
  const unit: ReminderUnit = minutes > 0 && minutes % 1440 === 0 ? 'days' : minutes > 0 && minutes % 60 === 0 ? 'hours' : 'minutes';
  return {
    anchor: r.anchor,
    amount: minutes / REMINDER_UNITS[unit],
    unit,
    at: r.anchor === 'absolute' ? zonedWallTime(r.remindAt, timeZone) : '',
    audience: r.audience,
  };
}

/** An all-day end is exclusive (the next midnight, as in iCalendar); the form shows the last day itself. */
function allDayEnd(iso: string, timeZone: string): string {
  return addDays(dayOf(iso, timeZone), -1);
}

export function taskToValues(task: TaskDto, timeZone: string): TaskFormValues {
  const firstDay = task.startsAt ?? task.dueAt ?? task.at;
  const startDay = dayOf(firstDay, timeZone);
  const spec = parseRrule(task.rrule, startDay, timeZone);
  const wall = (iso: string | null) => (iso ? (task.allDay ? dayOf(iso, timeZone) : zonedWallTime(iso, timeZone)) : '');
  return {
    typeId: task.type.id,
    title: task.title,
    description: task.description ?? '',
    organization: task.organization,
    person: task.person,
    parent: null,
    allDay: task.allDay,
    startsAt: wall(task.startsAt),
    endsAt: task.endsAt ? (task.allDay ? allDayEnd(task.endsAt, timeZone) : zonedWallTime(task.endsAt, timeZone)) : '',
    dueAt: wall(task.dueAt),
    priority: task.priority,
    direction: task.direction ?? '',
    plannedResult: task.plannedResult ?? '',
    assignees: [task.responsible],
    participants: task.participants.map(({ id, name }) => ({ id, name })),
    controller: task.controller,
    reminders: task.reminders.map((r) => reminderRow(r, timeZone)),
    notify: task.notify,
    repeat: spec ?? { ...NO_REPEAT },
    rrule: task.rrule,
    repeatCustom: spec === null,
    done: task.status === 'done',
    resultKey: task.resultKey,
    resultText: task.resultText ?? '',
    minutesSpent: task.minutesSpent ?? '',
    interest: task.interest ?? 0,
  };
}

/**
 * Turning "all day" on keeps the days; turning it off gives them usual hours (9:00 start, 10:00 end,
 * 18:00 deadline) so nothing the user picked is lost.
 */
export function switchAllDay<T extends Pick<TaskFormValues, 'allDay' | 'startsAt' | 'endsAt' | 'dueAt'>>(v: T, allDay: boolean): Pick<TaskFormValues, 'allDay' | 'startsAt' | 'endsAt' | 'dueAt'> {
  const cut = (wall: string, hour: string) => (allDay ? wall.slice(0, 10) : wall ? `${wall.slice(0, 10)} ${hour}` : '');
  return { allDay, startsAt: cut(v.startsAt, '09:00:00'), endsAt: cut(v.endsAt, '10:00:00'), dueAt: cut(v.dueAt, '18:00:00') };
}

/** The first day a task's times point at, for the repeat picker ("on this weekday"). */
export function firstDay(values: Pick<TaskFormValues, 'startsAt' | 'dueAt'>, today: string): string {
  return (values.startsAt || values.dueAt || today).slice(0, 10);
}

function instant(wall: string, timeZone: string): string | null {
  return wall ? (zonedInstant(wall, timeZone) ?? null) : null;
}

/** Times of the body: all-day tasks start at midnight, end at the midnight after their last day, are due at its end. */
function timesOf(v: TaskFormValues, timeZone: string) {
  if (v.allDay) {
    const start = v.startsAt.slice(0, 10);
    const end = v.endsAt.slice(0, 10);
    const due = v.dueAt.slice(0, 10);
    return {
      startsAt: start ? (zonedDayBoundary(start, timeZone) ?? null) : null,
      endsAt: end && end !== start ? (zonedDayBoundary(addDays(end, 1), timeZone) ?? null) : null,
      dueAt: due ? (zonedDayBoundary(due, timeZone, true) ?? null) : null,
    };
  }
  return { startsAt: instant(v.startsAt, timeZone), endsAt: instant(v.endsAt, timeZone), dueAt: instant(v.dueAt, timeZone) };
}

function remindersOf(v: TaskFormValues, timeZone: string) {
  return v.reminders.map((r) =>
    r.anchor === 'absolute'
      ? { anchor: r.anchor, at: instant(r.at, timeZone) ?? undefined, audience: r.audience }
      : { anchor: r.anchor, offsetMinutes: Math.max(0, Math.round((r.amount || 0) * REMINDER_UNITS[r.unit])), audience: r.audience },
  );
}

const text = (s: string) => (s.trim() ? s.trim() : null);

/** Every field the form edits, as the API names them; the base of both the create and the update body. */
function fullBody(v: TaskFormValues, timeZone: string, today: string) {
  const rrule = v.repeatCustom ? v.rrule : buildRrule(v.repeat, firstDay(v, today), timeZone);
  return {
    typeId: v.typeId ?? undefined,
    title: v.title.trim(),
    description: text(v.description),
    organizationId: v.organization?.id ?? null,
    personId: v.person?.id ?? null,
    priority: v.priority,
    direction: v.direction || null,
    ...timesOf(v, timeZone),
    allDay: v.allDay,
    plannedResult: text(v.plannedResult),
    responsibleId: v.assignees[0]?.id,
    controllerId: v.controller?.id ?? null,
    participantIds: v.participants.map((p) => p.id),
    reminders: remindersOf(v, timeZone),
    notify: v.notify,
    rrule,
  };
}

function resultBody(v: TaskFormValues) {
  return {
    resultKey: v.resultKey,
    resultText: text(v.resultText),
    minutesSpent: v.minutesSpent === '' ? null : v.minutesSpent,
    interest: v.interest > 0 ? v.interest : null,
  };
}

export function toCreateBody(v: TaskFormValues, timeZone: string, today: string): CreateTaskBody {
  const { responsibleId, rrule, ...rest } = fullBody(v, timeZone, today);
  const body: CreateTaskBody = { ...rest, typeId: v.typeId ?? '', parentId: v.parent?.id ?? null };
  if (v.assignees.length > 1) body.assigneeIds = v.assignees.map((a) => a.id);
  else body.responsibleId = responsibleId;
  if (rrule) body.rrule = rrule;
  if (v.done) {
    Object.assign(body, resultBody(v), { status: 'done' as const });
    body.completedAt = body.endsAt ?? body.startsAt ?? undefined;
  }
  return body;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what changed since the form opened, so the audit shows the real change and a field someone else
 * edited meanwhile is not overwritten. Participants compare as sets.
 */
export function toUpdateBody(v: TaskFormValues, initial: TaskFormValues, timeZone: string, today: string): Partial<UpdateTaskBody> {
  const next: Record<string, unknown> = { ...fullBody(v, timeZone, today), ...(v.done ? resultBody(v) : {}) };
  const before: Record<string, unknown> = { ...fullBody(initial, timeZone, today), ...(initial.done ? resultBody(initial) : {}) };
  next.participantIds = [...(next.participantIds as string[])].sort();
  before.participantIds = [...(before.participantIds as string[])].sort();
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (!same(value, before[key])) body[key] = value;
  return body as Partial<UpdateTaskBody>;
}

/** Whether the changed fields move the task in time (then a parent asks about shifting its children). */
export const movesInTime = (body: object) => 'startsAt' in body || 'dueAt' in body || 'endsAt' in body;

/** Fields of the body that the form has inputs for; others (and unknown ones) go to the form's alert. */
const FORM_FIELDS = [
  'typeId', 'title', 'description', 'organizationId', 'personId', 'parentId', 'priority', 'direction', 'startsAt',
  'endsAt', 'dueAt', 'allDay', 'plannedResult', 'responsibleId', 'assigneeIds', 'controllerId', 'participantIds',
  'reminders', 'notify', 'rrule', 'resultKey', 'resultText', 'minutesSpent', 'interest', 'completedAt',
];
/** `reminders.1.at` belongs to the reminders input, `participantIds.0` to the participants one. */
export const formField = (field: string) => field.split('.')[0] ?? field;
export const ownsFormField = (field: string) => FORM_FIELDS.includes(formField(field));

/** Errors the form can see before sending (the server checks the same and more). */
export function formProblems(v: TaskFormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.typeId) problems.typeId = 'tasks.form.required';
  if (!v.title.trim()) problems.title = 'tasks.form.required';
  if (v.assignees.length === 0) problems.responsibleId = 'tasks.form.required';
  const cut = (wall: string) => wall.slice(0, v.allDay ? 10 : 19);
  if (v.startsAt && v.endsAt && cut(v.endsAt) < cut(v.startsAt)) problems.endsAt = 'tasks.form.endBeforeStart';
  if (v.startsAt && v.dueAt && cut(v.dueAt) < cut(v.startsAt)) problems.dueAt = 'tasks.form.dueBeforeStart';
  v.reminders.forEach((r, i) => {
    if (r.anchor === 'start' && !v.startsAt) problems[`reminders.${i}`] = 'tasks.reminders.needStart';
    if (r.anchor === 'due' && !v.dueAt) problems[`reminders.${i}`] = 'tasks.reminders.needDue';
    if (r.anchor === 'absolute' && !r.at) problems[`reminders.${i}`] = 'tasks.form.required';
  });
  return problems;
}

/** A title for a quickly logged contact: "Звонок — ООО «Ромашка»". */
export function quickTitle(typeName: string, client: string | null | undefined): string {
  return client ? `${typeName} — ${client}` : typeName;
}
