import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Problems } from '../../platform/validate.js';
import { endRuleBefore, fromWallClock, occurrencesOf, parseRule, shiftByWall, wallClock } from './task-series.js';

const ZONES = ['Europe/Kyiv', 'Europe/Moscow', 'America/New_York', 'Asia/Kolkata', 'UTC'];
const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });

describe('wall-clock time', () => {
  it('round-trips: the instant found for a wall-clock time shows that same time', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        const wall = wallClock(instant, zone);
        expect(wallClock(fromWallClock(wall, zone), zone).getTime()).toBe(wall.getTime());
      }),
    );
  });

  it('moves a time by whole days keeping its local hour across a change of the clocks', () => {
    // 10:00 in Kyiv on Friday 27 March 2026 (winter time) → Monday 30 March (summer time).
    const friday = new Date('2026-03-27T08:00:00Z');
    const monday = shiftByWall(friday, wallClock(friday, 'Europe/Kyiv'), new Date(wallClock(friday, 'Europe/Kyiv').getTime() + 3 * 86_400_000), 'Europe/Kyiv');
    expect(monday.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // A time the clocks skip (03:30 on 29 March) moves forward to one that exists.
    expect(wallClock(fromWallClock(new Date('2026-03-29T03:30:00Z'), 'Europe/Kyiv'), 'Europe/Kyiv').toISOString()).toBe('2026-03-29T04:30:00.000Z');
  });
});

describe('rules', () => {
  it('never throws on any text, and either reads it or names one problem on rrule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const problems = new Problems();
        const rule = parseRule(text, problems);
        const occurrences = rule ? occurrencesOf(rule, new Date('2026-01-05T07:00:00Z'), 'Europe/Kyiv', problems) : null;
        let errors: { field: string }[] = [];
        try {
          problems.throwIfAny();
        } catch (error) {
          errors = (error as { options: { errors: { field: string }[] } }).options.errors;
        }
        if (occurrences) expect(errors).toEqual([]);
        else expect(errors.map((e) => e.field)).toEqual(['rrule']);
      }),
    );
  });

  it('reads common rules with or without the RRULE: prefix, in any case', () => {
    const problems = new Problems();
    expect(parseRule('rrule:freq=weekly;byday=mo,we;count=4', problems)?.text).toBe('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4');
    const rule = parseRule('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', problems)!;
    expect(occurrencesOf(rule, new Date('2026-01-01T07:00:00Z'), 'Europe/Moscow', problems)!.map((d) => d.toISOString())).toEqual([
      '2026-01-30T07:00:00.000Z',
      '2026-02-27T07:00:00.000Z',
      '2026-03-27T07:00:00.000Z',
    ]);
  });

  it('ends a rule just before a split, dropping its count', () => {
    expect(endRuleBefore('FREQ=WEEKLY;BYDAY=TH;COUNT=6', new Date('2026-04-09T07:00:00Z'))).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260409T065959Z');
    expect(endRuleBefore('FREQ=DAILY;UNTIL=20270101T000000Z', new Date('2026-04-09T07:00:00Z'))).toBe('FREQ=DAILY;UNTIL=20260409T065959Z');
  });
});
