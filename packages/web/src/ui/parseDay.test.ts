import { describe, expect, it } from 'vitest';
import { parseDay } from './parseDay';

describe('parseDay', () => {
  it('reads the day as Russian and Ukrainian users type it, and ISO', () => {
    expect(parseDay('17.05.1980')).toBe('1980-05-17');
    expect(parseDay('1.2.2026')).toBe('2026-02-01');
    expect(parseDay('17/05/1980')).toBe('1980-05-17');
    expect(parseDay('1980-05-17')).toBe('1980-05-17');
  });

  it('refuses days that do not exist and other text', () => {
    expect(parseDay('31.02.2026')).toBeNull();
    expect(parseDay('29.02.2025')).toBeNull();
    expect(parseDay('29.02.2024')).toBe('2024-02-29');
    expect(parseDay('вчера')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});
