import { useMemo, useState } from 'react';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEntryDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat, zonedDayBoundary } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState } from '../../ui/states';
import { AuditChanges } from './AuditChanges';
import { AuditFilters, EMPTY_AUDIT_FILTERS, type AuditFilterValues } from './AuditFilters';
import { useAuditLog } from './useAudit';

const ACTION_COLORS: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  login_failed: 'orange',
  permission_change: 'grape',
};

/** Records that have a page of their own get a link from their audit line. */
function objectLink(entry: AuditEntryDto): string | null {
  if (!entry.objectId || entry.action === 'delete') return null;
  if (entry.objectType === 'user') return `/users/${entry.objectId}`;
  if (entry.objectType === 'role') return `/roles/${entry.objectId}`;
  return null;
}

function AuditCard({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const link = objectLink(entry);
  const label = entry.objectLabel ?? entry.objectId ?? '';
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed">
          {fmt.dateTime(entry.at)}
        </Text>
        <Badge variant="light" color={ACTION_COLORS[entry.action] ?? 'gray'} style={{ flexShrink: 0 }}>
          {t(`auditActions.${entry.action}`, { defaultValue: entry.action })}
        </Badge>
      </Group>
      <Text size="sm">
        <Text span fw={600} size="sm">
          {entry.actor?.name ?? t('audit.system')}
        </Text>
        {' · '}
        {t(`objects.${entry.objectType}`, { defaultValue: entry.objectType })}
        {label && ': '}
        {link ? (
          <Anchor component={Link} to={link} size="sm">
            {label}
          </Anchor>
        ) : (
          label
        )}
      </Text>
      <AuditChanges entry={entry} />
      <Text size="xs" c="dimmed">
        {[entry.ip, entry.requestId].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canPickActor = useCan('user', 'view');
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTERS);

  const query = useAuditLog({
    actorId: filters.actor?.id,
    objectType: filters.objectType ?? undefined,
    action: filters.action ?? undefined,
    from: filters.from ? zonedDayBoundary(filters.from, fmt.timeZone) : undefined,
    to: filters.to ? zonedDayBoundary(filters.to, fmt.timeZone, true) : undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const columns: Column<AuditEntryDto>[] = [
    { key: 'at', header: t('audit.time'), nowrap: true, render: (e) => fmt.dateTime(e.at) },
    {
      key: 'actor',
      header: t('audit.actor'),
      // Where the change came from sits under who made it: a column of its own made the table too wide.
      render: (e) => (
        <Stack gap={2}>
          {e.actor ? <Text size="sm">{e.actor.name}</Text> : <Text size="sm" c="dimmed">{t('audit.system')}</Text>}
          <Text size="xs" c="dimmed" title={e.requestId ? `${t('audit.requestId')}: ${e.requestId}` : undefined}>
            {[e.ip, e.requestId?.slice(0, 8)].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      nowrap: true,
      render: (e) => (
        <Badge variant="light" color={ACTION_COLORS[e.action] ?? 'gray'} style={{ whiteSpace: 'nowrap' }}>
          {t(`auditActions.${e.action}`, { defaultValue: e.action })}
        </Badge>
      ),
    },
    {
      key: 'object',
      header: t('audit.object'),
      render: (e) => {
        const link = objectLink(e);
        const label = e.objectLabel ?? e.objectId ?? '';
        return (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t(`objects.${e.objectType}`, { defaultValue: e.objectType })}
            </Text>
            {link ? (
              <Anchor component={Link} to={link} size="sm">
                {label}
              </Anchor>
            ) : (
              <Text size="sm">{label}</Text>
            )}
          </Stack>
        );
      },
    },
    { key: 'changes', header: t('audit.changes'), width: '34%', render: (e) => <AuditChanges entry={e} /> },
  ];

  const filtered = Boolean(filters.actor || filters.objectType || filters.action || filters.from || filters.to);
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description', { zone: fmt.timeZone })} />
      <AuditFilters value={filters} onChange={setFilters} canPickActor={canPickActor} />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DataTable
          caption={t('audit.title')}
          rows={rows}
          columns={columns}
          rowKey={(e) => e.id}
          renderCard={(e) => <AuditCard entry={e} />}
          loading={query.isPending}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
          minWidth={1040}
          empty={<Empty icon={<IconHistory size={28} />} title={filtered ? t('audit.emptyFiltered') : t('audit.empty')} />}
        />
      )}
    </>
  );
}
