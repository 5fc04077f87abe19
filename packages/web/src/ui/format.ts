import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../app/i18n';
import { useOptionalSession } from '../app/session';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isValidTimeZone(tz: string | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, for time zone pickers. */
export function timeZoneOptions(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC', browserTimeZone()];
  }
}

/** Dates and numbers in the UI language and the signed-in user's time zone (the browser's before login). */
export function useFormat() {
  const { i18n } = useTranslation();
  const session = useOptionalSession();
  const userZone = session?.user.timeZone;
  const language = i18n.language;

  return useMemo(() => {
    const locale = intlLocale(language);
    const timeZone = isValidTimeZone(userZone) ? userZone : browserTimeZone();
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    const numberFormat = new Intl.NumberFormat(locale);
    const valid = (iso: string | null | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : null);
    return {
      locale,
      timeZone,
      dateTime: (iso: string | null | undefined, empty = '—') => {
        const d = valid(iso);
        return d ? dateTimeFormat.format(d) : empty;
      },
      date: (iso: string | null | undefined, empty = '—') => {
        const d = valid(iso);
        return d ? dateFormat.format(d) : empty;
      },
      number: (n: number) => numberFormat.format(n),
    };
  }, [language, userZone]);
}

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

/**
 * The instant a calendar day ('YYYY-MM-DD') starts — or ends — in a time zone, as ISO text. Audit
 * periods are picked as days in the user's zone, which need not be the browser's.
 */
export function zonedDayBoundary(day: string, timeZone: string, end = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), end ? 23 : 0, end ? 59 : 0, end ? 59 : 0, end ? 999 : 0);
  // Two passes settle the offset on days when daylight saving time switches.
  let at = wall - zoneOffsetMs(wall, timeZone);
  at = wall - zoneOffsetMs(at, timeZone);
  return new Date(at).toISOString();
}
