import { useMemo } from 'react';
import { Input, Paper, SegmentedControl, Select, Stack, Title } from '@mantine/core';
import { LOCALES, isLocale } from '@kontakt/shared/locale';
import type { Theme } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../app/preferences';
import { useSession } from '../../app/session';
import { timeZoneOptions } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useUpdateMe } from './useProfile';

const THEME_OPTIONS: readonly Theme[] = ['light', 'dark', 'auto'];

/** Each choice applies and saves at once, like the switches in the header. */
export function PreferencesForm() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { setLanguage, setTheme } = usePreferences();
  const update = useUpdateMe();
  const zones = useMemo(timeZoneOptions, []);

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack>
        <Title order={4}>{t('profile.preferences')}</Title>
        <Input.Wrapper label={t('fields.language')}>
          <div>
            <SegmentedControl
              mt={4}
              value={user.language}
              onChange={(v) => isLocale(v) && setLanguage(v)}
              data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              data-testid="profile-language"
            />
          </div>
        </Input.Wrapper>
        <Input.Wrapper label={t('profile.theme')}>
          <div>
            <SegmentedControl
              mt={4}
              value={user.theme}
              onChange={(v) => setTheme(v as Theme)}
              data={THEME_OPTIONS.map((th) => ({ value: th, label: t(`theme.${th}`) }))}
              data-testid="profile-theme"
            />
          </div>
        </Input.Wrapper>
        <Select
          label={t('fields.timeZone')}
          description={t('profile.timeZoneHint')}
          searchable
          data={zones}
          value={user.timeZone}
          limit={100}
          disabled={update.isPending}
          onChange={(zone) => {
            if (!zone || zone === user.timeZone) return;
            update.mutate(
              { timeZone: zone, version: user.version },
              { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => notifyError(e) },
            );
          }}
          data-testid="profile-timezone"
          maw={360}
        />
      </Stack>
    </Paper>
  );
}
