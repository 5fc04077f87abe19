import { useState } from 'react';
import { Anchor, Button, Grid, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconRepeat } from '@tabler/icons-react';
import type { TaskDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '@mantine/hooks';
import { useFormat } from '../../ui/format';
import { ErrorState, LoadingState } from '../../ui/states';
import { EditableField, TaskEditProvider } from './InlineEdit';
import { parseRrule, describeRepeat } from './repeatModel';
import { TaskActions } from './TaskActions';
import { TaskMarks } from './TaskBadges';
import { TaskComments } from './TaskComments';
import { TaskFacts, TaskTexts } from './TaskDetails';
import { TaskReminders } from './TaskReminders';
import { TaskFormModal } from './TaskFormModal';
import { dayOf } from './taskModel';
import type { SeriesScope } from './tasksApi';
import { ParentTrail, TaskChildren } from './TaskTree';
import { TaskTypeIcon } from './TaskTypeIcon';
import { useTask, useTaskTypeMap } from './useTasks';

export default function TaskPage() {
  const { id = '' } = useParams();
  const query = useTask(id);
  if (query.isPending) return <LoadingState minHeight="50vh" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <TaskView task={query.data} reload={() => void query.refetch()} />;
}

/** "One of a series": the rule in words, and editing this occurrence or it and the following ones. */
function SeriesInfo({ task, onEdit }: { task: TaskDto; onEdit: (scope: SeriesScope) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!task.seriesId) return null;
  const day = dayOf(task.occurrenceAt ?? task.at, fmt.timeZone);
  const rule = describeRepeat(parseRrule(task.rrule, day, fmt.timeZone), task.rrule, day, t, fmt.locale);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.series.title')} data-testid="task-series">
      <Group gap="xs" mb={4} wrap="nowrap">
        <IconRepeat size={18} />
        <Title order={4} fz="md">
          {t('tasks.series.title')}
        </Title>
      </Group>
      <Text size="sm" mb="xs">
        {task.rrule ? rule : t('tasks.series.member')}
      </Text>
      {task.canEdit && (
        <Group gap="xs">
          <Button size="compact-sm" variant="light" onClick={() => onEdit('one')} data-testid="series-edit-one">
            {t('tasks.series.editOne')}
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => onEdit('following')} data-testid="series-edit-following">
            {t('tasks.series.editFollowing')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function TaskView({ task, reload }: { task: TaskDto; reload: () => void }) {
  const { t } = useTranslation();
  const types = useTaskTypeMap();
  const type = types.get(task.type.id);
  const [editing, setEditing] = useState<SeriesScope | null>(null);
  useDocumentTitle(`${task.title} · Kontakt`);

  return (
    <TaskEditProvider task={task} reload={reload}>
      {task.parentId ? (
        <ParentTrail task={task} />
      ) : (
        <Anchor component={Link} to="/tasks" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconArrowLeft size={14} /> {t('tasks.page.backToList')}
        </Anchor>
      )}
      <Group align="flex-start" gap="sm" wrap="nowrap" mb="xs">
        <TaskTypeIcon type={type ?? task.type} size={40} withTooltip />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <EditableField
            label={t('tasks.fields.title')}
            name="title"
            hideLabel
            edit={(e) => <TextInput value={e.values.title} onChange={(ev) => e.set('title', ev.currentTarget.value)} error={e.errorAt('title')} aria-label={t('tasks.fields.title')} data-autofocus data-testid="edit-title" />}
          >
            <Title order={2} fz={{ base: 'h3', sm: 'h2' }} style={{ overflowWrap: 'anywhere' }} data-testid="task-title-text">
              {task.title}
            </Title>
          </EditableField>
          <TaskMarks task={task} type={type} />
        </Stack>
      </Group>
      <Group mb="md">
        <TaskActions task={task} onEdit={() => setEditing('one')} />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <TaskTexts task={task} type={type} />
            <TaskChildren task={task} />
            <TaskComments taskId={task.id} />
          </Stack>
        </Grid.Col>
        {/* On a phone the facts (client, time, people) come first, the discussion after them. */}
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="md">
            <TaskFacts task={task} type={type} />
            <SeriesInfo task={task} onEdit={setEditing} />
            <TaskReminders task={task} />
          </Stack>
        </Grid.Col>
      </Grid>
      <TaskFormModal opened={editing !== null} onClose={() => setEditing(null)} task={task} scope={editing ?? 'one'} />
    </TaskEditProvider>
  );
}
