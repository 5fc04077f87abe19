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

// Pure time zone arithmetic lives apart so unit tests can run it without the i18n set-up.
export { zonedDayBoundary, zonedInstant, zonedWallTime } from './zonedTime';
