import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CURRENT_USER_TOKEN } from '@kontakt/shared';
import type { SavedView } from './clientsApi';
import {
  DEFAULT_COLUMNS,
  listFields,
  nextSort,
  normalizeColumns,
  parseFilter,
  readListState,
  serializeFilter,
  sortField,
} from './listModel';

const view: SavedView = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  objectType: 'organization',
  name: 'Клиенты Москвы',
  shared: true,
  definition: {
    columns: ['name', 'city'],
    sort: '-createdAt',
    filter: { match: 'all', conditions: [{ field: 'city', op: 'eq', value: 'Москва' }] },
  },
};

describe('readListState', () => {
  it('starts from all records with the default columns', () => {
    const state = readListState('organization', new URLSearchParams(), []);
    expect(state).toMatchObject({ viewId: 'all', columns: DEFAULT_COLUMNS.organization, sort: 'name', modified: false, q: '' });
    expect(state.filter.conditions).toEqual([]);
  });

  it('"my clients" filters by the current user, whoever opens it', () => {
    const state = readListState('person', new URLSearchParams('view=mine'), []);
    expect(state.filter.conditions).toEqual([{ field: 'responsible', op: 'in', value: [CURRENT_USER_TOKEN] }]);
  });

  it('a saved view supplies what the URL leaves out; URL overrides mark it modified', () => {
    const plain = readListState('organization', new URLSearchParams(`view=${view.id}`), [view]);
    expect(plain).toMatchObject({ columns: ['name', 'city'], sort: '-createdAt', modified: false });
    expect(plain.filter.conditions).toHaveLength(1);

    const changed = readListState('organization', new URLSearchParams(`view=${view.id}&sort=inn&q=ром`), [view]);
    expect(changed).toMatchObject({ columns: ['name', 'city'], sort: 'inn', modified: true, q: 'ром' });
  });

  it('an empty filter in the URL overrides the view filter (the user removed every condition)', () => {
    const state = readListState('organization', new URLSearchParams(`view=${view.id}&filter=`), [view]);
    expect(state.filter.conditions).toEqual([]);
    expect(state.modified).toBe(true);
  });
});

describe('filters as text', () => {
  it('round-trips through the URL', () => {
    const filter = { match: 'any' as const, conditions: [{ field: 'kind', op: 'in' as const, value: ['client', 'lead'] }] };
    expect(parseFilter(serializeFilter(filter))).toEqual(filter);
    expect(serializeFilter({ match: 'all', conditions: [] })).toBeUndefined();
  });

  it('never throws on whatever a hand-edited link holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const filter = parseFilter(text);
        expect(Array.isArray(filter.conditions)).toBe(true);
      }),
    );
  });
});

describe('columns', () => {
  it('keep the name first, drop repeats and unknown keys', () => {
    const known = new Set(['name', 'inn', 'city', 'custom.segment']);
    expect(normalizeColumns(['city', 'name', 'inn', 'city', 'gone', 'custom.segment'], known)).toEqual(['name', 'city', 'inn', 'custom.segment']);
    expect(normalizeColumns([], null)).toEqual(['name']);
  });

  it('include active custom fields with the filter type of their kind, in their order', () => {
    const fields = listFields('person', [
      { id: '1', key: 'vip', label: 'VIP', type: 'checkbox', position: 2 },
      { id: '2', key: 'segment', label: 'Сегмент', type: 'choice', position: 1, options: [{ value: 'a', label: 'A' }] },
      { id: '3', key: 'old', label: 'Old', type: 'text', active: false },
    ]);
    const custom = fields.filter((f) => f.custom);
    expect(custom.map((f) => [f.key, f.type])).toEqual([
      ['custom.segment', 'enum'],
      ['custom.vip', 'boolean'],
    ]);
    expect(custom[0]?.options).toEqual([{ value: 'a', label: 'A' }]);
  });
});

describe('sort', () => {
  it('cycles ascending and descending on one column, starts ascending on another', () => {
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('-name', 'inn')).toBe('inn');
    expect(sortField('-createdAt')).toEqual({ field: 'createdAt', descending: true });
  });
});
