import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES, isLocale } from '@kontakt/shared/locale';
import { usePreferences } from '../app/preferences';

/** RU / UK / EN in the header and on the login and setup pages. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const { setLanguage } = usePreferences();
  return (
    <SegmentedControl
      size={size}
      data-testid="language-switch"
      aria-label={t('common.language')}
      value={isLocale(i18n.language) ? i18n.language : 'ru'}
      onChange={(value) => {
        if (isLocale(value)) setLanguage(value);
      }}
      data={LOCALES.map((lng) => ({ value: lng, label: lng.toUpperCase() }))}
    />
  );
}
