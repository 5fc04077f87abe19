import { describe, expect, it } from 'vitest';
import type { CustomFieldDefRow } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { Problems } from '../../platform/validate.js';
import { checkCustomValuesSync, mergeCustomValues, normalizeCustomValue } from './custom-values.js';

const def = (type: string, extra: Partial<CustomFieldDefRow> = {}): CustomFieldDefRow => ({
  id: '00000000-0000-7000-8000-000000000000',
  object_type: 'organization',
  key: `f_${type}`,
  label: type,
  type,
  required: false,
  options: [
    { value: 'a', label: 'Альфа' },
    { value: 'b', label: 'Бета' },
  ],
  section: null,
  position: 0,
  active: true,
  created_at: new Date(),
  updated_at: new Date(),
  created_by: null,
  version: 1,
  ...extra,
});

const value = (type: string, raw: unknown) => normalizeCustomValue(def(type), raw);

function problemsOf(run: (p: Problems) => void) {
  const problems = new Problems();
  run(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return (error as AppError).options.errors ?? [];
  }
}

describe('normalizeCustomValue', () => {
  it('trims text and limits its length', () => {
    expect(value('text', '  привет ')).toEqual({ ok: true, value: 'привет' });
    expect(value('text', 'x'.repeat(501))).toMatchObject({ ok: false, code: 'too_long' });
    expect(value('long_text', 'x'.repeat(5000))).toMatchObject({ ok: true });
    expect(value('text', { a: 1 })).toMatchObject({ ok: false, code: 'invalid_type' });
  });

  it('reads numbers typed the Russian way', () => {
    expect(value('number', '1 234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(value('number', '1\u00a0000')).toEqual({ ok: true, value: 1000 });
    expect(value('number', 42)).toEqual({ ok: true, value: 42 });
    expect(value('number', '12abc')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(value('number', Number.NaN)).toMatchObject({ ok: false, code: 'invalid_number' });
  });

  it('keeps money as a decimal string with two places', () => {
    expect(value('money', '1 234,5')).toEqual({ ok: true, value: '1234.50' });
    expect(value('money', 0.1)).toEqual({ ok: true, value: '0.10' });
    expect(value('money', '-7')).toEqual({ ok: true, value: '-7.00' });
    expect(value('money', '10.000')).toEqual({ ok: true, value: '10.00' });
    expect(value('money', '10.005')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(value('money', '12345678901234567')).toMatchObject({ ok: false, code: 'too_big' });
  });

  it('checks dates and date-times on the calendar', () => {
    expect(value('date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(value('date', '31.12.2024')).toEqual({ ok: true, value: '2024-12-31' });
    expect(value('date', '2023-02-29')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(value('datetime', '2024-05-01T10:00:00+03:00')).toEqual({ ok: true, value: '2024-05-01T07:00:00.000Z' });
    expect(value('datetime', '2024-05-01 10:00')).toEqual({ ok: true, value: '2024-05-01T10:00:00.000Z' });
    expect(value('datetime', 'tomorrow')).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('understands yes and no in three languages', () => {
    for (const yes of [true, 1, 'да', 'Yes', 'true', '1', 'так']) expect(value('checkbox', yes)).toEqual({ ok: true, value: true });
    for (const no of [false, 0, 'нет', 'no', 'false', '0', 'ні']) expect(value('checkbox', no)).toEqual({ ok: true, value: false });
    expect(value('checkbox', 'может быть')).toMatchObject({ ok: false, code: 'invalid_value' });
  });

  it('accepts choices by value or label', () => {
    expect(value('choice', 'a')).toEqual({ ok: true, value: 'a' });
    expect(value('choice', 'бета')).toEqual({ ok: true, value: 'b' });
    expect(value('choice', 'c')).toMatchObject({ ok: false, code: 'invalid_option' });
    expect(value('multi_choice', ['a', 'b', 'a'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(value('multi_choice', 'Альфа; b')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(value('multi_choice', ['a', 'z'])).toMatchObject({ ok: false, code: 'invalid_option' });
  });

  it('wants ids for links', () => {
    expect(value('person', '0190F000-0000-7000-8000-000000000001')).toEqual({ ok: true, value: '0190f000-0000-7000-8000-000000000001' });
    expect(value('user', 'Иванов')).toMatchObject({ ok: false, code: 'invalid_id' });
  });

  it('treats empty input as no value', () => {
    for (const empty of [null, undefined, '', '   ', []]) expect(value('text', empty)).toEqual({ ok: true, value: null });
  });
});

describe('checkCustomValuesSync', () => {
  const defs = [def('text', { key: 'note', required: true }), def('number', { key: 'size' }), def('user', { key: 'curator' })];

  it('names each field in its problem', () => {
    const errors = problemsOf((p) => checkCustomValuesSync(defs, { size: 'много', extra: 1 }, p, { partial: false }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'custom.extra', code: 'unknown_field' },
        { field: 'custom.note', code: 'required' },
        { field: 'custom.size', code: 'invalid_number' },
      ]),
    );
  });

  it('lets an update skip fields, clear optional ones, and never clear a required one', () => {
    let result: ReturnType<typeof checkCustomValuesSync> | undefined;
    const errors = problemsOf((p) => (result = checkCustomValuesSync(defs, { size: null }, p, { partial: true })));
    expect(errors).toEqual([]);
    expect(result!.values).toEqual({ size: null });
    expect(problemsOf((p) => checkCustomValuesSync(defs, { note: '' }, p, { partial: true, fieldPrefix: 'rows.3.custom' }))).toEqual([
      { field: 'rows.3.custom.note', code: 'required' },
    ]);
  });

  it('collects referenced ids for one batched check', () => {
    const id = '0190f000-0000-7000-8000-000000000001';
    const { refs } = checkCustomValuesSync(defs, { note: 'x', curator: id }, new Problems(), { partial: false });
    expect([...refs.user.keys()]).toEqual([id]);
  });
});

describe('mergeCustomValues', () => {
  it('applies changes and keeps values of other (maybe deactivated) fields', () => {
    expect(mergeCustomValues({ old: 1, size: 2, note: 'x' }, { size: null, note: 'y' })).toEqual({ old: 1, note: 'y' });
  });
});
