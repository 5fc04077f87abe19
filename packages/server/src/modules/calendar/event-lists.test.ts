import { describe, expect, it } from 'vitest';
import { joinJsonLists } from './event-lists.js';

describe('joinJsonLists', () => {
  it('joins JSON lists as PostgreSQL writes them, empty ones included, without reading them', () => {
    expect(joinJsonLists(['["a", "b"]', '[]', '["c"]'])).toBe('["a", "b","c"]');
    expect(JSON.parse(joinJsonLists(['[[1, 2]]', '[null, {"x": "]"}]']))).toEqual([[1, 2], null, { x: ']' }]);
    expect(joinJsonLists(['[]', '[]'])).toBe('[]');
    expect(joinJsonLists([])).toBe('[]');
  });
});
