import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, parseSort } from './pagination.js';
import { AppError } from './errors.js';

describe('keyset cursors', () => {
  it('decode what they encode', () => {
    fc.assert(
      fc.property(fc.tuple(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.uuid()), (values) => {
        expect(decodeCursor(encodeCursor(values), 2)).toEqual(values);
      }),
    );
  });

  it('turn any garbage into a field error, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          decodeCursor(garbage, 2);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).options.errors?.[0]?.field).toBe('cursor');
        }
      }),
    );
  });
});

describe('sort parameter', () => {
  it('reads direction and refuses columns that are not offered', () => {
    expect(parseSort('-name', ['name'], { name: 'users.name' })).toMatchObject({ column: 'users.name', direction: 'desc' });
    expect(parseSort('name', ['name'], { name: 'users.name' }).direction).toBe('asc');
    expect(() => parseSort('password_hash', ['name'], {})).toThrow(AppError);
  });
});
