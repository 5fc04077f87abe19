import { Group, Stack, Text } from '@mantine/core';
import type { TaskListItemDto, TaskTypeDto } from '@kontakt/shared';
import type { TFunction } from 'i18next';
import type { VirtualColumn } from '../../ui/VirtualTable';
import type { useFormat } from '../../ui/format';
import { OverdueBadge, PriorityBadge, ResultBadge, StatusBadge, TaskMarks } from './TaskBadges';
import { shownAt, typeLabel } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';

type Format = ReturnType<typeof useFormat>;

const clientOf = (task: TaskListItemDto) => [task.organization?.name, task.person?.name].filter(Boolean).join(' · ');

/** Columns of the task table; "when", "deadline" and "priority" sort on the server. */
export function taskColumns(types: Map<string, TaskTypeDto>, fmt: Format, t: TFunction): VirtualColumn<TaskListItemDto>[] {
  return [
    {
      key: 'type',
      header: t('tasks.fields.type'),
      width: 150,
      render: (task) => (
        <Group gap={6} wrap="nowrap">
          <TaskTypeIcon type={types.get(task.type.id) ?? task.type} size={22} />
          <Text span size="sm" truncate>
            {typeLabel(types.get(task.type.id) ?? task.type, t)}
          </Text>
        </Group>
      ),
    },
    {
      key: 'title',
      header: t('tasks.fields.title'),
      width: 300,
      render: (task) => (
        <Text span size="sm" fw={500} truncate title={task.title}>
          {task.title}
        </Text>
      ),
    },
    { key: 'client', header: t('tasks.fields.client'), width: 220, render: (task) => <Text span size="sm" truncate title={clientOf(task)}>{clientOf(task) || '—'}</Text> },
    { key: 'responsible', header: t('tasks.fields.responsible'), width: 170, render: (task) => <Text span size="sm" truncate>{task.responsible.name}</Text> },
    { key: 'when', header: t('tasks.list.when'), width: 150, sortable: true, render: (task) => <Text span size="sm">{fmt.dateTime(shownAt(task))}</Text> },
    {
      key: 'due',
      header: t('tasks.fields.dueAt'),
      width: 150,
      sortable: true,
      render: (task) => (
        <Text span size="sm" c={task.overdue ? 'red' : undefined}>
          {fmt.dateTime(task.dueAt)}
        </Text>
      ),
    },
    {
      key: 'status',
      header: t('tasks.fields.status'),
      width: 200,
      render: (task) => (
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={task.status} />
          {task.overdue && <OverdueBadge />}
        </Group>
      ),
    },
    { key: 'result', header: t('tasks.fields.result'), width: 160, render: (task) => <ResultBadge resultKey={task.resultKey} type={types.get(task.type.id)} /> },
    { key: 'priority', header: t('tasks.fields.priority'), width: 120, sortable: true, render: (task) => (task.priority === 'normal' ? <Text span size="sm" c="dimmed">{t(`tasks.priorities.${task.priority}`)}</Text> : <PriorityBadge priority={task.priority} />) },
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
