import { describe, expect, test } from 'vitest';
import { buildRrule, describeRepeat, NO_REPEAT, parseRrule, repeatProblem, specFor, weekdayOf, weekOfMonth, type RepeatSpec } from './repeatModel';

const TZ = 'Europe/Moscow';
const spec = (over: Partial<RepeatSpec>): RepeatSpec => ({ ...NO_REPEAT, ...over });

describe('weekdays and weeks of a month', () => {
  test('a calendar day knows its weekday and which of its weekdays it is in the month', () => {
    expect(weekdayOf('2025-06-02')).toBe('MO');
    expect(weekdayOf('2025-06-08')).toBe('SU');
    expect(weekOfMonth('2025-06-10')).toBe(2); // second Tuesday
    expect(weekOfMonth('2025-06-01')).toBe(1);
    // The 29th of a 30-day month is in the last week: "last Sunday" exists every month, "5th" does not.
    expect(weekOfMonth('2025-06-29')).toBe(-1);
    expect(weekOfMonth('2025-06-24')).toBe(-1);
    expect(weekOfMonth('2025-06-23')).toBe(4);
  });
});

describe('buildRrule', () => {
  test('does not repeat → no rule', () => {
    expect(buildRrule(NO_REPEAT, '2025-06-02', TZ)).toBeNull();
  });

  test('every day, every second week on chosen days, workdays, yearly', () => {
    expect(buildRrule(spec({ freq: 'daily', count: 5 }), '2025-06-02', TZ)).toBe('FREQ=DAILY;COUNT=5');
    expect(buildRrule(spec({ freq: 'weekly', interval: 2, weekdays: ['TH', 'MO'], count: 8 }), '2025-06-02', TZ)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=8');
    expect(buildRrule(spec({ freq: 'workdays', interval: 3 }), '2025-06-02', TZ)).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10');
    expect(buildRrule(spec({ freq: 'yearly', count: 3 }), '2025-06-02', TZ)).toBe('FREQ=YEARLY;COUNT=3');
  });

  test('a weekly rule without chosen days repeats on the weekday of the first day', () => {
    expect(buildRrule(spec({ freq: 'weekly', weekdays: [] }), '2025-06-04', TZ)).toBe('FREQ=WEEKLY;BYDAY=WE;COUNT=10');
  });

  test('monthly on the same day, or on the same weekday of the same week', () => {
    expect(buildRrule(spec({ freq: 'monthly', monthlyBy: 'monthday' }), '2025-06-10', TZ)).toBe('FREQ=MONTHLY;BYMONTHDAY=10;COUNT=10');
    expect(buildRrule(spec({ freq: 'monthly', monthlyBy: 'weekday' }), '2025-06-10', TZ)).toBe('FREQ=MONTHLY;BYDAY=2TU;COUNT=10');
    expect(buildRrule(spec({ freq: 'monthly', monthlyBy: 'weekday' }), '2025-06-30', TZ)).toBe('FREQ=MONTHLY;BYDAY=-1MO;COUNT=10');
  });

  test('UNTIL is the end of the chosen day in the user’s zone, in UTC', () => {
    expect(buildRrule(spec({ freq: 'daily', end: 'until', until: '2025-06-30' }), '2025-06-02', TZ)).toBe('FREQ=DAILY;UNTIL=20250630T205959Z');
    expect(buildRrule(spec({ freq: 'daily', end: 'until', until: '2025-06-30' }), '2025-06-02', 'UTC')).toBe('FREQ=DAILY;UNTIL=20250630T235959Z');
  });
});

describe('parseRrule', () => {
  const roundTrips: Array<[RepeatSpec, string]> = [
    [spec({ freq: 'daily', interval: 2, count: 7 }), '2025-06-02'],
    [spec({ freq: 'workdays', count: 20 }), '2025-06-02'],
    [spec({ freq: 'weekly', weekdays: ['MO', 'FR'], interval: 2, count: 4 }), '2025-06-02'],
    [spec({ freq: 'monthly', monthlyBy: 'weekday', count: 12 }), '2025-06-10'],
    [spec({ freq: 'monthly', monthlyBy: 'monthday', end: 'until', until: '2026-06-10', count: 10 }), '2025-06-10'],
    [spec({ freq: 'yearly', end: 'until', until: '2030-01-01' }), '2025-06-10'],
  ];
  test.each(roundTrips)('what the picker builds it reads back (%o)', (s, day) => {
    const rule = buildRrule(s, day, TZ);
    const back = parseRrule(rule, day, TZ);
    expect(back).not.toBeNull();
    expect(buildRrule(back!, day, TZ)).toBe(rule);
    expect(back!.freq).toBe(s.freq);
    if (s.end === 'until') expect(back!.until).toBe(s.until);
    else expect(back!.count).toBe(s.count);
  });

  test('no rule is "does not repeat"; a prefix and lower case are accepted', () => {
    expect(parseRrule(null, '2025-06-02', TZ)?.freq).toBe('none');
    expect(parseRrule('RRULE:freq=daily;count=3', '2025-06-02', TZ)).toMatchObject({ freq: 'daily', count: 3 });
    expect(parseRrule('FREQ=DAILY;UNTIL=20250630', '2025-06-02', TZ)).toMatchObject({ end: 'until', until: '2025-06-30' });
  });

  test('rules the picker cannot show come back as null (kept as they are)', () => {
    expect(parseRrule('FREQ=HOURLY;COUNT=3', '2025-06-02', TZ)).toBeNull();
    expect(parseRrule('FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=3', '2025-06-01', TZ)).toBeNull();
    expect(parseRrule('FREQ=MONTHLY;BYDAY=3TU;COUNT=3', '2025-06-10', TZ)).toBeNull(); // not this task's week
    expect(parseRrule('FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1;COUNT=3', '2025-06-02', TZ)).toBeNull();
    expect(parseRrule('FREQ=DAILY', '2025-06-02', TZ)).toBeNull(); // never ends
    expect(parseRrule('garbage', '2025-06-02', TZ)).toBeNull();
  });
});

describe('repeatProblem', () => {
  test('a rule must end, within the server’s limits', () => {
    expect(repeatProblem(NO_REPEAT, '2025-06-02')).toBeNull();
    expect(repeatProblem(spec({ freq: 'daily', count: 0 }), '2025-06-02')).toBe('countRange');
    expect(repeatProblem(spec({ freq: 'daily', count: 501 }), '2025-06-02')).toBe('countRange');
    expect(repeatProblem(spec({ freq: 'daily', count: 500 }), '2025-06-02')).toBeNull();
    expect(repeatProblem(spec({ freq: 'daily', end: 'until', until: '' }), '2025-06-02')).toBe('untilMissing');
    expect(repeatProblem(spec({ freq: 'daily', end: 'until', until: '2025-06-01' }), '2025-06-02')).toBe('untilBeforeStart');
    expect(repeatProblem(spec({ freq: 'daily', end: 'until', until: '2031-06-01' }), '2025-06-02')).toBe('untilTooFar');
    expect(repeatProblem(spec({ freq: 'weekly', weekdays: [] }), '2025-06-02')).toBe('noWeekdays');
  });

  test('choosing a frequency fills sensible defaults from the first day', () => {
    const weekly = specFor('weekly', '2025-06-04');
    expect(weekly.weekdays).toEqual(['WE']);
    expect(weekly.until).toBe('2026-06-04');
    expect(specFor('daily', '2025-06-04').until).toBe('2025-07-04');
  });
});

describe('describeRepeat', () => {
  const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
  test('says the frequency and the end in words with localized weekday names', () => {
    const text = describeRepeat(spec({ freq: 'weekly', weekdays: ['MO', 'TH'], count: 4 }), null, '2025-06-02', t, 'ru-RU');
    expect(text).toBe('tasks.repeat.everyWeek{"count":1,"days":"пн, чт"} · tasks.repeat.times{"count":4}');
    expect(describeRepeat(null, 'FREQ=HOURLY;COUNT=2', '2025-06-02', t, 'ru-RU')).toBe('tasks.repeat.custom{"rule":"FREQ=HOURLY;COUNT=2"}');
  });
});
