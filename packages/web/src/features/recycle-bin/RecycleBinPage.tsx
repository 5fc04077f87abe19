import { useState } from 'react';
import { Anchor, Button, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconRestore, IconSearch, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientType, OrganizationListItem, PersonListItem } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState } from '../../ui/states';
import type { Page } from '../../api/client';
import { clientsApi } from '../client-card/clientsApi';

type BinRow = OrganizationListItem | PersonListItem;

const pathOf = (type: ClientType) => (type === 'organization' ? 'organizations' : 'persons');
const nameOf = (row: BinRow) => ('fullName' in row && !('kind' in row) ? row.fullName : (row as OrganizationListItem).name);

function useBin(type: ClientType, q: string) {
  return useInfiniteQuery({
    queryKey: [pathOf(type), 'list', 'deleted', q],
    queryFn: ({ pageParam }): Promise<Page<BinRow>> => {
      const query = { deleted: true, q: q || undefined, limit: 50, cursor: pageParam, sort: '-updatedAt' };
      return type === 'organization' ? clientsApi.organizations.list(query) : clientsApi.persons.list(query);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

function BinList({ type }: { type: ClientType }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const canRestore = useCan(type, 'delete');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const bin = useBin(type, q);
  const restore = useMutation({
    mutationFn: async (id: string): Promise<void> => {
      await (type === 'organization' ? clientsApi.organizations.restore(id) : clientsApi.persons.restore(id));
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: [pathOf(type)] }),
  });
  const rows = bin.data?.pages.flatMap((p) => p.items) ?? [];

  const doRestore = (row: BinRow) =>
    restore.mutate(row.id, {
      onSuccess: () =>
        notifySuccess(t(`recycleBin.restored.${type}`, { name: nameOf(row) })),
      onError: (e) => notifyError(e),
    });

  const restoreButton = (row: BinRow) =>
    canRestore && (
      <Button
        size="xs"
        variant="light"
        leftSection={<IconRestore size={14} />}
        onClick={(e) => {
          e.stopPropagation();
          doRestore(row);
        }}
        loading={restore.isPending && restore.variables === row.id}
        aria-label={t('recycleBin.restoreNamed', { name: nameOf(row) })}
        data-testid={`bin-restore-${row.id}`}
      >
        {t('recycleBin.restore')}
      </Button>
    );

  const columns: Column<BinRow>[] = [
    {
      key: 'name',
      header: type === 'organization' ? t('recycleBin.organization') : t('recycleBin.person'),
      render: (row) => (
        <Anchor component={Link} to={`/${pathOf(type)}/${row.id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
          {nameOf(row)}
        </Anchor>
      ),
    },
    {
      key: 'extra',
      header: type === 'organization' ? t('recycleBin.inn') : t('recycleBin.organizationColumn'),
      render: (row) => ('kind' in row ? row.inn : (row as PersonListItem).organization?.name) ?? '—',
    },
    { key: 'responsible', header: t('recycleBin.responsible'), render: (row) => row.responsible?.name ?? '—' },
    { key: 'deletedAt', header: t('recycleBin.deletedAt'), nowrap: true, render: (row) => fmt.dateTime(row.deletedAt ?? row.updatedAt) },
    { key: 'actions', header: '', width: 150, render: (row) => restoreButton(row) },
  ];

  return (
    <Stack gap="md">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('recycleBin.search')}
        aria-label={t('recycleBin.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
        data-testid="bin-search"
      />
      {bin.isError ? (
        <ErrorState error={bin.error} onRetry={() => void bin.refetch()} />
      ) : (
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          rowTestId={(r) => `bin-row-${r.id}`}
          loading={bin.isPending}
          hasMore={bin.hasNextPage}
          loadingMore={bin.isFetchingNextPage}
          onLoadMore={() => void bin.fetchNextPage()}
          minWidth={640}
          caption={t('recycleBin.title')}
          empty={<Empty icon={<IconTrash size={28} />} title={q ? t('recycleBin.emptyFiltered') : t(`recycleBin.empty.${type}`)} />}
          renderCard={(row) => (
            <Stack gap={6} align="flex-start">
              <Anchor component={Link} to={`/${pathOf(type)}/${row.id}`} size="sm" fw={500}>
                {nameOf(row)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('recycleBin.deletedAt')}: {fmt.dateTime(row.deletedAt ?? row.updatedAt)}
              </Text>
              {restoreButton(row)}
            </Stack>
          )}
        />
      )}
    </Stack>
  );
}

/** Deleted organizations and persons, newest first, each with "restore". */
export default function RecycleBinPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canOrganizations = useCan('organization', 'view');
  const canPersons = useCan('person', 'view');
  const tab: ClientType = params.get('type') === 'person' || !canOrganizations ? 'person' : 'organization';
  return (
    <>
      <PageHeader title={t('recycleBin.title')} description={t('recycleBin.description')} />
      <Tabs value={tab} onChange={(v) => setParams(v === 'person' ? { type: 'person' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {canOrganizations && (
            <Tabs.Tab value="organization" data-testid="bin-tab-organizations">
              {t('recycleBin.organizations')}
            </Tabs.Tab>
          )}
          {canPersons && (
            <Tabs.Tab value="person" data-testid="bin-tab-persons">
              {t('recycleBin.persons')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="organization">
          <BinList type="organization" />
        </Tabs.Panel>
        <Tabs.Panel value="person">
          <BinList type="person" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
