import { Alert, Stack, Tabs } from '@mantine/core';
import { IconAdjustments, IconBell, IconDevices, IconKey, IconLock, IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';
import { NotificationPrefsSection } from '../notifications/NotificationPrefsSection';
import { ApiTokensSection } from './ApiTokensSection';
import { PasswordForm } from './PasswordForm';
import { PreferencesForm } from './PreferencesForm';
import { ProfileDetailsForm } from './ProfileDetailsForm';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

const TABS = ['details', 'notifications', 'security', 'tokens', 'sessions'] as const;
type Tab = (typeof TABS)[number];

export default function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = session.twoFactorSetupRequired ? 'security' : TABS.find((x) => x === requested) ?? 'details';

  return (
    <>
      <PageHeader title={t('profile.title')} description={`${session.user.name} · ${session.user.email}`} />
      {session.twoFactorSetupRequired && (
        <Alert color="orange" icon={<IconShieldExclamation size={18} />} title={t('profile.twoFactorRequiredTitle')} mb="md" role="alert">
          {t('profile.twoFactorRequiredLong')}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="details" leftSection={<IconAdjustments size={16} />} disabled={session.twoFactorSetupRequired} data-testid="profile-tab-details">
            {t('profile.tabDetails')}
          </Tabs.Tab>
          <Tabs.Tab value="notifications" leftSection={<IconBell size={16} />} disabled={session.twoFactorSetupRequired} data-testid="profile-tab-notifications">
            {t('notifications.prefs.title')}
          </Tabs.Tab>
          <Tabs.Tab value="security" leftSection={<IconLock size={16} />} data-testid="profile-tab-security">
            {t('profile.tabSecurity')}
          </Tabs.Tab>
          <Tabs.Tab value="tokens" leftSection={<IconKey size={16} />} disabled={session.twoFactorSetupRequired} data-testid="profile-tab-tokens">
            {t('profile.tabTokens')}
          </Tabs.Tab>
          <Tabs.Tab value="sessions" leftSection={<IconDevices size={16} />} disabled={session.twoFactorSetupRequired} data-testid="profile-tab-sessions">
            {t('profile.tabSessions')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack maw={720}>
            <ProfileDetailsForm />
            <PreferencesForm />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="notifications">
          <Stack maw={720}>
            <NotificationPrefsSection />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <Stack maw={720}>
            <TwoFactorSection />
            <PasswordForm />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <ApiTokensSection />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
