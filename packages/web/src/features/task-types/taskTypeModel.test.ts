import { describe, expect, test } from 'vitest';
import type { TaskTypeDto } from '@kontakt/shared';
import { reorder, typeFormBody, typeFormValues } from './taskTypeModel';

const t = (key: string) => ({ 'tasks.types.call': 'Звонок' })[key] ?? key;
const call: TaskTypeDto = {
  id: 'c',
  key: 'call',
  name: null,
  icon: 'phone',
  color: 'green',
  results: [
    { key: 'reached', label: null },
    { key: 'no_answer', label: null },
  ],
  isContact: true,
  position: 3,
  active: true,
  version: 1,
};

describe('task type form', () => {
  test('a built-in type shows its translated name; keeping it sends nothing', () => {
    const v = typeFormValues(call, t);
    expect(v.name).toBe('Звонок');
    expect(typeFormBody(v, call, t)).toEqual({});
  });

  test('renaming sends the name; typing the translation back resets it to the built-in one', () => {
    expect(typeFormBody({ ...typeFormValues(call, t), name: 'Телефон' }, call, t)).toEqual({ name: 'Телефон' });
    const renamed = { ...call, name: 'Телефон' };
    expect(typeFormBody({ ...typeFormValues(renamed, t), name: 'Звонок' }, renamed, t)).toEqual({ name: null });
  });

  test('results keep their keys, new ones go as labels, empty new rows are dropped', () => {
    const v = typeFormValues(call, t);
    v.results = [v.results[1]!, { ...v.results[0]!, label: 'Дозвонился до ЛПР' }, { id: 'n1', key: null, label: ' Перезвонит сам ' }, { id: 'n2', key: null, label: ' ' }];
    expect(typeFormBody(v, call, t)).toEqual({
      results: [{ key: 'no_answer', label: null }, { key: 'reached', label: 'Дозвонился до ЛПР' }, { label: 'Перезвонит сам' }],
    });
  });

  test('a new type sends everything', () => {
    const v = { ...typeFormValues(null, t), name: ' Визит ', icon: 'car', results: [{ id: 'n', key: null, label: 'Состоялся' }] };
    expect(typeFormBody(v, null, t)).toEqual({ name: 'Визит', icon: 'car', color: 'blue', isContact: true, results: [{ label: 'Состоялся' }] });
  });

  test('moving a type renumbers all; moving past an end does nothing', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(reorder(items, 'c', -1)).toEqual([
      { id: 'a', position: 0 },
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
    expect(reorder(items, 'a', -1)).toEqual([]);
  });
});
