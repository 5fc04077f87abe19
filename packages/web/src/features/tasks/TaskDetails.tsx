import { Anchor, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { TASK_DIRECTIONS, type TaskDto, type TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { RecordPicker } from '../client-card/RecordPicker';
import { UserPicker } from '../users/UserPicker';
import { EditableField } from './InlineEdit';
import { EmployeesPicker } from './Pickers';
import { ResultFields } from './ResultFields';
import { DirectionMark, InterestStars, ResultBadge } from './TaskBadges';
import { dayOf, typeLabel, type TaskFormValues } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';
import { TimeFields } from './TimeFields';
import { TaskTypeSelect } from './TaskTypeSelect';

function UserLink({ user }: { user: { id: string; name: string } | null }) {
  if (!user) return null;
  return (
    <Anchor component={Link} to={`/users/${user.id}`} size="sm">
      {user.name}
    </Anchor>
  );
}

/** The task's facts, each editable in place: type, client, times, people, priority, direction. */
export function TaskFacts({ task, type }: { task: TaskDto; type: TaskTypeDto | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = (iso: string | null, end = false) => {
    if (!iso) return null;
    if (!task.allDay) return fmt.dateTime(iso);
    // An all-day end is the midnight after the last day.
    return fmt.date(end ? new Date(Date.parse(iso) - 1).toISOString() : iso);
  };
  const sameDay = (a: string, b: string) => dayOf(a, fmt.timeZone) === dayOf(b, fmt.timeZone);
  const time = (iso: string) => new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }).format(new Date(iso));

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.page.details')}>
      <Stack gap="sm">
        <EditableField
          label={t('tasks.fields.type')}
          name="type"
          edit={(e) => <TaskTypeSelect value={e.values.typeId} onChange={(id) => e.set('typeId', id)} error={e.errorAt('typeId')} aria-label={t('tasks.fields.type')} />}
        >
          <Group gap="xs" wrap="nowrap">
            <TaskTypeIcon type={type ?? task.type} size={22} />
            {typeLabel(type ?? task.type, t)}
          </Group>
        </EditableField>
        <EditableField
          label={t('tasks.fields.client')}
          name="client"
          edit={(e) => (
            <Stack gap="xs">
              <RecordPicker type="organization" label={t('tasks.fields.organization')} value={e.values.organization?.id ?? null} selected={e.values.organization} onChange={(id, name) => e.set('organization', id && name ? { id, name } : null, 'organizationId')} error={e.errorAt('organizationId')} comboboxProps={{ withinPortal: true }} />
              <RecordPicker type="person" label={t('tasks.fields.person')} value={e.values.person?.id ?? null} selected={e.values.person} onChange={(id, name) => e.set('person', id && name ? { id, name } : null, 'personId')} error={e.errorAt('personId')} comboboxProps={{ withinPortal: true }} />
            </Stack>
          )}
        >
          {(task.organization || task.person) && (
            <Stack gap={2}>
              {task.organization && (
                <Anchor component={Link} to={`/organizations/${task.organization.id}`} size="sm" data-testid="task-organization-link">
                  {task.organization.name}
                </Anchor>
              )}
              {task.person && (
                <Anchor component={Link} to={`/persons/${task.person.id}`} size="sm">
                  {task.person.name}
                </Anchor>
              )}
            </Stack>
          )}
        </EditableField>
        <EditableField label={t('tasks.page.when')} name="times" edit={(e) => (
            <Stack gap="xs">
              <TimeFields value={e.values} onChange={(patch) => e.setMany(patch)} errorAt={e.errorAt} cols={1} testPrefix="edit" />
            </Stack>
          )}>
          {(task.startsAt || task.dueAt) && (
            <Stack gap={2}>
              {task.startsAt && (
                <Text size="sm">
                  {when(task.startsAt)}
                  {task.endsAt && ` — ${sameDay(task.startsAt, task.endsAt) && !task.allDay ? time(task.endsAt) : when(task.endsAt, true)}`}
                  {task.allDay && ` (${t('tasks.fields.allDay').toLowerCase()})`}
                </Text>
              )}
              {task.dueAt && (
                <Text size="sm" c={task.overdue ? 'red' : undefined}>
                  {t('tasks.fields.dueAt')}: {when(task.dueAt)}
                </Text>
              )}
            </Stack>
          )}
        </EditableField>
        <SimpleGrid cols={2} spacing="sm">
          <EditableField
            label={t('tasks.fields.priority')}
            name="priority"
            edit={(e) => (
              <Select
                data={(['low', 'normal', 'high'] as const).map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
                value={e.values.priority}
                onChange={(p) => p && e.set('priority', p as TaskFormValues['priority'])}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                aria-label={t('tasks.fields.priority')}
              />
            )}
          >
            {t(`tasks.priorities.${task.priority}`)}
          </EditableField>
          <EditableField
            label={t('tasks.fields.direction')}
            name="direction"
            edit={(e) => (
              <SegmentedControl
                size="xs"
                value={e.values.direction || 'none'}
                onChange={(d) => e.set('direction', d === 'none' ? '' : (d as TaskFormValues['direction']))}
                data={[
                  { value: 'none', label: '—' },
                  ...TASK_DIRECTIONS.map((d) => ({ value: d, label: t(`tasks.directions.${d}`) })),
                ]}
                aria-label={t('tasks.fields.direction')}
              />
            )}
          >
            {task.direction && (
              <Group gap={4} wrap="nowrap">
                <DirectionMark direction={task.direction} />
                {t(`tasks.directions.${task.direction}`)}
              </Group>
            )}
          </EditableField>
        </SimpleGrid>
        <EditableField
          label={t('tasks.fields.responsible')}
          name="responsible"
          edit={(e) => <UserPicker value={e.values.assignees[0]?.id ?? null} selected={e.values.assignees[0] ?? null} onChange={(id, name) => e.set('assignees', id && name ? [{ id, name }] : [], 'responsibleId')} error={e.errorAt('responsibleId')} comboboxProps={{ withinPortal: true }} aria-label={t('tasks.fields.responsible')} />}
        >
          <UserLink user={task.responsible} />
          {task.acceptedAt && (
            <Text span size="xs" c="dimmed">
              {' '}
              · {t('tasks.page.acceptedAt', { date: fmt.dateTime(task.acceptedAt) })}
            </Text>
          )}
        </EditableField>
        <EditableField
          label={t('tasks.fields.controller')}
          name="controller"
          edit={(e) => <UserPicker value={e.values.controller?.id ?? null} selected={e.values.controller} onChange={(id, name) => e.set('controller', id && name ? { id, name } : null, 'controllerId')} error={e.errorAt('controllerId')} comboboxProps={{ withinPortal: true }} aria-label={t('tasks.fields.controller')} />}
        >
          {task.controller && <UserLink user={task.controller} />}
          {task.checkedAt && (
            <Text span size="xs" c="teal">
              {' '}
              · {t('tasks.page.checkedAt', { date: fmt.dateTime(task.checkedAt) })}
            </Text>
          )}
        </EditableField>
        <EditableField
          label={t('tasks.fields.participants')}
          name="participants"
          edit={(e) => <EmployeesPicker value={e.values.participants} onChange={(list) => e.set('participants', list, 'participantIds')} error={e.errorAt('participantIds')} aria-label={t('tasks.fields.participants')} />}
        >
          {task.participants.length > 0 && (
            <Stack gap={2}>
              {task.participants.map((p) => (
                <Group key={p.id} gap={6} wrap="nowrap">
                  <UserLink user={p} />
                  {p.acceptedAt && (
                    <Text span size="xs" c="dimmed">
                      ✓
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </EditableField>
        <Text size="xs" c="dimmed">
          {t('tasks.page.createdBy', { name: task.author?.name ?? '—', date: fmt.dateTime(task.createdAt) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Description, planned result and — once done — the result, each editable in place. */
export function TaskTexts({ task, type }: { task: TaskDto; type: TaskTypeDto | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const done = task.status === 'done';
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.page.content')}>
      <Stack gap="md">
        <EditableField
          label={t('tasks.fields.description')}
          name="description"
          block
          edit={(e) => <Textarea value={e.values.description} onChange={(ev) => e.set('description', ev.currentTarget.value)} error={e.errorAt('description')} autosize minRows={3} maxRows={14} aria-label={t('tasks.fields.description')} data-autofocus />}
        >
          {task.description}
        </EditableField>
        <EditableField
          label={t('tasks.fields.plannedResult')}
          name="planned-result"
          block
          edit={(e) => <Textarea value={e.values.plannedResult} onChange={(ev) => e.set('plannedResult', ev.currentTarget.value)} error={e.errorAt('plannedResult')} autosize minRows={2} maxRows={8} aria-label={t('tasks.fields.plannedResult')} />}
        >
          {task.plannedResult}
        </EditableField>
        {done && (
          <EditableField
            label={t('tasks.page.result')}
            name="result"
            block
            edit={(e) => <ResultFields type={type} value={e.values} onChange={(patch) => e.setMany(patch)} errorFor={e.errorAt} />}
          >
            <Stack gap={4}>
              <Group gap="xs">
                <ResultBadge resultKey={task.resultKey} type={type} />
                <InterestStars value={task.interest} />
                {task.minutesSpent !== null && (
                  <Text span size="sm" c="dimmed">
                    {t('tasks.minutes', { count: task.minutesSpent })}
                  </Text>
                )}
                {task.completedAt && (
                  <Text span size="sm" c="dimmed">
                    {fmt.dateTime(task.completedAt)}
                  </Text>
                )}
              </Group>
              {task.resultText && <Text size="sm">{task.resultText}</Text>}
            </Stack>
          </EditableField>
        )}
      </Stack>
    </Paper>
  );
}
