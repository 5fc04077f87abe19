import { useMemo, useState } from 'react';
import { Anchor, Button, Divider, Group, MultiSelect, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconFilter, IconHistory } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import type { ClientType, TaskListItemDto, TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { DateField } from '../../ui/DateField';
import { useFormat } from '../../ui/format';
import { ErrorState } from '../../ui/states';
import { zonedDayBoundary } from '../../ui/zonedTime';
import { UserPicker } from '../users/UserPicker';
import { addDays } from '../tasks/repeatModel';
import { DirectionMark, InterestStars, OverdueBadge, ResultBadge, StatusBadge } from '../tasks/TaskBadges';
import { resultOptions } from '../tasks/TaskFilters';
import { TaskFormModal } from '../tasks/TaskFormModal';
import { dayOf, groupByDay, relativeDay, shownAt, typeLabel } from '../tasks/taskModel';
import type { TimelineParams } from '../tasks/tasksApi';
import { TaskTypeIcon } from '../tasks/TaskTypeIcon';
import { useTaskTypeMap, useTaskTypes, useTimeline } from '../tasks/useTasks';
import { QuickLog } from './QuickLog';

interface Filters {
  typeIds: string[];
  userId: string | null;
  resultKey: string | null;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { typeIds: [], userId: null, resultKey: null, from: '', to: '' };

/** One task in the timeline: icon, time, title, who, result and interest, and for an organization which person. */
function Item({ task, type, clientType, planned }: { task: TaskListItemDto; type: TaskTypeDto | undefined; clientType: ClientType; planned: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const at = planned ? shownAt(task) : (task.completedAt ?? shownAt(task));
  const time = task.allDay ? t('tasks.myDay.allDay') : new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }).format(new Date(at));
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" py={8} data-testid="timeline-item">
      <TaskTypeIcon type={type ?? task.type} size={32} withTooltip />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" fw={600} style={{ flexShrink: 0 }}>
            {time}
          </Text>
          <DirectionMark direction={task.direction} />
          <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={2}>
            {task.title}
          </Anchor>
        </Group>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            {task.responsible.name}
            {clientType === 'organization' && task.person && ` · ${task.person.name}`}
          </Text>
          {task.status === 'done' ? <ResultBadge resultKey={task.resultKey} type={type} /> : task.status !== 'planned' && <StatusBadge status={task.status} />}
          {task.overdue && <OverdueBadge />}
          <InterestStars value={task.interest} />
        </Group>
      </Stack>
    </Group>
  );
}

function Section({ title, params, clientType, planned, testId }: { title: string; params: TimelineParams; clientType: ClientType; planned: boolean; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const types = useTaskTypeMap();
  const timeline = useTimeline(params, planned ? 10 : 30);
  const items = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const groups = useMemo(() => groupByDay(items, fmt.timeZone), [items, fmt.timeZone]);
  const today = dayOf(new Date().toISOString(), fmt.timeZone);
  const dayTitle = (day: string) => {
    const rel = relativeDay(day, today);
    const date = new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', day: 'numeric', month: 'long', year: day.slice(0, 4) === today.slice(0, 4) ? undefined : 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    );
    return rel ? `${t(`tasks.timeline.${rel}`)}, ${date}` : date;
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title} data-testid={testId}>
      <Title order={4} fz="md" mb="xs">
        {title}
      </Title>
      {timeline.isPending ? (
        <Stack gap="xs">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {planned ? t('tasks.timeline.nothingPlanned') : t('tasks.timeline.nothingPast')}
        </Text>
      ) : (
        <Stack gap={0}>
          {groups.map((g) => (
            <div key={g.day}>
              <Divider label={dayTitle(g.day)} labelPosition="left" mt={4} styles={{ label: { fontWeight: 600, fontSize: 'var(--mantine-font-size-xs)' } }} />
              {g.items.map((task) => (
                <Item key={task.id} task={task} type={types.get(task.type.id)} clientType={clientType} planned={planned} />
              ))}
            </div>
          ))}
          {timeline.hasNextPage && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid={`${testId}-more`}>
              {t('common.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * The history of relations on a client card: planned contacts above, past ones below (for an organization
 * also its persons'), filtered by type, period, employee and result; a call logged in two clicks, a contact planned.
 */
export function HistoryTimeline({ type, id, name }: { type: ClientType; id: string; name: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canCreate = useCan('task', 'create');
  const typeList = useTaskTypes();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [planning, setPlanning] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const set = (patch: Partial<Filters>) => setFilters((old) => ({ ...old, ...patch }));
  const results = useMemo(() => resultOptions(typeList.data ?? [], t), [typeList.data, t]);
  const call = typeList.data?.find((x) => x.key === 'call' && x.active);

  const base: Omit<TimelineParams, 'section'> = {
    ...(type === 'organization' ? { organizationId: id } : { personId: id }),
    typeId: filters.typeIds.length > 0 ? filters.typeIds : undefined,
    userId: filters.userId ?? undefined,
    resultKey: filters.resultKey ?? undefined,
    from: filters.from ? zonedDayBoundary(filters.from, fmt.timeZone) : undefined,
    to: filters.to ? zonedDayBoundary(addDays(filters.to, 1), fmt.timeZone) : undefined,
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const client = { id, name };

  return (
    <Stack gap="md" data-testid="contact-history">
      <Paper withBorder radius="md" p="sm">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Group gap="xs">
              <IconHistory size={18} />
              <Text fw={600}>{t('tasks.timeline.title')}</Text>
            </Group>
            {canCreate && (
              <Group gap="xs">
                <QuickLog type={type} id={id} name={name} />
                <Button variant="light" leftSection={<IconCalendarPlus size={16} />} onClick={() => setPlanning(true)} data-testid="plan-contact">
                  {t('tasks.timeline.plan')}
                </Button>
              </Group>
            )}
          </Group>
          <Button
            hiddenFrom="sm"
            variant={filtered ? 'light' : 'default'}
            size="xs"
            leftSection={<IconFilter size={14} />}
            onClick={() => setFiltersOpen((o) => !o)}
            style={{ alignSelf: 'flex-start' }}
            aria-expanded={filtersOpen}
            data-testid="timeline-filters-toggle"
          >
            {t('tasks.filters.button')}
          </Button>
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs" display={filtersOpen || !phone ? undefined : 'none'}>
            <MultiSelect
              aria-label={t('tasks.fields.type')}
              placeholder={filters.typeIds.length === 0 ? t('tasks.filters.anyType') : undefined}
              data={(typeList.data ?? []).map((x) => ({ value: x.id, label: typeLabel(x, t) }))}
              value={filters.typeIds}
              onChange={(typeIds) => set({ typeIds })}
              size="xs"
              style={{ gridColumn: phone ? 'span 2' : undefined }}
              data-testid="timeline-type"
            />
            <UserPicker
              aria-label={t('tasks.timeline.employee')}
              placeholder={t('tasks.timeline.anyEmployee')}
              value={filters.userId}
              onChange={(userId) => set({ userId })}
              size="xs"
              comboboxProps={{ withinPortal: true }}
              style={{ gridColumn: phone ? 'span 2' : undefined }}
              data-testid="timeline-user"
            />
            <Select aria-label={t('tasks.fields.result')} placeholder={t('tasks.timeline.anyResult')} data={results} value={filters.resultKey} onChange={(resultKey) => set({ resultKey })} clearable size="xs" style={{ gridColumn: phone ? 'span 2' : undefined }} data-testid="timeline-result" />
            <DateField aria-label={t('tasks.filters.from')} placeholder={t('tasks.filters.from')} value={filters.from} onChange={(from) => set({ from })} size="xs" />
            <DateField aria-label={t('tasks.filters.to')} placeholder={t('tasks.filters.to')} value={filters.to} onChange={(to) => set({ to })} size="xs" />
          </SimpleGrid>
          {filtered && (
            <Group>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setFilters(NO_FILTERS)}>
                {t('common.resetFilters')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <Section title={t('tasks.timeline.planned')} params={{ ...base, section: 'planned' }} clientType={type} planned testId="timeline-planned" />
      <Section title={t('tasks.timeline.past')} params={{ ...base, section: 'past' }} clientType={type} planned={false} testId="timeline-past" />
      <TaskFormModal
        opened={planning}
        onClose={() => setPlanning(false)}
        preset={{ typeId: call?.id, ...(type === 'organization' ? { organization: client } : { person: client }) }}
      />
    </Stack>
  );
}
