import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Flex, Paper, ScrollArea, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconArrowsSort, IconFileSpreadsheet, IconFileText, IconFilter, IconListCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { TASK_SORTS, TASK_VIEWS, type TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/states';
import { DownloadMenu } from '../../ui/DownloadMenu';
import { VirtualTable } from '../../ui/VirtualTable';
import { ListError } from '../clients/ListError';
import { TaskCard, taskColumns } from './taskCells';
import { TaskFilterChips, TaskFilterDrawer } from './TaskFilters';
import { TaskFormModal } from './TaskFormModal';
import { activeFilterCount, nextSort, readState, sortColumn, toQuery, writeState, type TaskListState, type TaskView } from './taskListModel';
import { tasksApi } from './tasksApi';
import { useTaskList, useTaskTypeMap, useTaskTypes } from './useTasks';

/** Tasks by view (mine, department, assigned by me, controlled, participating, all) with filters, sort and export. */
export default function TaskListPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);
  const canCreate = useCan('task', 'create');
  const [filtersOpened, filters] = useDisclosure(false);
  const [creating, setCreating] = useState(false);
  const typeList = useTaskTypes();
  const types = useTaskTypeMap();
  const [search, setSearch] = useState(state.q);
  const [q] = useDebouncedValue(search.trim(), 300);

  // From the address bar as it is now: a drawer opened during a navigation may hold the state from before it.
  const update = (patch: Partial<TaskListState>) =>
    setParams(writeState({ ...readState(new URLSearchParams(window.location.search)), ...patch }), { replace: true });
  useEffect(() => {
    if (q !== state.q) update({ q });
    // Only the debounced text drives the URL.
  }, [q]);
  useEffect(() => {
    if (state.q !== q) setSearch(state.q);
  }, [state.q]);

  const query = useMemo(() => toQuery(state, fmt.timeZone), [state, fmt.timeZone]);
  const list = useTaskList(query);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total;
  const columns = useMemo(() => taskColumns(types, fmt, t), [types, fmt, t]);
  const filterCount = activeFilterCount(state);
  const filtered = filterCount > 0 || Boolean(state.q);
  const viewOptions = TASK_VIEWS.map((v) => ({ value: v, label: t(`tasks.views.${v}`) }));

  return (
    <>
      <PageHeader
        title={t('tasks.list.title')}
        description={<span data-testid="list-total">{total === undefined ? t('clients.counting') : t('tasks.list.total', { count: total, formatted: fmt.number(total) })}</span>}
        actions={
          <>
            {canCreate && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="task-create">
                {t('tasks.list.create')}
              </Button>
            )}
            <DownloadMenu
              label={t('clients.export.label')}
              hint={t('tasks.list.exportHint')}
              items={[
                { key: 'xlsx', label: t('clients.export.xlsx'), icon: <IconFileSpreadsheet size={16} />, href: tasksApi.exportUrl('xlsx', query) },
                { key: 'csv', label: t('clients.export.csv'), icon: <IconFileText size={16} />, href: tasksApi.exportUrl('csv', query) },
              ]}
            />
          </>
        }
      />

      <Paper withBorder radius="md" p="sm" mb="sm">
        <Flex gap="xs" wrap="wrap" align="center">
          <ScrollArea type="never" visibleFrom="md" style={{ maxWidth: '100%' }}>
            <SegmentedControl value={state.view} onChange={(view) => update({ view: view as TaskView })} data={viewOptions} aria-label={t('tasks.views.label')} data-testid="task-view" />
          </ScrollArea>
          <Select
            hiddenFrom="md"
            aria-label={t('tasks.views.label')}
            data={viewOptions}
            value={state.view}
            onChange={(view) => view && update({ view: view as TaskView })}
            allowDeselect={false}
            style={{ flex: '1 1 180px' }}
            data-testid="task-view-select"
          />
          <TextInput
            aria-label={t('tasks.list.search')}
            placeholder={t('tasks.list.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '1 1 200px' }}
            data-testid="list-search"
          />
          <Button
            variant={filterCount > 0 ? 'light' : 'default'}
            leftSection={<IconFilter size={16} />}
            rightSection={filterCount > 0 ? <Badge size="sm" circle>{filterCount}</Badge> : undefined}
            onClick={filters.open}
            data-testid="filter-button"
          >
            {t('tasks.filters.button')}
          </Button>
          <Select
            aria-label={t('clients.sortLabel')}
            leftSection={<IconArrowsSort size={16} />}
            data={TASK_SORTS.map((s) => ({ value: s, label: t(`tasks.sorts.${s.replace('-', 'desc_')}`) }))}
            value={state.sort}
            onChange={(sort) => sort && update({ sort: sort as TaskListState['sort'] })}
            allowDeselect={false}
            style={{ flex: '0 1 210px' }}
            data-testid="list-sort"
          />
        </Flex>
      </Paper>

      <TaskFilterChips state={state} types={typeList.data ?? []} onChange={update} onEdit={filters.open} />

      {list.isError ? (
        <ListError error={list.error} onRetry={() => void list.refetch()} onReset={filtered ? () => setParams({}, { replace: true }) : undefined} />
      ) : (
        <VirtualTable<TaskListItemDto>
          caption={t('tasks.list.title')}
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          rowLabel={(r) => r.title}
          rowTestId={(r) => `task-row-${r.id}`}
          loading={list.isPending}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          sort={sortColumn(state.sort)}
          onSort={(field) => update({ sort: nextSort(state.sort, field) })}
          onRowClick={(r) => void navigate(`/tasks/${r.id}`)}
          renderCard={(r) => <TaskCard task={r} type={types.get(r.type.id)} fmt={fmt} />}
          empty={
            <Empty
              icon={<IconListCheck size={28} />}
              title={filtered ? t('tasks.list.emptyFiltered') : t('tasks.list.empty')}
              description={filtered ? t('clients.emptyFilteredHint') : t('tasks.list.emptyHint')}
              action={
                filtered ? (
                  <Button variant="default" onClick={() => setParams(state.view === 'mine' ? {} : { view: state.view }, { replace: true })}>
                    {t('common.resetFilters')}
                  </Button>
                ) : canCreate ? (
                  <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
                    {t('tasks.list.create')}
                  </Button>
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

      <TaskFilterDrawer opened={filtersOpened} onClose={filters.close} state={state} types={typeList.data ?? []} onApply={update} />
      <TaskFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(task) => void navigate(`/tasks/${task.id}`)} />
    </>
  );
}
