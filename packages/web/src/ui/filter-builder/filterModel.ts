/**
 * Pure rules of the filter builder: which operators a field offers, what value each operator takes,
 * and when a condition is complete enough to send. The language itself is in @kontakt/shared (filters.ts).
 */
import { OPERATORS_BY_TYPE, type FilterCondition, type FilterFieldType, type FilterOperator } from '@kontakt/shared';

export interface FilterFieldInfo {
  key: string;
  label: string;
  type: FilterFieldType;
  /** Choices of an enum field, already translated. */
  options?: Array<{ value: string; label: string }>;
  /** Shown under a heading in the field picker ("Custom fields"). */
  group?: string;
}

export type ValueShape = 'none' | 'single' | 'pair' | 'list';

export function valueShape(op: FilterOperator): ValueShape {
  if (op === 'empty' || op === 'notEmpty') return 'none';
  if (op === 'between') return 'pair';
  if (op === 'in' || op === 'notIn') return 'list';
  return 'single';
}

export function operatorsFor(type: FilterFieldType): readonly FilterOperator[] {
  return OPERATORS_BY_TYPE[type];
}

export function newCondition(field: FilterFieldInfo): FilterCondition {
  const op = operatorsFor(field.type)[0] ?? 'eq';
  return { field: field.key, op, value: initialValue(field.type, op) };
}

function initialValue(type: FilterFieldType, op: FilterOperator): FilterCondition['value'] {
  if (type === 'boolean') return true;
  const shape = valueShape(op);
  if (shape === 'list') return [];
  if (shape === 'pair') return ['', ''];
  return shape === 'none' ? undefined : '';
}

/** Switching operator keeps what still fits (a list stays a list, a single value stays single). */
export function withOperator(condition: FilterCondition, type: FilterFieldType, op: FilterOperator): FilterCondition {
  const before = valueShape(condition.op);
  const after = valueShape(op);
  if (before === after) return { ...condition, op };
  const first = Array.isArray(condition.value) ? condition.value[0] : condition.value;
  if (after === 'pair' && before === 'single' && first !== undefined) return { field: condition.field, op, value: [first, ''] };
  if (after === 'single' && before === 'pair' && first !== undefined && first !== '') return { field: condition.field, op, value: first };
  return { field: condition.field, op, value: initialValue(type, op) };
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

export function isComplete(condition: FilterCondition): boolean {
  const shape = valueShape(condition.op);
  const value = condition.value;
  if (shape === 'none') return true;
  if (shape === 'list') return Array.isArray(value) && value.length > 0;
  if (shape === 'pair') return Array.isArray(value) && value.length === 2 && filled(value[0]) && filled(value[1]);
  return !Array.isArray(value) && filled(value);
}
