import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconShieldCheck, IconUsers } from '@tabler/icons-react';
import type { UserDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState } from '../../ui/states';
import { UserFilters } from './UserFilters';
import { UserCreateModal } from './UserCreateModal';
import { useUserList } from './useUsers';

function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={active ? 'teal' : 'gray'} style={{ flexShrink: 0, overflow: 'visible' }}>
      {active ? t('users.active') : t('users.inactive')}
    </Badge>
  );
}

function UserCardRow({ user }: { user: UserDto }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <div style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/users/${user.id}`} fw={500} onClick={(e) => e.stopPropagation()}>
          {user.name}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          {[user.position, user.department?.name].filter(Boolean).join(' · ') || user.role.name}
        </Text>
        <Text size="sm" truncate>
          {user.email}
        </Text>
      </div>
      <StatusBadge active={user.active} />
    </Group>
  );
}

type SortField = 'name' | 'email' | 'createdAt' | 'lastLoginAt';

function SortHeader({ field, sort, onSort, children }: { field: SortField; sort: string; onSort: (s: string) => void; children: string }) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  return (
    <UnstyledButton
      onClick={() => onSort(active && !descending ? `-${field}` : field)}
      aria-label={t('users.sortBy', { field: children })}
      style={{ fontWeight: 600, fontSize: 'inherit', display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      {children}
      {active && (descending ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />)}
    </UnstyledButton>
  );
}

export default function UserList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [createOpened, createModal] = useDisclosure(false);
  const canCreate = useCan('user', 'create');

  const departmentId = params.get('departmentId') ?? undefined;
  const roleId = params.get('roleId') ?? undefined;
  const status = params.get('active') ?? 'all';
  const sort = params.get('sort') ?? 'name';
  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const list = useUserList({
    q: q || undefined,
    departmentId,
    roleId,
    active: status === 'all' ? undefined : status === 'true',
    sort,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = Boolean(q || departmentId || roleId || status !== 'all');

  const columns: Column<UserDto>[] = [
    {
      key: 'name',
      header: <SortHeader field="name" sort={sort} onSort={(s) => setParam('sort', s)}>{t('fields.name')}</SortHeader>,
      render: (u) => (
        <div>
          <Anchor component={Link} to={`/users/${u.id}`} fw={500} onClick={(e) => e.stopPropagation()}>
            {u.name}
          </Anchor>
          {u.position && (
            <Text size="xs" c="dimmed">
              {u.position}
            </Text>
          )}
        </div>
      ),
    },
    { key: 'email', header: <SortHeader field="email" sort={sort} onSort={(s) => setParam('sort', s)}>{t('fields.email')}</SortHeader>, render: (u) => u.email },
    { key: 'department', header: t('fields.department'), render: (u) => u.department?.name ?? <Text c="dimmed">—</Text> },
    { key: 'role', header: t('fields.role'), render: (u) => u.role.name },
    {
      key: 'status',
      header: t('fields.status'),
      nowrap: true,
      render: (u) => (
        <Group gap={6} wrap="nowrap">
          <StatusBadge active={u.active} />
          {u.twoFactorEnabled && (
            <Tooltip label={t('users.twoFactorOn')}>
              <IconShieldCheck size={16} color="var(--mantine-color-teal-6)" aria-label={t('users.twoFactorOn')} />
            </Tooltip>
          )}
        </Group>
      ),
    },
    {
      key: 'lastLoginAt',
      header: <SortHeader field="lastLoginAt" sort={sort} onSort={(s) => setParam('sort', s)}>{t('users.lastLogin')}</SortHeader>,
      nowrap: true,
      render: (u) => fmt.dateTime(u.lastLoginAt, t('users.never')),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={18} />} onClick={createModal.open} data-testid="user-create">
              {t('users.add')}
            </Button>
          )
        }
      />
      <UserFilters
        search={search}
        onSearch={(value) => {
          setSearch(value);
          setParam('q', value.trim());
        }}
        departmentId={departmentId ?? null}
        roleId={roleId ?? null}
        status={status}
        onChange={setParam}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          caption={t('users.title')}
          rows={rows}
          columns={columns}
          rowKey={(u) => u.id}
          rowTestId={(u) => `user-row-${u.email}`}
          renderCard={(u) => <UserCardRow user={u} />}
          onRowClick={(u) => void navigate(`/users/${u.id}`)}
          loading={list.isPending}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          minWidth={820}
          empty={
            <Empty
              icon={<IconUsers size={28} />}
              title={filtered ? t('users.emptyFiltered') : t('users.empty')}
              action={
                canCreate && !filtered ? (
                  <Button onClick={createModal.open} leftSection={<IconPlus size={18} />}>
                    {t('users.add')}
                  </Button>
                ) : undefined
              }
            />
          }
        />
      )}
      {canCreate && <UserCreateModal opened={createOpened} onClose={createModal.close} />}
    </>
  );
}
