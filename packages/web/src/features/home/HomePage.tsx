import type { ReactNode } from 'react';
import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHistory, IconSettings, IconShieldLock, IconSitemap, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCan, useSession } from '../../app/session';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDepartments } from '../departments/useDepartments';
import { useRoles } from '../roles/useRoles';

function greetingKey(hour: number): string {
  if (hour < 5) return 'home.goodNight';
  if (hour < 12) return 'home.goodMorning';
  if (hour < 18) return 'home.goodAfternoon';
  return 'home.goodEvening';
}

function hourIn(timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(new Date());
  return Number(hour);
}

function AreaCard({ to, icon, title, value, hint, testId }: { to: string; icon: ReactNode; title: string; value?: ReactNode; hint: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="lg" component={Link} to={to} data-testid={testId} style={{ textDecoration: 'none' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text fw={600}>{title}</Text>
          {value !== undefined && (
            <Text fz={28} fw={700} lh={1.1}>
              {value}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size={42} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useSession();
  const canUsers = useCan('user', 'view');
  const canDepartments = useCan('department', 'view');
  const canRoles = useCan('role', 'view');
  const canAudit = useCan('audit', 'view');
  const canSettings = useCan('settings', 'view');

  const users = useQuery({
    queryKey: ['users', 'home-count'],
    queryFn: () => api.users.list({ active: true, limit: 1, withTotal: true }),
    enabled: canUsers,
  });
  const departments = useDepartments(canDepartments);
  const roles = useRoles(canRoles);
  const firstName = session.user.name.split(/\s+/)[0] ?? session.user.name;

  const userCount = users.data ? fmt.number(users.data.total ?? users.data.items.length) : '…';
  return (
    <>
      <PageHeader title={t(greetingKey(hourIn(fmt.timeZone)), { name: firstName })} description={session.company.name} />
      {session.twoFactorSetupRequired && (
        <Alert color="orange" mb="lg" title={t('profile.twoFactorRequiredTitle')}>
          <Anchor component={Link} to="/profile?tab=security">
            {t('profile.twoFactorRequiredText')}
          </Anchor>
        </Alert>
      )}
      <Title order={4} mb="sm">
        {t('home.areas')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
        {canUsers && (
          <AreaCard to="/users" testId="home-users" icon={<IconUsers size={24} />} title={t('nav.users')} value={userCount} hint={t('home.usersHint')} />
        )}
        {canDepartments && (
          <AreaCard
            to="/departments"
            testId="home-departments"
            icon={<IconSitemap size={24} />}
            title={t('nav.departments')}
            value={departments.data ? fmt.number(departments.data.length) : '…'}
            hint={t('home.departmentsHint')}
          />
        )}
        {canRoles && (
          <AreaCard
            to="/roles"
            testId="home-roles"
            icon={<IconShieldLock size={24} />}
            title={t('nav.roles')}
            value={roles.data ? fmt.number(roles.data.length) : '…'}
            hint={t('home.rolesHint')}
          />
        )}
        {canAudit && <AreaCard to="/audit" testId="home-audit" icon={<IconHistory size={24} />} title={t('nav.audit')} hint={t('home.auditHint')} />}
        {canSettings && <AreaCard to="/settings" testId="home-settings" icon={<IconSettings size={24} />} title={t('nav.settings')} hint={t('home.settingsHint')} />}
        <AreaCard to="/profile" testId="home-profile" icon={<IconUserCircle size={24} />} title={t('nav.profile')} hint={t('home.profileHint')} />
      </SimpleGrid>
    </>
  );
}
