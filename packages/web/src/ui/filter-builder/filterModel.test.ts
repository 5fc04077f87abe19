import { describe, expect, it } from 'vitest';
import { OPERATORS_BY_TYPE, FIELD_TYPES } from '@kontakt/shared';
import { isComplete, newCondition, valueShape, withOperator } from './filterModel';

describe('filter builder rules', () => {
  it('a new condition takes the first operator of its type and an empty value of the right shape', () => {
    for (const type of FIELD_TYPES) {
      const c = newCondition({ key: 'f', label: 'F', type });
      expect(c.op).toBe(OPERATORS_BY_TYPE[type][0]);
      const shape = valueShape(c.op);
      if (shape === 'list') expect(c.value).toEqual([]);
      if (type === 'boolean') expect(isComplete(c)).toBe(true);
    }
  });

  it('keeps the value when the operator keeps its shape, and carries one date into a period', () => {
    expect(withOperator({ field: 'kind', op: 'in', value: ['client'] }, 'enum', 'notIn')).toEqual({ field: 'kind', op: 'notIn', value: ['client'] });
    expect(withOperator({ field: 'createdAt', op: 'gt', value: '2026-01-01' }, 'datetime', 'between')).toEqual({ field: 'createdAt', op: 'between', value: ['2026-01-01', ''] });
    expect(withOperator({ field: 'name', op: 'contains', value: 'ром' }, 'text', 'empty')).toEqual({ field: 'name', op: 'empty', value: undefined });
  });

  it('asks for every value an operator needs', () => {
    expect(isComplete({ field: 'name', op: 'contains', value: '' })).toBe(false);
    expect(isComplete({ field: 'name', op: 'contains', value: 'ром' })).toBe(true);
    expect(isComplete({ field: 'name', op: 'notEmpty' })).toBe(true);
    expect(isComplete({ field: 'responsible', op: 'in', value: [] })).toBe(false);
    expect(isComplete({ field: 'birthDate', op: 'between', value: ['2000-01-01', ''] })).toBe(false);
    expect(isComplete({ field: 'birthDate', op: 'between', value: ['2000-01-01', '2000-12-31'] })).toBe(true);
  });
});
