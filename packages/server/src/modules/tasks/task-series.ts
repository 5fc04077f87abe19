import * as rruleModule from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import { fromWallClock, MAX_SERIES_DAYS, MAX_SERIES_OCCURRENCES, wallClock } from '@kontakt/shared';

export { fromWallClock, wallClock };
import type { Problems } from '../../platform/validate.js';

// A CommonJS package: Node's ESM loader puts it under `default`, bundlers that read its "module" field do not.
const RRule = rruleModule.RRule ?? (rruleModule as unknown as { default: typeof rruleModule }).default.RRule;

/**
 * Recurring tasks (seed 004: a weekly call to a key client) with iCalendar RRULE semantics. A series is
 * materialized: every occurrence is an ordinary task row, so lists, the calendar and reminders need no special
 * case, which is why a rule must end.
 *
 * Time zones: occurrences are computed on the wall clock of the user who sets the rule (users.time_zone), so a
 * weekly call at 10:00 in Kyiv stays at 10:00 after the clocks change. The `rrule` package computes in UTC;
 * we give it wall-clock times dressed as UTC ("floating" times) and turn each result back into an instant.
 */

/** Moves an instant by the wall-clock distance between two wall-clock times (days keep their hour across DST). */
export function shiftByWall(instant: Date, fromWall: Date, toWall: Date, timeZone: string): Date {
  return fromWallClock(new Date(wallClock(instant, timeZone).getTime() + (toWall.getTime() - fromWall.getTime())), timeZone);
}

const DAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);
const int = (min: number, max: number) => (v: string) => /^[+-]?\d{1,4}$/.test(v) && Number(v) >= min && Number(v) <= max && Number(v) !== 0;
const intList = (min: number, max: number, allowZero = false) => (v: string) =>
  v.split(',').every((x) => /^[+-]?\d{1,3}$/.test(x) && Number(x) >= min && Number(x) <= max && (allowZero || Number(x) !== 0));

/**
 * The grammar we accept, checked before the `rrule` package sees the text: it reads numbers loosely
 * (`INTERVAL=abc` made it loop forever), so every part is checked here. Minutely and secondly rules are not
 * tasks anyone plans.
 */
const PARTS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => /^(YEARLY|MONTHLY|WEEKLY|DAILY|HOURLY)$/.test(v),
  INTERVAL: int(1, 1000),
  COUNT: int(1, 100000),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: (v) => list(`(?:[+-]?\\d{1,2})?${DAY}`).test(v),
  BYMONTHDAY: intList(-31, 31),
  BYMONTH: intList(1, 12),
  BYYEARDAY: intList(-366, 366),
  BYWEEKNO: intList(-53, 53),
  BYSETPOS: intList(-366, 366),
  BYHOUR: intList(0, 23, true),
  BYMINUTE: intList(0, 59, true),
  BYSECOND: intList(0, 59, true),
  WKST: (v) => new RegExp(`^${DAY}$`).test(v),
};

export interface ParsedRule {
  /** The rule as stored: upper case, without the "RRULE:" prefix. */
  text: string;
  options: Partial<RRuleOptions>;
}

/** Reads a rule; null (with a problem on `field`) when it is unreadable or never ends. */
export function parseRule(input: string, problems: Problems, field = 'rrule'): ParsedRule | null {
  const text = input.trim().replace(/^RRULE:/i, '').toUpperCase();
  const parts = text.split(';').filter(Boolean);
  const seen = new Set<string>();
  for (const part of parts) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length > 0 || seen.has(key) || !PARTS[key]?.(value)) {
      problems.add(field, 'rrule_invalid');
      return null;
    }
    seen.add(key);
  }
  if (!seen.has('FREQ')) {
    problems.add(field, 'rrule_invalid');
    return null;
  }
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(parts.join(';'));
  } catch {
    problems.add(field, 'rrule_invalid');
    return null;
  }
  if (!options.count && !options.until) {
    problems.add(field, 'rrule_unbounded', { count: MAX_SERIES_OCCURRENCES, days: MAX_SERIES_DAYS });
    return null;
  }
  if (options.count && options.count > MAX_SERIES_OCCURRENCES) {
    problems.add(field, 'rrule_unbounded', { count: MAX_SERIES_OCCURRENCES, days: MAX_SERIES_DAYS });
    return null;
  }
  return { text: parts.join(';'), options };
}

/**
 * The occurrences of a rule from `start` (the instant of the first task's start or deadline), as instants.
 * Generation stops MAX_SERIES_DAYS after the start: a rule that would go on beyond that, or make more than
 * MAX_SERIES_OCCURRENCES tasks, is refused as unbounded; one that gives no date at all as invalid.
 */
export function occurrencesOf(rule: ParsedRule, start: Date, timeZone: string, problems: Problems, field = 'rrule'): Date[] | null {
  const dtstart = wallClock(start, timeZone);
  dtstart.setUTCMilliseconds(0);
  const horizon = new Date(dtstart.getTime() + MAX_SERIES_DAYS * 86_400_000);
  const until = rule.options.until ? wallClock(rule.options.until, timeZone) : null;
  const unbounded = () => {
    problems.add(field, 'rrule_unbounded', { count: MAX_SERIES_OCCURRENCES, days: MAX_SERIES_DAYS });
    return null;
  };
  if (until && until.getTime() > horizon.getTime()) return unbounded();
  let walls: Date[];
  try {
    const generator = new RRule({ ...rule.options, dtstart, until: until ?? horizon, tzid: null });
    walls = generator.all((_, i) => i < MAX_SERIES_OCCURRENCES + 1);
  } catch {
    problems.add(field, 'rrule_invalid');
    return null;
  }
  if (walls.length === 0) {
    problems.add(field, 'rrule_invalid');
    return null;
  }
  if (walls.length > MAX_SERIES_OCCURRENCES) return unbounded();
  // A COUNT not reached within the horizon means the series would run on past it.
  if (rule.options.count && !until && walls.length < rule.options.count) return unbounded();
  return walls.map((w) => fromWallClock(w, timeZone));
}

/** The rule of the earlier part of a split series: it now ends just before `splitAt`. */
export function endRuleBefore(ruleText: string, splitAt: Date): string {
  const until = new Date(splitAt.getTime() - 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const kept = ruleText
    .split(';')
    .filter((part) => !/^(COUNT|UNTIL)=/.test(part))
    .join(';');
  return `${kept};UNTIL=${until}`;
}
