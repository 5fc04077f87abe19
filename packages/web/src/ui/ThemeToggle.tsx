import { ActionIcon, Tooltip, useComputedColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../app/preferences';

/** Flips between light and dark; "auto" (follow the system) is offered in the profile. */
export function ThemeToggle() {
  const { t } = useTranslation();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const { setTheme } = usePreferences();
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = next === 'dark' ? t('theme.switchToDark') : t('theme.switchToLight');
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="default" size="lg" onClick={() => setTheme(next)} aria-label={label} data-testid="theme-toggle">
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
