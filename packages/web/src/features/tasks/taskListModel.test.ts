import { describe, expect, test } from 'vitest';
import { activeFilterCount, DEFAULT_STATE, nextSort, readState, sortColumn, toQuery, writeState } from './taskListModel';

describe('task list state', () => {
  test('an empty URL is "my open tasks by time"; unknown values fall back to defaults', () => {
    expect(readState(new URLSearchParams())).toEqual(DEFAULT_STATE);
    const odd = readState(new URLSearchParams('view=everyone&sort=name&status=planned,lost&from=1.6.2025'));
    expect(odd.view).toBe('mine');
    expect(odd.sort).toBe('at');
    expect(odd.status).toEqual(['planned']);
    expect(odd.from).toBe('');
  });

  test('an empty status means every status, which differs from the default', () => {
    const all = readState(new URLSearchParams('status='));
    expect(all.status).toEqual([]);
    expect(writeState(all).toString()).toBe('status=');
    expect(activeFilterCount(all)).toBe(1);
  });

  test('what is written reads back the same, defaults left out', () => {
    const state = { ...DEFAULT_STATE, view: 'controlled' as const, overdue: true, typeIds: ['a', 'b'], organizationId: 'o', resultKey: 'reached', from: '2025-06-01', to: '2025-06-30', q: 'Ромашка', sort: '-at' as const };
    const params = writeState(state);
    expect(params.has('status')).toBe(false);
    expect(readState(params)).toEqual(state);
    expect(writeState(DEFAULT_STATE).toString()).toBe('');
  });

  test('a period of days becomes instants of the user’s zone, the end exclusive', () => {
    const query = toQuery({ ...DEFAULT_STATE, from: '2025-06-01', to: '2025-06-30', typeIds: ['t'] }, 'Europe/Moscow');
    expect(query).toMatchObject({ view: 'mine', from: '2025-05-31T21:00:00.000Z', to: '2025-06-30T21:00:00.000Z', typeId: ['t'], status: ['planned', 'in_progress'] });
    expect(toQuery({ ...DEFAULT_STATE, status: [], q: '  ' }, 'UTC')).toMatchObject({ status: undefined, q: undefined, overdue: undefined });
  });

  test('column sorting: "when" flips, other columns have one order', () => {
    expect(sortColumn('at')).toEqual({ field: 'when', descending: false });
    expect(sortColumn('-at')).toEqual({ field: 'when', descending: true });
    expect(nextSort('at', 'when')).toBe('-at');
    expect(nextSort('-at', 'when')).toBe('at');
    expect(nextSort('at', 'due')).toBe('due');
    expect(nextSort('due', 'due')).toBe('due');
    expect(sortColumn('-created')).toEqual({ field: 'created', descending: true });
  });
});
