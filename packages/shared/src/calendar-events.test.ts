import { describe, expect, it } from 'vitest';
import { CALENDAR_EVENT_FIELDS, calendarEventColumnsSchema, calendarEventsFromColumns, type CalendarEventColumnsDto } from './schemas/calendar.js';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const TYPE = '01900000-0000-7000-8000-0000000000f1';

const columns: CalendarEventColumnsDto = {
  id: [A, B],
  title: ['Звонок', 'Встреча'],
  typeId: [TYPE, TYPE],
  status: ['planned', 'done'],
  anchor: ['due', 'start'],
  start: ['2026-03-03T07:00:00.000Z', '2026-03-04T07:00:00.000Z'],
  end: [null, '2026-03-04T08:00:00.000Z'],
  allDay: [false, false],
  clientName: ['ООО «Ромашка»', null],
  responsibleId: [A, A],
  userIds: [[A], [A, B]],
  overdue: [true, false],
  canEdit: [true, false],
  version: [1, 4],
};

describe('calendar events by field', () => {
  it('name every field of an event once', () => {
    expect(new Set(CALENDAR_EVENT_FIELDS).size).toBe(CALENDAR_EVENT_FIELDS.length);
    expect(Object.keys(columns).sort()).toEqual([...CALENDAR_EVENT_FIELDS].sort());
  });

  it('turn into events, the i-th entries together', () => {
    expect(calendarEventColumnsSchema.parse(columns)).toEqual(columns);
    const events = calendarEventsFromColumns(columns);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      id: B,
      title: 'Встреча',
      typeId: TYPE,
      status: 'done',
      anchor: 'start',
      start: '2026-03-04T07:00:00.000Z',
      end: '2026-03-04T08:00:00.000Z',
      allDay: false,
      clientName: null,
      responsibleId: A,
      userIds: [A, B],
      overdue: false,
      canEdit: false,
      version: 4,
    });
  });

  it('keep an event that came twice once', () => {
    const twice = Object.fromEntries(Object.entries(columns).map(([key, list]) => [key, [...list, list[0]]])) as CalendarEventColumnsDto;
    expect(calendarEventsFromColumns(twice).map((e) => e.id)).toEqual([A, B]);
  });

  it('refuse lists of the wrong kind', () => {
    expect(calendarEventColumnsSchema.safeParse({ ...columns, status: ['somewhen', 'done'] }).success).toBe(false);
  });
});
