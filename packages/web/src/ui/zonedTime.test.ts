import { describe, expect, test } from 'vitest';
import { zonedDayBoundary, zonedInstant, zonedWallTime } from './zonedTime';

describe('zoned time', () => {
  test('a day starts and ends at local midnight, also when daylight saving time switches that day', () => {
    expect(zonedDayBoundary('2024-03-31', 'Europe/Berlin')).toBe('2024-03-30T23:00:00.000Z');
    expect(zonedDayBoundary('2024-03-31', 'Europe/Berlin', true)).toBe('2024-03-31T21:59:59.999Z');
    expect(zonedDayBoundary('2024-06-01', 'Europe/Moscow', true)).toBe('2024-06-01T20:59:59.999Z');
    expect(zonedDayBoundary('1.6.2024', 'Europe/Moscow')).toBeUndefined();
  });

  test('a wall clock and its instant convert both ways', () => {
    expect(zonedInstant('2024-06-01 10:30', 'Europe/Moscow')).toBe('2024-06-01T07:30:00.000Z');
    expect(zonedInstant('2024-06-01 10:30:15', 'Asia/Kolkata')).toBe('2024-06-01T05:00:15.000Z');
    expect(zonedWallTime('2024-06-01T07:30:00.000Z', 'Europe/Moscow')).toBe('2024-06-01 10:30:00');
    expect(zonedWallTime('2024-10-27T00:30:00Z', 'Europe/Kyiv')).toBe('2024-10-27 03:30:00');
    expect(zonedWallTime('2024-10-27T01:30:00Z', 'Europe/Kyiv')).toBe('2024-10-27 03:30:00');
    expect(zonedWallTime('nonsense', 'UTC')).toBe('');
  });
});
