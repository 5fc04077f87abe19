import { describe, expect, it } from 'vitest';
import { moveActive, searchItems, subtitleOf } from './searchModel';

const org = { id: '0190a0a0-0000-7000-8000-000000000001', name: 'Ромашка', matched: 'inn' as const, matchedValue: null, kind: 'client' as const, inn: '7707083893', city: 'Москва' };
const person = { id: '0190a0a0-0000-7000-8000-000000000002', name: 'Иванов Иван', matched: 'phone' as const, matchedValue: '+7 999 123-45-67', position: 'Директор', organization: { id: org.id, name: 'Ромашка' } };

describe('search palette', () => {
  it('lists organizations first, then persons, each leading to its card', () => {
    const items = searchItems({ organizations: [org], persons: [person] });
    expect(items.map((i) => i.path)).toEqual([`/organizations/${org.id}`, `/persons/${person.id}`]);
    expect(items.map(subtitleOf)).toEqual(['7707083893 · Москва', 'Директор · Ромашка']);
  });

  it('arrow keys wrap around and start from the edge', () => {
    expect(moveActive(-1, 1, 3)).toBe(0);
    expect(moveActive(-1, -1, 3)).toBe(2);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });
});
