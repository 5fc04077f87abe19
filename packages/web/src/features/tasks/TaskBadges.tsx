import { Badge, Group, Rating, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowDownLeft, IconArrowUpRight, IconRepeat } from '@tabler/icons-react';
import type { TaskListItemDto, TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { PRIORITY_COLORS, resultColor, resultLabel, STATUS_COLORS } from './taskModel';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} data-testid="task-status">
      {t(`tasks.statuses.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Badge variant="outline" color={PRIORITY_COLORS[priority] ?? 'gray'}>
      {t(`tasks.priorities.${priority}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} />} data-testid="task-overdue">
      {t('tasks.overdue')}
    </Badge>
  );
}

export function ResultBadge({ resultKey, type }: { resultKey: string | null; type: Pick<TaskTypeDto, 'results'> | undefined }) {
  const { t } = useTranslation();
  if (!resultKey) return null;
  return (
    <Badge variant="light" color={resultColor(resultKey)} tt="none" data-testid="task-result">
      {resultLabel(resultKey, type, t)}
    </Badge>
  );
}

/** The client's interest as read-only stars (1…5). */
export function InterestStars({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Tooltip label={t('tasks.interestValue', { value })}>
      <span>
        <Rating value={value} readOnly size="xs" aria-label={t('tasks.interestValue', { value })} />
      </span>
    </Tooltip>
  );
}

export function DirectionMark({ direction }: { direction: string | null }) {
  const { t } = useTranslation();
  if (!direction) return null;
  const Icon = direction === 'inbound' ? IconArrowDownLeft : IconArrowUpRight;
  return (
    <Tooltip label={t(`tasks.directions.${direction}`)}>
      <Icon size={16} aria-label={t(`tasks.directions.${direction}`)} style={{ flexShrink: 0, opacity: 0.7 }} />
    </Tooltip>
  );
}

/** Status, overdue, priority, result and series marks of a task, in one wrapping row. */
export function TaskMarks({ task, type }: { task: TaskListItemDto; type: TaskTypeDto | undefined }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <StatusBadge status={task.status} />
      {task.overdue && <OverdueBadge />}
      <PriorityBadge priority={task.priority} />
      {/* A task returned for rework keeps its old result, which no longer stands. */}
      {task.status === 'done' && <ResultBadge resultKey={task.resultKey} type={type} />}
      {task.seriesId && (
        <Tooltip label={t('tasks.series.member')}>
          <IconRepeat size={16} aria-label={t('tasks.series.member')} style={{ opacity: 0.6 }} />
        </Tooltip>
      )}
      {task.status === 'done' && <InterestStars value={task.interest} />}
      {task.direction && (
        <Text span size="xs" c="dimmed">
          <DirectionMark direction={task.direction} />
        </Text>
      )}
    </Group>
  );
}
