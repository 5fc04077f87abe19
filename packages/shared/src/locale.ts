export const LOCALES = ['ru', 'uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header value. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (tag === 'ua') return 'uk';
    if (isLocale(tag)) return tag;
  }
  return undefined;
}

/**
 * A name that already holds «ёлочки» (ООО «Ромашка») put inside «…» of a sentence: Russian and Ukrainian
 * typography switch the inner pair to „лапки“, so the sentence never reads «Звонок — ООО «Ромашка»».
 */
export function innerQuotes(text: string): string {
  return text.replace(/«/g, '„').replace(/»/g, '“');
}
