import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Flex, Group, Menu, Paper, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconArrowsSort, IconBuilding, IconCopy, IconDots, IconFileImport, IconFilter, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import type { ClientType, Filter } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/states';
import { ListError } from './ListError';
import { VirtualTable } from '../../ui/VirtualTable';
import type { FilterFieldInfo } from '../../ui/filter-builder/filterModel';
import { BulkActions } from './BulkActions';
import { cardPath, ClientCardRow, fieldLabel, listColumns } from './cells';
import type { ClientListItem } from './clientsApi';
import { ColumnChooser } from './ColumnChooser';
import { ExportMenu } from './ExportMenu';
import { FilterDrawer } from './FilterDrawer';
import { FilterSummary } from './FilterSummary';
import {
  builtinDefinition,
  isBuiltinView,
  listFields,
  normalizeColumns,
  nextSort,
  readListState,
  serializeFilter,
  sortField,
} from './listModel';
import { useClientCount, useClientList, useCustomFields, useSavedViews } from './useClients';
import { ViewMenu } from './ViewMenu';

const PATH: Record<ClientType, string> = { organization: '/organizations', person: '/persons' };

/** The list of organizations or persons: a view (columns, filter, sort) kept in the URL, read page by page. */
export function ClientListPage({ type }: { type: ClientType }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views = useSavedViews(type);
  const customDefs = useCustomFields(type);
  const canCreate = useCan(type, 'create');
  const [filterOpened, filterDrawer] = useDisclosure(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const fields = useMemo(() => listFields(type, customDefs.data ?? []), [type, customDefs.data]);
  const state = useMemo(() => readListState(type, params, views.data ?? []), [type, params, views.data]);
  const savedView = !isBuiltinView(state.viewId);
  const viewMissing = savedView && views.isSuccess && !views.data.some((v) => v.id === state.viewId);
  // A saved view's filter is unknown until the views load; asking the server earlier would show the wrong rows.
  const ready = !savedView || views.isSuccess;
  const known = useMemo(() => (customDefs.isSuccess ? new Set(fields.filter((f) => f.column).map((f) => f.key)) : null), [customDefs.isSuccess, fields]);
  const columns = useMemo(() => normalizeColumns(state.columns, known), [state.columns, known]);

  const [search, setSearch] = useState(state.q);
  const [q] = useDebouncedValue(search.trim(), 300);

  const filterText = serializeFilter(state.filter);
  const listParams = useMemo(() => ({ filter: filterText, sort: state.sort, q: state.q || undefined }), [filterText, state.sort, state.q]);
  const list = useClientList<ClientListItem>(type, listParams, ready);
  const count = useClientCount(type, listParams, ready);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  /** Writes a part of the state to the URL, leaving out what equals the view's own definition. */
  const update = (changes: { columns?: string[]; filter?: Filter; sort?: string; q?: string; view?: string }) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (changes.view !== undefined) {
          for (const key of ['cols', 'filter', 'sort']) next.delete(key);
          if (changes.view === 'all') next.delete('view');
          else next.set('view', changes.view);
        }
        const viewId = next.get('view') ?? 'all';
        const base = isBuiltinView(viewId) ? builtinDefinition(type, viewId) : (views.data?.find((v) => v.id === viewId)?.definition ?? builtinDefinition(type, 'all'));
        const put = (key: string, value: string | undefined, baseValue: string | undefined) => {
          if (value === undefined) return;
          if (value === (baseValue ?? '')) next.delete(key);
          else next.set(key, value);
        };
        put('cols', changes.columns?.join(','), base.columns.join(','));
        if (changes.filter) put('filter', serializeFilter(changes.filter) ?? '', serializeFilter(base.filter) ?? '');
        put('sort', changes.sort, base.sort ?? 'name');
        if (changes.q !== undefined) {
          if (changes.q) next.set('q', changes.q);
          else next.delete('q');
        }
        return next;
      },
      { replace: changes.view === undefined },
    );

  useEffect(() => {
    if (q !== state.q) update({ q });
    // Only the debounced text drives the URL; the URL's own changes (back, a view) reach the box below.
  }, [q]);
  useEffect(() => {
    if (state.q !== q) setSearch(state.q);
  }, [state.q]);
  // A new query means new rows: a selection of rows no longer shown would act on invisible records.
  useEffect(() => setSelected(new Set()), [listParams]);

  const tableColumns = useMemo(() => listColumns(type, columns, fields, fmt, t), [type, columns, fields, fmt, t]);
  const filterFields: FilterFieldInfo[] = useMemo(
    () =>
      fields.map((f) => ({
        key: f.key,
        type: f.type,
        label: fieldLabel(f, t),
        options: f.options?.map((o) => ({ value: o.value, label: o.labelKey ? t(o.labelKey) : (o.label ?? o.value) })),
        group: f.custom ? t('clients.customFields') : undefined,
      })),
    [fields, t],
  );
  // Phones show cards without headers, so the order is picked from a list there.
  const sortOptions = useMemo(
    () =>
      fields
        .filter((f) => f.sortable && f.column)
        .flatMap((f) => {
          const label = fieldLabel(f, t);
          return [
            { value: f.key, label: `${label} ↑` },
            { value: `-${f.key}`, label: `${label} ↓` },
          ];
        }),
    [fields, t],
  );
  const filtered = state.filter.conditions.length > 0 || Boolean(state.q);
  const title = type === 'organization' ? t('clients.organizations') : t('clients.persons');
  const noun = type === 'organization' ? 'organization' : 'person';

  const total = count.data?.total;
  const description = count.isError
    ? undefined
    : total === undefined
      ? t('clients.counting')
      : t(`clients.total_${noun}`, { count: total, formatted: fmt.number(total) });

  return (
    <>
      <PageHeader
        title={title}
        description={<span data-testid="list-total">{description}</span>}
        actions={
          <>
            {canCreate && (
              <Button component={Link} to={`${PATH[type]}/new`} leftSection={<IconPlus size={18} />} data-testid="client-create">
                {type === 'organization' ? t('clients.addOrganization') : t('clients.addPerson')}
              </Button>
            )}
            <Menu withinPortal position="bottom-end">
              <Menu.Target>
                <Button variant="default" px="xs" aria-label={t('clients.more')} data-testid="list-more">
                  <IconDots size={18} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {canCreate && (
                  <Menu.Item component={Link} to={`/import?type=${type}`} leftSection={<IconFileImport size={16} />}>
                    {t('clients.import')}
                  </Menu.Item>
                )}
                <Menu.Item component={Link} to={`/duplicates?type=${type}`} leftSection={<IconCopy size={16} />}>
                  {t('clients.duplicates')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />

      <Paper withBorder radius="md" p="sm" mb="sm">
        <Flex gap="xs" wrap="wrap" align="center">
          <ViewMenu
            type={type}
            views={views.data ?? []}
            viewId={state.viewId}
            modified={state.modified}
            definition={{ columns, filter: state.filter, sort: state.sort }}
            onSelect={(view) => update({ view })}
          />
          <TextInput
            aria-label={t('clients.quickSearch')}
            placeholder={type === 'organization' ? t('clients.searchOrganizations') : t('clients.searchPersons')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="list-search"
            style={{ flex: '1 1 220px' }}
          />
          <Group gap="xs" wrap="nowrap">
            <Button
              variant={state.filter.conditions.length > 0 ? 'light' : 'default'}
              leftSection={<IconFilter size={16} />}
              rightSection={state.filter.conditions.length > 0 ? <Badge size="sm" circle>{state.filter.conditions.length}</Badge> : undefined}
              onClick={filterDrawer.open}
              data-testid="filter-button"
            >
              {t('clients.filter.button')}
            </Button>
            <Group visibleFrom="sm" gap="xs" wrap="nowrap">
              <ColumnChooser type={type} fields={fields} columns={columns} onChange={(c) => update({ columns: c })} />
            </Group>
            <ExportMenu type={type} params={listParams} columns={columns} />
          </Group>
          <Select
            hiddenFrom="sm"
            aria-label={t('clients.sortLabel')}
            leftSection={<IconArrowsSort size={16} />}
            data={sortOptions}
            value={state.sort}
            onChange={(sort) => sort && update({ sort })}
            allowDeselect={false}
            style={{ flex: '1 1 100%' }}
            data-testid="list-sort"
          />
        </Flex>
      </Paper>

      {viewMissing && (
        <Alert color="orange" mb="sm" title={t('clients.views.missing')} role="alert">
          <Button size="xs" variant="light" color="orange" onClick={() => update({ view: 'all' })}>
            {t('clients.views.showAll')}
          </Button>
        </Alert>
      )}

      <FilterSummary
        fields={filterFields}
        filter={state.filter}
        onEdit={filterDrawer.open}
        onRemove={(i) => update({ filter: { ...state.filter, conditions: state.filter.conditions.filter((_, j) => j !== i) } })}
        onClear={() => {
          setSearch('');
          update({ filter: { match: 'all', conditions: [] }, q: '' });
        }}
      />

      {selected.size > 0 && <BulkActions type={type} ids={[...selected]} onDone={() => setSelected(new Set())} />}

      {list.isError ? (
        <ListError
          error={list.error}
          onRetry={() => void list.refetch()}
          onReset={
            filtered || state.modified
              ? () => {
                  setSearch('');
                  update({ view: 'all', q: '' });
                }
              : undefined
          }
        />
      ) : (
        <VirtualTable<ClientListItem>
          caption={title}
          rows={rows}
          columns={tableColumns}
          rowKey={(r) => r.id}
          rowLabel={(r) => ('lastName' in r ? r.fullName : r.name)}
          rowTestId={(r) => `client-row-${r.id}`}
          loading={!ready || list.isPending}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          sort={sortField(state.sort)}
          onSort={(field) => update({ sort: nextSort(state.sort, field) })}
          selected={selected}
          onSelectionChange={setSelected}
          onRowClick={(r) => void navigate(cardPath(type, r.id))}
          renderCard={(r) => <ClientCardRow type={type} row={r} />}
          empty={
            <Empty
              icon={type === 'organization' ? <IconBuilding size={28} /> : <IconUsers size={28} />}
              title={filtered ? t('clients.emptyFiltered') : t(`clients.empty_${noun}`)}
              description={filtered ? t('clients.emptyFilteredHint') : t('clients.emptyHint')}
              action={
                filtered ? (
                  <Button
                    variant="default"
                    onClick={() => {
                      setSearch('');
                      update({ filter: { match: 'all', conditions: [] }, q: '' });
                    }}
                  >
                    {t('common.resetFilters')}
                  </Button>
                ) : canCreate ? (
                  <Group gap="xs">
                    <Button component={Link} to={`${PATH[type]}/new`} leftSection={<IconPlus size={18} />}>
                      {type === 'organization' ? t('clients.addOrganization') : t('clients.addPerson')}
                    </Button>
                    <Button component={Link} to={`/import?type=${type}`} variant="default" leftSection={<IconFileImport size={18} />}>
                      {t('clients.import')}
                    </Button>
                  </Group>
                ) : undefined
              }
            />
          }
        />
      )}
      {rows.length > 0 && (
        <Text size="xs" c="dimmed" ta="center" mt="xs" data-testid="list-loaded">
          {t('clients.loaded', { count: rows.length, total: total === undefined ? '…' : fmt.number(total) })}
        </Text>
      )}

      <FilterDrawer opened={filterOpened} onClose={filterDrawer.close} fields={filterFields} value={state.filter} onApply={(filter) => update({ filter })} />
    </>
  );
}
