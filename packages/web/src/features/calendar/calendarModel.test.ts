import { describe, expect, it } from 'vitest';
import type { CalendarDto, CalendarEventDto } from '@kontakt/shared';
import {
  absenceInputs,
  businessHoursOf,
  calendarLocale,
  colorsFor,
  eventInputs,
  moveBody,
  nextDay,
  shiftDate,
  stateFromParams,
  stateToParams,
} from './calendarModel';

const ANNA = '01900000-0000-7000-8000-00000000000a';
const BORIS = '01900000-0000-7000-8000-00000000000b';
const OTHER = '01900000-0000-7000-8000-00000000000c';

function event(over: Partial<CalendarEventDto> = {}): CalendarEventDto {
  return {
    id: '01900000-0000-7000-8000-0000000000e1',
    title: 'Встреча',
    typeId: '01900000-0000-7000-8000-0000000000f1',
    status: 'planned',
    anchor: 'start',
    start: '2026-03-03T07:00:00.000Z',
    end: '2026-03-03T08:00:00.000Z',
    allDay: false,
    clientName: null,
    responsibleId: ANNA,
    userIds: [ANNA],
    overdue: false,
    canEdit: true,
    version: 3,
    ...over,
  };
}

const users: CalendarDto['users'] = [
  { id: ANNA, name: 'Анна', workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, absences: [] },
  {
    id: BORIS,
    name: 'Борис',
    workingHours: { days: [1, 2, 3, 4, 5, 6, 7], from: '10:00', to: '16:00' },
    absences: [{ id: '01900000-0000-7000-8000-0000000000a1', kind: 'vacation', startsOn: '2026-03-05', endsOn: '2026-03-06', note: null, canEdit: false, version: 1 }],
  },
];

describe('calendar model', () => {
  it('keeps the page in the address and ignores what does not parse', () => {
    const state = stateFromParams(new URLSearchParams(`view=dayGridMonth&date=2026-03-02&users=${ANNA},${BORIS},nope,${ANNA}&layout=overlay`), 'timeGridWeek');
    expect(state).toEqual({ view: 'dayGridMonth', date: '2026-03-02', userIds: [ANNA, BORIS], layout: 'overlay' });
    expect(stateToParams(state)).toEqual({ view: 'dayGridMonth', date: '2026-03-02', users: `${ANNA},${BORIS}`, layout: 'overlay' });
    expect(stateFromParams(new URLSearchParams('view=year&date=2 марта'), 'timeGridDay')).toEqual({ view: 'timeGridDay', date: null, userIds: [], layout: 'columns' });
    expect(stateToParams({ view: 'timeGridWeek', date: null, userIds: [], layout: 'columns' })).toEqual({ view: 'timeGridWeek' });
  });

  it('follows the app language and counts weekdays from Sunday for business hours', () => {
    expect(['ru', 'uk', 'en', 'de'].map(calendarLocale)).toEqual(['ru', 'uk', 'en-gb', 'ru']);
    expect(businessHoursOf({ days: [1, 5, 6, 7], from: '09:00', to: '18:00' })).toEqual({ daysOfWeek: [1, 5, 6, 0], startTime: '09:00', endTime: '18:00' });
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(shiftDate('2026-01-31', 'dayGridMonth', 1)).toBe('2026-02-01');
    expect(shiftDate('2026-03-02', 'timeGridWeek', -1)).toBe('2026-02-23');
    expect(shiftDate('2026-03-01', 'timeGridDay', -1)).toBe('2026-02-28');
    expect(shiftDate('2026-12-28', 'listWeek', 1)).toBe('2027-01-04');
  });

  it('puts an event in the column of everyone chosen who takes part, coloured by the person', () => {
    const colors = colorsFor([ANNA, BORIS]);
    const shared = event({ userIds: [ANNA, BORIS] });
    const borisOnly = event({ id: '01900000-0000-7000-8000-0000000000e2', responsibleId: OTHER, userIds: [BORIS] });
    const data = { events: [shared, borisOnly], users };
    expect(eventInputs(data, colors, ANNA).map((e) => e.id)).toEqual([`${shared.id}:${ANNA}`]);
    const boris = eventInputs(data, colors, BORIS);
    expect(boris.map((e) => e.groupId)).toEqual([shared.id, borisOnly.id]);
    expect(boris[0]!.backgroundColor).toBe('var(--mantine-color-teal-2)');
    // Overlaid: one event each, in the colour of the first chosen person in it.
    const overlay = eventInputs(data, colors);
    expect(overlay.map((e) => [e.id, e.extendedProps.color])).toEqual([
      [shared.id, 'blue'],
      [borisOnly.id, 'teal'],
    ]);
  });

  it('lets only open events the reader may edit be dragged, and only planned ones be resized', () => {
    const colors = colorsFor([ANNA]);
    const data = (e: CalendarEventDto) => eventInputs({ events: [e], users }, colors)[0]!;
    expect(data(event())).toMatchObject({ editable: true, durationEditable: true, classNames: ['kc-event-start', 'kc-status-planned'] });
    expect(data(event({ anchor: 'due', end: null }))).toMatchObject({ editable: true, durationEditable: false });
    expect(data(event({ status: 'done', anchor: 'done' }))).toMatchObject({ editable: false, durationEditable: false });
    expect(data(event({ canEdit: false }))).toMatchObject({ editable: false });
    expect(data(event({ overdue: true })).borderColor).toBe('var(--mantine-color-red-7)');
    expect(data(event({ end: null })).end).toBeUndefined();
  });

  it('shows absences behind the days in one’s own column, and as a labelled bar in the person’s colour overlaid', () => {
    const colors = colorsFor([ANNA, BORIS]);
    const label = (kind: string, name: string | null) => (name ? `${name}: ${kind}` : kind);
    expect(absenceInputs(users, colors, label, ANNA)).toEqual([]);
    const [own] = absenceInputs(users, colors, label, BORIS);
    expect(own).toMatchObject({ start: '2026-03-05', end: '2026-03-07', allDay: true, display: 'background', backgroundColor: 'var(--mantine-color-gray-5)', title: 'vacation' });
    expect(absenceInputs(users, colors, label)[0]).toMatchObject({ display: 'block', editable: false, backgroundColor: 'var(--mantine-color-teal-1)', title: 'Борис: vacation' });
  });

  it('turns a drag into the task change: start and end, or the deadline; nothing for a done contact', () => {
    const start = new Date('2026-03-04T09:00:00.000Z');
    const end = new Date('2026-03-04T10:30:00.000Z');
    expect(moveBody({ anchor: 'start', version: 3 }, { start, end, allDay: false })).toEqual({
      startsAt: '2026-03-04T09:00:00.000Z',
      endsAt: '2026-03-04T10:30:00.000Z',
      allDay: false,
      version: 3,
    });
    expect(moveBody({ anchor: 'start', version: 3 }, { start, end: null, allDay: true })).toEqual({ startsAt: start.toISOString(), endsAt: null, allDay: true, version: 3 });
    expect(moveBody({ anchor: 'due', version: 2 }, { start, end: null, allDay: false })).toEqual({ dueAt: start.toISOString(), version: 2 });
    expect(moveBody({ anchor: 'done', version: 1 }, { start, end, allDay: false })).toBeNull();
  });
});
