import { Suspense } from 'react';
import { ActionIcon, AppShell, Avatar, Burger, Group, Menu, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { api } from '../api/client';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ThemeToggle } from '../ui/ThemeToggle';
import { LoadingState } from '../ui/states';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { Logo } from './Logo';
import { Navigation } from './Navigation';
import { endSession, useSession } from './session';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();

  const logout = async () => {
    try {
      await api.auth.logout();
    } catch {
      // the session may already be gone on the server; signing out locally is what the user asked for
    }
    // The guard sends the user to /login once the session is gone.
    endSession('signed-out');
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Logo compact />
            <Text size="sm" c="dimmed" truncate visibleFrom="md" maw={260} title={session.company.name}>
              {session.company.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {!session.twoFactorSetupRequired && <GlobalSearch />}
            {!session.twoFactorSetupRequired && <NotificationBell />}
            <LanguageSwitch />
            <ThemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.account')} visibleFrom="xs">
                  <Avatar size={34} radius="xl" color="blue">
                    {initials(session.user.name)}
                  </Avatar>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={500} c="var(--mantine-color-text)">
                    {session.user.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {session.user.email}
                  </Text>
                </Menu.Label>
                <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />}>
                  {t('nav.profile')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        {/* The menu scrolls on short screens, so the signed-in user and sign-out below it stay in view. */}
        <AppShell.Section grow component={ScrollArea} type="scroll" mx="-sm" px="sm">
          <Navigation onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} truncate>
                {session.user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {session.user.role.name}
              </Text>
            </div>
            <Tooltip label={t('nav.logout')} withArrow>
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => void logout()} aria-label={t('nav.logout')} data-testid="logout">
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Suspense fallback={<LoadingState minHeight="50vh" />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
