import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from '@kontakt/shared/locale';
import { TASK_CHOICE_LABELS, TASK_RESULT_LABELS, TASK_TYPE_LABELS } from '@kontakt/shared/task-labels';
import ru from '../locales/ru.json';
import uk from '../locales/uk.json';
import en from '../locales/en.json';

type Tree = { [key: string]: string | Tree };

/**
 * Each business area keeps its own translations in `features/<area>/locales/<lang>.json`, merged over the
 * common ones, so areas grow without editing one shared file.
 */
const featureLocales = import.meta.glob<{ default: Tree }>('../features/*/locales/*.json', { eager: true });

function deepMerge(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = typeof value === 'object' && typeof existing === 'object' ? deepMerge({ ...existing }, value) : value;
  }
  return target;
}

/** Built-in task types, results and choices are named once, in shared/task-labels (the server's exports use them too). */
function taskLabels(lang: Locale): Tree {
  const pick = (labels: Record<string, Record<Locale, string>>): Tree => Object.fromEntries(Object.entries(labels).map(([key, l]) => [key, l[lang]]));
  return {
    tasks: {
      types: pick(TASK_TYPE_LABELS),
      results: pick(TASK_RESULT_LABELS),
      statuses: pick(TASK_CHOICE_LABELS.status),
      priorities: pick(TASK_CHOICE_LABELS.priority),
      directions: pick(TASK_CHOICE_LABELS.direction),
    },
  };
}

function bundle(lang: Locale, base: Tree): Tree {
  const merged = deepMerge({}, base);
  for (const [path, module] of Object.entries(featureLocales)) {
    if (path.endsWith(`/${lang}.json`)) deepMerge(merged, module.default);
  }
  return deepMerge(merged, taskLabels(lang));
}

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
  resources: {
    ru: { translation: bundle('ru', ru) },
    uk: { translation: bundle('uk', uk) },
    en: { translation: bundle('en', en) },
  },
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
