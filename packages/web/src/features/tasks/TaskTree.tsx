import { useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Paper, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconSubtask } from '@tabler/icons-react';
import type { TaskDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../ui/format';
import { StatusBadge } from './TaskBadges';
import { TaskFormModal } from './TaskFormModal';
import { progressPercent, shownAt } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';
import { useTask, useTaskChildren, useTaskTypeMap } from './useTasks';

function Crumb({ id, depth }: { id: string; depth: number }) {
  const task = useTask(id);
  if (!task.data) return <Skeleton height={12} width={120} />;
  return (
    <Anchor component={Link} to={`/tasks/${id}`} size="sm" data-testid={`crumb-${depth}`}>
      {task.data.title}
    </Anchor>
  );
}

/** The way up the tree: project › stage › this task (at most two parents). */
export function ParentTrail({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  const parent = useTask(task.parentId ?? '');
  if (!task.parentId) return null;
  const grandParentId = parent.data?.parentId ?? null;
  return (
    <Breadcrumbs separator="›" mb="xs" aria-label={t('tasks.page.trail')} style={{ flexWrap: 'wrap' }}>
      <Anchor component={Link} to="/tasks" size="sm">
        {t('tasks.list.title')}
      </Anchor>
      {grandParentId && <Crumb id={grandParentId} depth={0} />}
      <Crumb id={task.parentId} depth={1} />
    </Breadcrumbs>
  );
}

/** Children of a project or a stage with the parent's progress, and a way to add one. */
export function TaskChildren({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const types = useTaskTypeMap();
  const canHaveChildren = task.depth < 2;
  const children = useTaskChildren(task.id, canHaveChildren && task.progress.total > 0);
  // A call or a meeting rarely grows subtasks: the section shows for projects, stages and tasks that have some.
  const contact = types.get(task.type.id)?.isContact ?? false;
  if (!canHaveChildren || (contact && task.progress.total === 0 && !adding)) return null;
  const percent = progressPercent(task.progress);
  const items = children.data?.items ?? [];

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.page.children')} data-testid="task-children">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={4} fz="md">
          {task.depth === 0 ? t('tasks.page.stagesAndTasks') : t('tasks.page.children')}
        </Title>
        {task.canEdit && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="child-add">
            {t('tasks.page.addChild')}
          </Button>
        )}
      </Group>
      {task.progress.total > 0 ? (
        <Stack gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Progress value={percent} color={percent === 100 ? 'teal' : 'blue'} style={{ flex: 1 }} aria-label={t('tasks.page.progress')} data-testid="task-progress" />
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('tasks.page.progressText', { closed: task.progress.closed, total: task.progress.total })}
            </Text>
          </Group>
          {children.isPending && <Skeleton height={40} />}
          {items.map((child) => (
            <Group
              key={child.id}
              gap="sm"
              wrap="nowrap"
              py={6}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)', cursor: 'pointer' }}
              onClick={() => void navigate(`/tasks/${child.id}`)}
              data-testid={`child-${child.id}`}
            >
              <TaskTypeIcon type={child.type} size={24} />
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Anchor component={Link} to={`/tasks/${child.id}`} size="sm" fw={500} truncate onClick={(e) => e.stopPropagation()}>
                  {child.title}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {child.responsible.name} · {fmt.dateTime(shownAt(child))}
                  {child.progress.total > 0 && ` · ${t('tasks.page.progressText', { closed: child.progress.closed, total: child.progress.total })}`}
                </Text>
              </Stack>
              <StatusBadge status={child.status} />
            </Group>
          ))}
        </Stack>
      ) : (
        <Group gap="xs" c="dimmed">
          <IconSubtask size={16} />
          <Text size="sm">{t('tasks.page.noChildren')}</Text>
        </Group>
      )}
      <TaskFormModal
        opened={adding}
        onClose={() => setAdding(false)}
        preset={{ parent: { id: task.id, name: task.title }, organization: task.organization, person: task.person }}
      />
    </Paper>
  );
}
