import { Group, Stack, Text } from '@mantine/core';
import type { TaskListItemDto, TaskTypeDto } from '@kontakt/shared';
import type { TFunction } from 'i18next';
import type { VirtualColumn } from '../../ui/VirtualTable';
import type { useFormat } from '../../ui/format';
import { OverdueBadge, PriorityBadge, ResultBadge, StatusBadge, TaskMarks } from './TaskBadges';
import { shownAt } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';

type Format = ReturnType<typeof useFormat>;

const clientOf = (task: TaskListItemDto) => [task.organization?.name, task.person?.name].filter(Boolean).join(' · ');

/** "24.11 10:00" this year, "24.11.25 10:00" another: dates in a table column stay narrow. */
export function shortDateTime(iso: string | null, fmt: Format): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const thisYear = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: fmt.timeZone }).format(new Date()) === new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: fmt.timeZone }).format(date);
  return new Intl.DateTimeFormat(fmt.locale, { day: '2-digit', month: '2-digit', year: thisYear ? undefined : '2-digit', hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone })
    .format(date)
    .replace(',', '');
}

/** Columns of the task table; "when" and "deadline" sort on the server. The type is the title's icon. */
export function taskColumns(types: Map<string, TaskTypeDto>, fmt: Format, t: TFunction): VirtualColumn<TaskListItemDto>[] {
  return [
    {
      key: 'title',
      header: t('tasks.fields.title'),
      width: 265,
      render: (task) => (
        <Group gap={8} wrap="nowrap">
          <TaskTypeIcon type={types.get(task.type.id) ?? task.type} size={24} withTooltip />
          <Text span size="sm" fw={500} truncate title={task.title}>
            {task.title}
          </Text>
          {task.priority === 'high' && <PriorityBadge priority={task.priority} />}
        </Group>
      ),
    },
    { key: 'client', header: t('tasks.fields.client'), width: 170, render: (task) => <Text span size="sm" truncate title={clientOf(task)}>{clientOf(task) || '—'}</Text> },
    { key: 'responsible', header: t('tasks.fields.responsible'), width: 135, render: (task) => <Text span size="sm" truncate title={task.responsible.name}>{task.responsible.name}</Text> },
    { key: 'when', header: t('tasks.list.when'), width: 135, sortable: true, render: (task) => <Text span size="sm">{shortDateTime(shownAt(task), fmt)}</Text> },
    {
      key: 'due',
      header: t('tasks.fields.dueAt'),
      width: 135,
      sortable: true,
      render: (task) => (
        <Text span size="sm" c={task.overdue ? 'red' : undefined} fw={task.overdue ? 600 : undefined}>
          {shortDateTime(task.dueAt, fmt)}
        </Text>
      ),
    },
    {
      key: 'status',
      header: t('tasks.fields.status'),
      // The longest badges in capitals («ЗАПЛАНИРОВАНА», «⚠ ПРОСТРОЧЕНО») take up to 140 px.
      width: 160,
      render: (task) => (task.overdue ? <OverdueBadge /> : <StatusBadge status={task.status} />),
    },
    { key: 'result', header: t('tasks.fields.result'), width: 120, render: (task) => <ResultBadge resultKey={task.resultKey} type={types.get(task.type.id)} /> },
  ];
}

/** A task as a phone card: icon, title, client, time, and its marks. */
export function TaskCard({ task, type, fmt }: { task: TaskListItemDto; type: TaskTypeDto | undefined; fmt: Format }) {
  const client = clientOf(task);
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <TaskTypeIcon type={type ?? task.type} size={30} />
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={2}>
          {task.title}
        </Text>
        {client && (
          <Text size="xs" c="dimmed" truncate>
            {client}
          </Text>
        )}
        <Text size="xs" c={task.overdue ? 'red' : 'dimmed'}>
          {fmt.dateTime(shownAt(task))} · {task.responsible.name}
        </Text>
        <TaskMarks task={task} type={type} />
      </Stack>
    </Group>
  );
}
