import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from '@kontakt/shared/locale';
import ru from '../locales/ru.json';
import uk from '../locales/uk.json';
import en from '../locales/en.json';

const STORAGE_KEY = 'kontakt.language';

/** Before login the choice lives in localStorage; after login the user's saved language wins. */
function initialLanguage(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage can be blocked (private mode): fall through to the browser's languages
  }
  return localeFromAcceptLanguage(navigator.languages?.join(',') ?? navigator.language) ?? DEFAULT_LOCALE;
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, uk: { translation: uk }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LOCALE,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyDocumentLanguage(lng: string) {
  document.documentElement.lang = lng;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyDocumentLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not fatal: the language just will not survive a reload before login
  }
});

export function currentLanguage(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Intl locale for a UI language: en-GB keeps 24-hour time and day-first dates like the other two. */
export function intlLocale(lng: string): string {
  if (lng === 'uk') return 'uk-UA';
  if (lng === 'en') return 'en-GB';
  return 'ru-RU';
}

export default i18n;
