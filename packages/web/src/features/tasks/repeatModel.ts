/**
 * The friendly repeat picker and the iCalendar RRULE it stands for. The picker covers what people ask for
 * ("every weekday", "every second week on Monday and Thursday", "the second Tuesday of each month"); a rule
 * it cannot show (written through the API) is kept as it is and described as custom. Every rule ends: after
 * a number of times or on a day, as the server requires.
 */
import { zonedInstant } from '../../ui/zonedTime';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const REPEAT_FREQS = ['none', 'daily', 'workdays', 'weekly', 'monthly', 'yearly'] as const;
export type RepeatFreq = (typeof REPEAT_FREQS)[number];

/** Limits of the server (shared contract): at most this many occurrences, at most this many days ahead. */
export const MAX_COUNT = 500;
export const MAX_DAYS = 5 * 366;

export interface RepeatSpec {
  freq: RepeatFreq;
  /** Every N days / weeks / months / years. */
  interval: number;
  /** Weekly: the days of the week. */
  weekdays: Weekday[];
  /** Monthly: on the same day of the month, or on the same weekday of the same week ("second Tuesday"). */
  monthlyBy: 'monthday' | 'weekday';
  end: 'count' | 'until';
  count: number;
  /** The last day, 'YYYY-MM-DD' in the user's time zone. */
  until: string;
}

export const NO_REPEAT: RepeatSpec = { freq: 'none', interval: 1, weekdays: [], monthlyBy: 'monthday', end: 'count', count: 10, until: '' };

/** 'YYYY-MM-DD' → its weekday code; the date is taken as a calendar day, no time zone involved. */
export function weekdayOf(day: string): Weekday {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return WEEKDAYS[(d + 6) % 7]!;
}

/** Which occurrence of its weekday a day is in its month: 1…4, or -1 for the last one (so it exists every month). */
export function weekOfMonth(day: string): number {
  const date = new Date(`${day}T12:00:00Z`);
  const dom = date.getUTCDate();
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  if (dom + 7 > daysInMonth) return -1;
  return Math.ceil(dom / 7);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A spec for a newly chosen frequency, filled from the task's first day (its weekday, its day of month). */
export function specFor(freq: RepeatFreq, startDay: string, previous: RepeatSpec = NO_REPEAT): RepeatSpec {
  const base = { ...previous, freq, interval: freq === previous.freq ? previous.interval : 1 };
  if (freq === 'weekly' && base.weekdays.length === 0) base.weekdays = [weekdayOf(startDay)];
  if (!base.until) base.until = addDays(startDay, freq === 'daily' || freq === 'workdays' ? 30 : freq === 'yearly' ? 5 * 365 : 365);
  return base;
}

function utcStamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z?$/, 'Z');
}

/**
 * The RRULE of a spec (without the "RRULE:" prefix), or null for "does not repeat". UNTIL is the end of the
 * chosen day in the user's time zone, written in UTC as RFC 5545 wants it beside a zoned start.
 */
export function buildRrule(spec: RepeatSpec, startDay: string, timeZone: string): string | null {
  if (spec.freq === 'none') return null;
  const parts: string[] = [];
  const interval = Math.max(1, Math.floor(spec.interval || 1));
  switch (spec.freq) {
    case 'daily':
      parts.push('FREQ=DAILY');
      break;
    case 'workdays':
      parts.push('FREQ=WEEKLY', 'BYDAY=MO,TU,WE,TH,FR');
      break;
    case 'weekly': {
      parts.push('FREQ=WEEKLY');
      const days = WEEKDAYS.filter((d) => spec.weekdays.includes(d));
      parts.push(`BYDAY=${(days.length > 0 ? days : [weekdayOf(startDay)]).join(',')}`);
      break;
    }
    case 'monthly':
      parts.push('FREQ=MONTHLY');
      if (spec.monthlyBy === 'weekday') parts.push(`BYDAY=${weekOfMonth(startDay)}${weekdayOf(startDay)}`);
      else parts.push(`BYMONTHDAY=${Number(startDay.slice(8, 10))}`);
      break;
    case 'yearly':
      parts.push('FREQ=YEARLY');
      break;
  }
  if (interval > 1 && spec.freq !== 'workdays') parts.splice(1, 0, `INTERVAL=${interval}`);
  if (spec.end === 'until' && spec.until) {
    const end = zonedInstant(`${spec.until} 23:59:59`, timeZone);
    if (end) parts.push(`UNTIL=${utcStamp(end)}`);
  } else {
    parts.push(`COUNT=${Math.max(1, Math.floor(spec.count || 1))}`);
  }
  return parts.join(';');
}

/** 'YYYYMMDD' or 'YYYYMMDDTHHMMSSZ' → the calendar day in the user's zone. */
function untilDay(value: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return null;
  if (!m[4] || !m[7]) return `${m[1]}-${m[2]}-${m[3]}`;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/**
 * The spec of a rule the picker can show, or null when it cannot (the rule is then kept untouched). The
 * task's first day decides what "monthly on this weekday" means, as in `buildRrule`.
 */
export function parseRrule(rrule: string | null | undefined, startDay: string, timeZone: string): RepeatSpec | null {
  if (!rrule) return { ...NO_REPEAT };
  const fields = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) return null;
    fields.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = fields.get('FREQ');
  const interval = Number(fields.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const spec: RepeatSpec = { ...NO_REPEAT, interval, until: '' };
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  if ([...fields.keys()].some((k) => !known.has(k))) return null;
  const byday = fields.get('BYDAY');
  const bymonthday = fields.get('BYMONTHDAY');

  if (freq === 'DAILY' && !byday && !bymonthday) spec.freq = 'daily';
  else if (freq === 'WEEKLY' && !bymonthday) {
    const days = (byday ?? weekdayOf(startDay)).split(',');
    if (!days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) return null;
    const workdays = days.length === 5 && WEEKDAYS.slice(0, 5).every((d) => days.includes(d));
    if (workdays && interval === 1) spec.freq = 'workdays';
    else {
      spec.freq = 'weekly';
      spec.weekdays = WEEKDAYS.filter((d) => days.includes(d));
    }
  } else if (freq === 'MONTHLY') {
    spec.freq = 'monthly';
    if (byday && !bymonthday) {
      if (byday !== `${weekOfMonth(startDay)}${weekdayOf(startDay)}`) return null;
      spec.monthlyBy = 'weekday';
    } else if (bymonthday && !byday) {
      if (Number(bymonthday) !== Number(startDay.slice(8, 10))) return null;
    } else if (byday || bymonthday) return null;
  } else if (freq === 'YEARLY' && !byday && !bymonthday) spec.freq = 'yearly';
  else return null;

  const count = fields.get('COUNT');
  const until = fields.get('UNTIL');
  if (count) {
    spec.end = 'count';
    spec.count = Number(count);
    spec.until = '';
  } else if (until) {
    const day = untilDay(until, timeZone);
    if (!day) return null;
    spec.end = 'until';
    spec.until = day;
  } else return null;
  return spec;
}

export type RepeatProblem = 'countRange' | 'untilMissing' | 'untilBeforeStart' | 'untilTooFar' | 'noWeekdays';

/** What the server would refuse, said before sending: the rule must end, and not too far away. */
export function repeatProblem(spec: RepeatSpec, startDay: string): RepeatProblem | null {
  if (spec.freq === 'none') return null;
  if (spec.freq === 'weekly' && spec.weekdays.length === 0) return 'noWeekdays';
  if (spec.end === 'count') return spec.count >= 1 && spec.count <= MAX_COUNT && Number.isInteger(spec.count) ? null : 'countRange';
  if (!spec.until) return 'untilMissing';
  if (spec.until < startDay) return 'untilBeforeStart';
  if (spec.until > addDays(startDay, MAX_DAYS)) return 'untilTooFar';
  return null;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A sentence for the rule ("Every 2 weeks on Mon, Thu · 10 times"). Weekday names and dates come from the
 * caller's Intl locale, the words from translations under `tasks.repeat`.
 */
export function describeRepeat(spec: RepeatSpec | null, rrule: string | null, startDay: string, t: Translate, locale: string): string {
  if (!spec) return t('tasks.repeat.custom', { rule: rrule ?? '' });
  if (spec.freq === 'none') return t('tasks.repeat.none');
  const dayName = (d: Weekday) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d), 12)));
  const n = spec.interval;
  let what: string;
  switch (spec.freq) {
    case 'daily':
      what = t('tasks.repeat.everyDay', { count: n });
      break;
    case 'workdays':
      what = t('tasks.repeat.everyWorkday');
      break;
    case 'weekly':
      what = t('tasks.repeat.everyWeek', { count: n, days: spec.weekdays.map(dayName).join(', ') });
      break;
    case 'monthly':
      what =
        spec.monthlyBy === 'weekday'
          ? t('tasks.repeat.everyMonthWeekday', {
              count: n,
              nth: t(`tasks.repeat.nth.${weekOfMonth(startDay)}`),
              day: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${startDay}T12:00:00Z`)),
            })
          : t('tasks.repeat.everyMonthDay', { count: n, day: Number(startDay.slice(8, 10)) });
      break;
    default:
      what = t('tasks.repeat.everyYear', { count: n });
  }
  const end =
    spec.end === 'count'
      ? t('tasks.repeat.times', { count: spec.count })
      : t('tasks.repeat.untilDay', {
          date: spec.until ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${spec.until}T12:00:00Z`)) : '—',
        });
  return `${what} · ${end}`;
}
