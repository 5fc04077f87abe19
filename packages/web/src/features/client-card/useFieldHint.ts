import { useTranslation } from 'react-i18next';
import { fieldMessage, isLocale } from '@kontakt/shared';

/** The server's own words for a field code, so a hint in the browser reads exactly like the later error. */
export function useFieldHint() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'ru';
  return (code: string | null | undefined): string | null => (code ? fieldMessage(locale, code) : null);
}
