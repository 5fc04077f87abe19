import { describe, expect, it } from 'vitest';
import { innerQuotes } from './locale.js';

describe('innerQuotes', () => {
  it('turns the quotes of a name into the inner pair, leaving other text as it is', () => {
    expect(`«${innerQuotes('Встреча — ООО «Ромашка»')}»`).toBe('«Встреча — ООО „Ромашка“»');
    expect(innerQuotes('Звонок Иванову')).toBe('Звонок Иванову');
  });
});
