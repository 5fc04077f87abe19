import { useState } from 'react';
import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { IconLock, IconPlus, IconShieldLock } from '@tabler/icons-react';
import type { RoleDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState } from '../../ui/states';
import { RoleCreateModal } from './RoleCreateModal';
import { useRoles } from './useRoles';

export default function RoleList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const roles = useRoles();
  const canCreate = useCan('role', 'create');
  const [creating, setCreating] = useState(false);

  const columns: Column<RoleDto>[] = [
    {
      key: 'name',
      header: t('fields.title'),
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/roles/${r.id}`} fw={500} onClick={(e) => e.stopPropagation()}>
            {r.name}
          </Anchor>
          {r.builtIn && (
            <Badge size="xs" variant="outline" color="gray" leftSection={r.builtIn === 'administrator' ? <IconLock size={10} /> : undefined}>
              {t('roles.builtIn')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'description',
      header: t('fields.description'),
      render: (r) => (
        <Text size="sm" c={r.description ? undefined : 'dimmed'} lineClamp={2}>
          {r.description || '—'}
        </Text>
      ),
    },
    { key: 'users', header: t('roles.users'), nowrap: true, render: (r) => r.userCount },
    {
      key: 'twoFactor',
      header: t('roles.twoFactorShort'),
      nowrap: true,
      render: (r) =>
        r.requireTwoFactor ? (
          <Badge variant="light" color="teal">
            {t('roles.required')}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('roles.notRequired')}
          </Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="role-create">
              {t('roles.add')}
            </Button>
          )
        }
      />
      {roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <DataTable
          caption={t('roles.title')}
          rows={roles.data ?? []}
          columns={columns}
          rowKey={(r) => r.id}
          rowTestId={(r) => `role-row-${r.name}`}
          onRowClick={(r) => void navigate(`/roles/${r.id}`)}
          loading={roles.isPending}
          minWidth={640}
          empty={<Empty icon={<IconShieldLock size={28} />} title={t('roles.empty')} />}
        />
      )}
      {creating && <RoleCreateModal roles={roles.data ?? []} onClose={() => setCreating(false)} />}
    </>
  );
}
