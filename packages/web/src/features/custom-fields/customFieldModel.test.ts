import { describe, expect, it } from 'vitest';
import type { CustomFieldDefDto } from '@kontakt/shared';
import { customBody, groupBySection, toApiValue, toFormValue } from './customFieldModel';

const def = (key: string, type: CustomFieldDefDto['type'], extra: Partial<CustomFieldDefDto> = {}): CustomFieldDefDto => ({
  id: '01a2091e-7327-72aa-9f00-000000000001',
  objectType: 'organization',
  key,
  label: key,
  type,
  required: false,
  options: [],
  section: null,
  position: 0,
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...extra,
});

describe('custom field values', () => {
  it('turns stored values into inputs and back without changing them', () => {
    const cases: [CustomFieldDefDto, unknown][] = [
      [def('budget', 'money'), '1500000.00'],
      [def('segment', 'choice'), 'a'],
      [def('tags', 'multi_choice'), ['a', 'b']],
      [def('met', 'date'), '2026-03-01'],
      [def('agreed', 'checkbox'), true],
      [def('manager', 'user'), '01a2091e-7327-72aa-9f00-000000000009'],
    ];
    for (const [d, value] of cases) expect(toApiValue(d, toFormValue(d, value))).toEqual(value);
  });

  it('sends emptied inputs as null and typed numbers as typed, for the server to read', () => {
    expect(toApiValue(def('budget', 'money'), '  ')).toBeNull();
    expect(toApiValue(def('tags', 'multi_choice'), [])).toBeNull();
    expect(toApiValue(def('count', 'number'), ' 1 234,5 ')).toBe('1 234,5');
  });

  it('keeps a moment through the date-time picker (browser time in, UTC out)', () => {
    const iso = '2026-03-01T09:30:00.000Z';
    expect(toApiValue(def('at', 'datetime'), toFormValue(def('at', 'datetime'), iso))).toBe(iso);
  });

  it('puts only changed keys in the body; an unticked checkbox is not a change from "never set"', () => {
    const defs = [def('budget', 'money'), def('agreed', 'checkbox'), def('segment', 'choice')];
    const record = { budget: '100.00', segment: 'a' };
    expect(customBody(defs, record, { budget: '100.00', agreed: false, segment: 'a' })).toEqual({});
    expect(customBody(defs, record, { budget: '250', agreed: true, segment: '' })).toEqual({ budget: '250', agreed: true, segment: null });
  });

  it('orders fields into sections by position, unnamed section under its own key', () => {
    const groups = groupBySection([
      def('b', 'text', { section: 'Продажи', position: 20 }),
      def('a', 'text', { section: 'Продажи', position: 10 }),
      def('c', 'text', { section: null, position: 5 }),
    ]);
    expect(groups.map((g) => [g.section, g.fields.map((f) => f.key)])).toEqual([
      ['', ['c']],
      ['Продажи', ['a', 'b']],
    ]);
  });
});
