import { describe, expect, test } from 'vitest';
import type { TaskDto } from '@kontakt/shared';
import {
  emptyValues,
  formProblems,
  groupByDay,
  orderDay,
  ownsFormField,
  progressPercent,
  quickTitle,
  relativeDay,
  resultLabel,
  splitOverdue,
  switchAllDay,
  taskToValues,
  toCreateBody,
  toUpdateBody,
  typeLabel,
} from './taskModel';

const TZ = 'Europe/Moscow';
const me = { id: '00000000-0000-7000-8000-000000000001', name: 'Семенова Анна' };
const other = { id: '00000000-0000-7000-8000-000000000002', name: 'Довженко Борис' };

function task(over: Partial<TaskDto> = {}): TaskDto {
  return {
    id: '00000000-0000-7000-8000-0000000000aa',
    parentId: null,
    depth: 0,
    type: { id: '00000000-0000-7000-8000-0000000000t1', key: 'call', name: null, icon: 'phone', color: 'green' },
    title: 'Позвонить',
    description: null,
    organization: { id: '00000000-0000-7000-8000-0000000000o1', name: 'ООО «Ромашка»' },
    person: null,
    dealId: null,
    status: 'planned',
    priority: 'normal',
    interest: null,
    direction: null,
    startsAt: '2025-06-02T07:00:00.000Z',
    endsAt: '2025-06-02T07:30:00.000Z',
    dueAt: null,
    allDay: false,
    at: '2025-06-02T07:00:00.000Z',
    completedAt: null,
    minutesSpent: null,
    plannedResult: null,
    resultText: null,
    resultKey: null,
    responsible: me,
    controller: null,
    author: me,
    participants: [],
    acceptedAt: null,
    checkedAt: null,
    seriesId: null,
    rrule: null,
    occurrenceAt: null,
    reminders: [],
    notify: {},
    progress: { total: 0, closed: 0 },
    overdue: false,
    canEdit: true,
    createdAt: '2025-06-01T07:00:00.000Z',
    updatedAt: '2025-06-01T07:00:00.000Z',
    version: 1,
    ...over,
  };
}

describe('names', () => {
  test('a built-in type is translated by key until renamed; a result by its own label, else by key', () => {
    const tr = (key: string) => `«${key}»`;
    expect(typeLabel({ key: 'call', name: null }, tr)).toBe('«tasks.types.call»');
    expect(typeLabel({ key: 'call', name: 'Телефон' }, tr)).toBe('Телефон');
    const type = { results: [{ key: 'reached', label: null }, { key: 'custom_1', label: 'Перезвонит сам' }] };
    expect(resultLabel('reached', type, tr)).toBe('«tasks.results.reached»');
    expect(resultLabel('custom_1', type, tr)).toBe('Перезвонит сам');
    expect(resultLabel(null, type, tr)).toBe('');
  });

  test('a quickly logged contact is titled by its type and the client', () => {
    expect(quickTitle('Звонок', 'ООО «Ромашка»')).toBe('Звонок — ООО «Ромашка»');
    expect(quickTitle('Звонок', null)).toBe('Звонок');
  });
});

describe('grouping', () => {
  const at = (iso: string, extra: Partial<TaskDto> = {}) => task({ id: iso + (extra.title ?? ''), at: iso, startsAt: iso, ...extra });

  test('tasks of one day (in the user’s zone) are grouped, the order is kept', () => {
    const groups = groupByDay([at('2025-06-02T21:30:00Z'), at('2025-06-02T10:00:00Z'), at('2025-06-01T22:00:00Z'), at('2025-05-30T10:00:00Z')], TZ);
    // 21:30Z on June 2 is already June 3 in Moscow; 22:00Z on June 1 is June 2.
    expect(groups.map((g) => [g.day, g.items.length])).toEqual([
      ['2025-06-03', 1],
      ['2025-06-02', 2],
      ['2025-05-30', 1],
    ]);
  });

  test('overdue ones go apart, the rest keeps its order', () => {
    const a = task({ id: 'a', overdue: true });
    const b = task({ id: 'b' });
    const c = task({ id: 'c', overdue: true });
    const { overdue, rest } = splitOverdue([a, b, c]);
    expect(overdue.map((x) => x.id)).toEqual(['a', 'c']);
    expect(rest.map((x) => x.id)).toEqual(['b']);
  });

  test('a day is ordered all-day first, then by the hour it starts or is due, then by title', () => {
    const list = [
      task({ id: '1', title: 'Б', startsAt: '2025-06-02T12:00:00Z', at: '2025-06-02T12:00:00Z' }),
      task({ id: '2', title: 'А', startsAt: null, dueAt: '2025-06-02T09:00:00Z', at: '2025-06-02T09:00:00Z' }),
      task({ id: '3', title: 'В', allDay: true, startsAt: '2025-06-01T21:00:00Z', at: '2025-06-01T21:00:00Z' }),
      task({ id: '4', title: 'А', startsAt: '2025-06-02T12:00:00Z', at: '2025-06-02T12:00:00Z' }),
    ];
    expect(orderDay(list).map((x) => x.id)).toEqual(['3', '2', '4', '1']);
  });

  test('today, yesterday and tomorrow are named, other days are not', () => {
    expect(relativeDay('2025-06-02', '2025-06-02')).toBe('today');
    expect(relativeDay('2025-06-01', '2025-06-02')).toBe('yesterday');
    expect(relativeDay('2025-07-01', '2025-06-30')).toBe('tomorrow');
    expect(relativeDay('2025-06-05', '2025-06-02')).toBeNull();
  });

  test('progress of a parent is the share of closed children', () => {
    expect(progressPercent({ total: 0, closed: 0 })).toBe(0);
    expect(progressPercent({ total: 3, closed: 1 })).toBe(33);
    expect(progressPercent({ total: 4, closed: 4 })).toBe(100);
  });
});

describe('the form and the API bodies', () => {
  const today = '2025-06-02';

  test('a new meeting: wall times of the user’s zone become instants, one assignee is the responsible', () => {
    const v = { ...emptyValues(me), typeId: 'type-1', title: '  Встреча  ', startsAt: '2025-06-02 10:00:00', endsAt: '2025-06-02 11:30:00' };
    v.reminders = [
      { anchor: 'start', amount: 1, unit: 'hours', at: '', audience: 'all' },
      { anchor: 'absolute', amount: 0, unit: 'minutes', at: '2025-06-01 18:00:00', audience: 'participants' },
    ];
    const body = toCreateBody(v, TZ, today);
    expect(body).toMatchObject({
      typeId: 'type-1',
      title: 'Встреча',
      startsAt: '2025-06-02T07:00:00.000Z',
      endsAt: '2025-06-02T08:30:00.000Z',
      dueAt: null,
      responsibleId: me.id,
      reminders: [
        { anchor: 'start', offsetMinutes: 60, audience: 'all' },
        { anchor: 'absolute', at: '2025-06-01T15:00:00.000Z', audience: 'participants' },
      ],
    });
    expect(body).not.toHaveProperty('assigneeIds');
    expect(body).not.toHaveProperty('rrule');
    expect(body).not.toHaveProperty('status');
  });

  test('several assignees make one task each; a repeat becomes a rule; a done contact carries its result', () => {
    const v = { ...emptyValues(me), typeId: 't', title: 'Звонок', startsAt: '2025-06-02 10:00:00', assignees: [me, other] };
    v.repeat = { freq: 'weekly', interval: 1, weekdays: ['MO'], monthlyBy: 'monthday', end: 'count', count: 4, until: '' };
    const body = toCreateBody(v, TZ, today);
    expect(body.assigneeIds).toEqual([me.id, other.id]);
    expect(body).not.toHaveProperty('responsibleId');
    expect(body.rrule).toBe('FREQ=WEEKLY;BYDAY=MO;COUNT=4');

    const done = toCreateBody({ ...v, assignees: [me], repeat: { ...v.repeat, freq: 'none' }, done: true, resultKey: 'reached', minutesSpent: 5, interest: 4 }, TZ, today);
    expect(done).toMatchObject({ status: 'done', resultKey: 'reached', minutesSpent: 5, interest: 4, completedAt: '2025-06-02T07:00:00.000Z' });
  });

  test('all-day: starts at midnight, ends at the midnight after the last day, due at the end of its day', () => {
    const v = { ...emptyValues(me), typeId: 't', title: 'Выставка', allDay: true, startsAt: '2025-06-02', endsAt: '2025-06-04', dueAt: '2025-06-04' };
    expect(toCreateBody(v, TZ, today)).toMatchObject({
      allDay: true,
      startsAt: '2025-06-01T21:00:00.000Z',
      endsAt: '2025-06-04T21:00:00.000Z',
      dueAt: '2025-06-04T20:59:59.999Z',
    });
    // One day: no end.
    expect(toCreateBody({ ...v, endsAt: '2025-06-02' }, TZ, today).endsAt).toBeNull();
  });

  test('a task read back into the form gives the same body, and only changes are sent', () => {
    const dto = task({
      allDay: false,
      participants: [{ ...other, acceptedAt: null }],
      reminders: [{ id: 'r', anchor: 'start', offsetMinutes: 1440, audience: 'all', remindAt: '2025-06-01T07:00:00.000Z', firedAt: null }],
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
    });
    const initial = taskToValues(dto, TZ);
    expect(initial.startsAt).toBe('2025-06-02 10:00:00');
    expect(initial.reminders[0]).toMatchObject({ amount: 1, unit: 'days' });
    expect(initial.repeat.freq).toBe('weekly');
    expect(toUpdateBody(initial, initial, TZ, today)).toEqual({});

    const changed = { ...initial, title: 'Перезвонить', participants: [other, me], priority: 'high' as const };
    expect(toUpdateBody(changed, initial, TZ, today)).toEqual({ title: 'Перезвонить', participantIds: [other.id, me.id].sort(), priority: 'high' });
    // The same people in another order are no change.
    const reordered = { ...initial, participants: [...initial.participants].reverse() };
    expect(toUpdateBody(reordered, initial, TZ, today)).toEqual({});
  });

  test('an all-day task read back shows its last day, not the exclusive end', () => {
    const dto = task({ allDay: true, startsAt: '2025-06-01T21:00:00.000Z', endsAt: '2025-06-04T21:00:00.000Z' });
    const v = taskToValues(dto, TZ);
    expect([v.startsAt, v.endsAt]).toEqual(['2025-06-02', '2025-06-04']);
  });

  test('a rule the picker cannot show is kept untouched', () => {
    const dto = task({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6' });
    const v = taskToValues(dto, TZ);
    expect(v.repeatCustom).toBe(true);
    expect(toUpdateBody({ ...v, title: 'Другое' }, v, TZ, today)).toEqual({ title: 'Другое' });
  });

  test('problems seen before sending: required fields, an end or deadline before the start, reminders without their time', () => {
    const v = { ...emptyValues(me), assignees: [], startsAt: '2025-06-02 10:00:00', endsAt: '2025-06-02 09:00:00', dueAt: '2025-06-01 10:00:00' };
    v.reminders = [{ anchor: 'due', amount: 1, unit: 'hours', at: '', audience: 'all' }];
    expect(formProblems(v)).toEqual({
      typeId: 'tasks.form.required',
      title: 'tasks.form.required',
      responsibleId: 'tasks.form.required',
      endsAt: 'tasks.form.endBeforeStart',
      dueAt: 'tasks.form.dueBeforeStart',
    });
    expect(formProblems({ ...v, dueAt: '' })['reminders.0']).toBe('tasks.reminders.needDue');
  });

  test('server messages land on the inputs the form has', () => {
    expect(ownsFormField('reminders.1.at')).toBe(true);
    expect(ownsFormField('participantIds.0')).toBe(true);
    expect(ownsFormField('version')).toBe(false);
  });

  test('switching all-day keeps the days and gives back usual hours', () => {
    const timed = { allDay: false, startsAt: '2025-06-02 14:30:00', endsAt: '', dueAt: '2025-06-03 12:00:00' };
    const day = switchAllDay(timed, true);
    expect(day).toEqual({ allDay: true, startsAt: '2025-06-02', endsAt: '', dueAt: '2025-06-03' });
    expect(switchAllDay(day, false)).toEqual({ allDay: false, startsAt: '2025-06-02 09:00:00', endsAt: '', dueAt: '2025-06-03 18:00:00' });
  });
});
