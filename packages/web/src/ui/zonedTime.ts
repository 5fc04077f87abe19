import { fromWallClock, wallClock } from '@kontakt/shared';

// The pickers' text form of wall clocks, over the shared conversions.

/** The wall clock of a time zone at an instant: 'YYYY-MM-DD HH:mm:ss' (what Mantine's date pickers hold). */
export function zonedWallTime(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return wallClock(new Date(at), timeZone).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant a wall-clock time ('YYYY-MM-DD HH:mm[:ss]') of a time zone stands for, as ISO text. */
export function zonedInstant(wallTime: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(wallTime);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  return fromWallClock(new Date(wall), timeZone).toISOString();
}

/**
 * The instant a calendar day ('YYYY-MM-DD') starts — or ends — in a time zone, as ISO text. Audit
 * periods are picked as days in the user's zone, which need not be the browser's.
 */
export function zonedDayBoundary(day: string, timeZone: string, end = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const at = zonedInstant(`${day} ${end ? '23:59:59' : '00:00:00'}`, timeZone);
  return at && end ? new Date(Date.parse(at) + 999).toISOString() : at;
}
