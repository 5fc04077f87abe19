import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phones and emails are stored as typed and, beside that, in one normalized form, so search and duplicate
 * detection match "8 (916) 123-45-67", "+7 916 1234567" and "79161234567" alike.
 */

/** Company default first; numbers without a country code are tried as Russian, then Ukrainian. */
export const DEFAULT_PHONE_COUNTRIES: readonly CountryCode[] = ['RU', 'UA'];

const EXTENSION = /\s*(?:доб|дод|вн|ext|x)\.?\s*(\d{1,6})\s*$/iu;

/** E.164 form ("+79161234567", with ";ext=12" when an extension was typed), or null when not a phone. */
export function normalizePhone(input: string, countries: readonly CountryCode[] = DEFAULT_PHONE_COUNTRIES): string | null {
  const text = input.trim();
  if (!text || /[a-zа-яё]{3,}/iu.test(text.replace(EXTENSION, ''))) return null;
  const extension = EXTENSION.exec(text)?.[1];
  const main = text.replace(EXTENSION, '');
  const digits = main.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return null;
  const candidates = main.trim().startsWith('+') ? [main] : [main, `+${digits}`];
  for (const candidate of candidates) {
    for (const country of countries) {
      const parsed = parsePhoneNumberFromString(candidate, country);
      if (parsed?.isValid()) return extension ? `${parsed.number};ext=${extension}` : parsed.number;
    }
  }
  return null;
}

/** Digits a user typed while searching: the normalized form when it is a whole phone, else null. */
export function phoneSearchKey(input: string): string | null {
  return /^[\d\s()+\-.]{6,}$/.test(input.trim()) ? normalizePhone(input) : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;

export function normalizeEmail(input: string): string | null {
  const text = input.trim().toLowerCase();
  return text.length <= 254 && EMAIL.test(text) ? text : null;
}

/** Websites are kept as typed but compared by host: "https://www.Romashka.ru/" → "romashka.ru". */
export function normalizeWebsite(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (!/^https?:$/.test(url.protocol) || !url.hostname.includes('.')) return null;
    return url.hostname.toLowerCase().replace(/^www\./, '') + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** Messenger handles: "@Ivanov" → "ivanov"; a phone used as a messenger id → its E.164 form. */
export function normalizeMessenger(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  return normalizePhone(text) ?? text.replace(/^@/, '').toLowerCase();
}

export type ContactKind = 'phone' | 'fax' | 'email' | 'messenger' | 'website';

export function normalizeContact(kind: ContactKind, value: string): string | null {
  switch (kind) {
    case 'phone':
    case 'fax':
      return normalizePhone(value);
    case 'email':
      return normalizeEmail(value);
    case 'website':
      return normalizeWebsite(value);
    case 'messenger':
      return normalizeMessenger(value);
  }
}

/** A readable international form of a normalized phone, for lists and vCards. */
export function formatPhone(normalized: string): string {
  const [number, ext] = normalized.split(';ext=');
  const parsed = number ? parsePhoneNumberFromString(number) : undefined;
  const text = parsed ? parsed.formatInternational() : normalized;
  return ext ? `${text} доб. ${ext}` : text;
}
