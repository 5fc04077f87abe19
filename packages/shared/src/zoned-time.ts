/**
 * Wall clocks of IANA time zones and the instants they stand for, without a date library: tasks are planned
 * on the user's clock (users.time_zone), which need be neither the server's nor the browser's. A wall-clock
 * time travels as a Date whose UTC fields are the clock's fields.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time in `timeZone` of an instant. */
export function wallClock(instant: Date, timeZone: string): Date {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!, instant.getUTCMilliseconds()));
}

/** The instant at which the clocks of `timeZone` show `wall` (a time that the clocks skip moves forward by the gap). */
export function fromWallClock(wall: Date, timeZone: string): Date {
  const guess = new Date(wall.getTime() - (wallClock(wall, timeZone).getTime() - wall.getTime()));
  const offset = wallClock(guess, timeZone).getTime() - guess.getTime();
  return new Date(wall.getTime() - offset);
}
