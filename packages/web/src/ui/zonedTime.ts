/** Wall clocks of IANA time zones and the instants they stand for, without a date library. */

function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The wall clock of a time zone at an instant: 'YYYY-MM-DD HH:mm:ss' (what Mantine's date pickers hold). */
export function zonedWallTime(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const wall = new Date(at + zoneOffsetMs(at, timeZone));
  return wall.toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant a wall-clock time ('YYYY-MM-DD HH:mm[:ss]') of a time zone stands for, as ISO text. */
export function zonedInstant(wallTime: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(wallTime);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // Two passes settle the offset on days when daylight saving time switches.
  let at = wall - zoneOffsetMs(wall, timeZone);
  at = wall - zoneOffsetMs(at, timeZone);
  return new Date(at).toISOString();
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
