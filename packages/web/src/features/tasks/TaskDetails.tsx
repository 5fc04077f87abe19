import { Anchor, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { TASK_DIRECTIONS, TASK_NOTIFY_AUDIENCES, TASK_NOTIFY_EVENTS, taskNotifies, type TaskDto, type TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateField, DateTimeField } from '../../ui/DateField';
import { useFormat } from '../../ui/format';
import { RecordPicker } from '../client-card/RecordPicker';
import { UserPicker } from '../users/UserPicker';
import { EditableField, type FieldEditor } from './InlineEdit';
import { EmployeesPicker } from './Pickers';
import { NotifySettings, RemindersEditor } from './RemindersEditor';
import { ResultFields } from './ResultFields';
import { DirectionMark, InterestStars, ResultBadge } from './TaskBadges';
import { dayOf, typeLabel, type TaskFormValues } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';
import { useTaskTypes } from './useTasks';

function UserLink({ user }: { user: { id: string; name: string } | null }) {
  if (!user) return null;
  return (
    <Anchor component={Link} to={`/users/${user.id}`} size="sm">
      {user.name}
    </Anchor>
  );
}

function TimesEditor({ e }: { e: FieldEditor }) {
  const { t } = useTranslation();
  const v = e.values;
  const toggle = (allDay: boolean) => {
    const cut = (wall: string, hour: string) => (allDay ? wall.slice(0, 10) : wall ? `${wall.slice(0, 10)} ${hour}` : '');
    e.setMany({ allDay, startsAt: cut(v.startsAt, '09:00:00'), endsAt: cut(v.endsAt, '10:00:00'), dueAt: cut(v.dueAt, '18:00:00') });
  };
  const Field = v.allDay ? DateField : DateTimeField;
  return (
    <Stack gap="xs">
      <Switch label={t('tasks.fields.allDay')} checked={v.allDay} onChange={(ev) => toggle(ev.currentTarget.checked)} />
      {(['startsAt', 'endsAt', 'dueAt'] as const).map((key) => (
        <Field key={key} label={t(`tasks.fields.${key}`)} value={v[key]} onChange={(x: string) => e.set(key, x)} error={e.errorAt(key)} data-testid={`edit-${key}`} />
      ))}
    </Stack>
  );
}

/** The task's facts, each editable in place: type, client, times, people, priority, direction. */
export function TaskFacts({ task, type }: { task: TaskDto; type: TaskTypeDto | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const types = useTaskTypes();
  const when = (iso: string | null, end = false) => {
    if (!iso) return null;
    if (!task.allDay) return fmt.dateTime(iso);
    // An all-day end is the midnight after the last day.
    return fmt.date(end ? new Date(Date.parse(iso) - 1).toISOString() : iso);
  };
  const sameDay = (a: string, b: string) => dayOf(a, fmt.timeZone) === dayOf(b, fmt.timeZone);
  const time = (iso: string) => new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }).format(new Date(iso));
  const typeOptions = (types.data ?? []).filter((x) => x.active || x.id === task.type.id).map((x) => ({ value: x.id, label: typeLabel(x, t) }));

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.page.details')}>
      <Stack gap="sm">
        <EditableField
          label={t('tasks.fields.type')}
          name="type"
          edit={(e) => <Select data={typeOptions} value={e.values.typeId} onChange={(id) => e.set('typeId', id)} error={e.errorAt('typeId')} allowDeselect={false} comboboxProps={{ withinPortal: true }} aria-label={t('tasks.fields.type')} />}
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
        <EditableField label={t('tasks.page.when')} name="times" edit={(e) => <TimesEditor e={e} />}>
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

/** Reminders of the task (when each fires, for whom, whether it has) and who hears of its events. */
export function TaskReminders({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const describe = (r: TaskDto['reminders'][number]) => {
    if (r.anchor === 'absolute') return t('tasks.reminders.atMoment');
    const m = r.offsetMinutes;
    const amount = m % 1440 === 0 && m > 0 ? t('tasks.reminders.days', { count: m / 1440 }) : m % 60 === 0 && m > 0 ? t('tasks.reminders.hours', { count: m / 60 }) : t('tasks.reminders.minutes', { count: m });
    return m === 0 ? t(`tasks.reminders.at_${r.anchor}`) : t(`tasks.reminders.before_${r.anchor}`, { amount });
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.form.reminders')}>
      <Title order={4} fz="md" mb="xs">
        {t('tasks.form.reminders')}
      </Title>
      <EditableField
        label={t('tasks.page.remindersList')}
        name="reminders"
        edit={(e) => (
          <RemindersEditor value={e.values.reminders} onChange={(rows) => e.set('reminders', rows)} errors={(i) => e.errorAt(`reminders.${i}`)} hasStart={Boolean(e.values.startsAt)} hasDue={Boolean(e.values.dueAt)} />
        )}
      >
        {task.reminders.length > 0 && (
          <Stack gap={4} data-testid="task-reminders">
            {task.reminders.map((r) => (
              <Group key={r.id} gap={6} wrap="wrap">
                <Text size="sm" td={r.firedAt ? 'line-through' : undefined} c={r.firedAt ? 'dimmed' : undefined}>
                  {describe(r)}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.dateTime(r.remindAt)} · {t(`tasks.reminders.audiences.${r.audience}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </EditableField>
      <div style={{ height: 12 }} />
      <EditableField label={t('tasks.form.notifications')} name="notify" edit={(e) => <NotifySettings value={e.values.notify} onChange={(notify) => e.set('notify', notify)} />}>
        <NotifySummary notify={task.notify} />
      </EditableField>
    </Paper>
  );
}

function NotifySummary({ notify }: { notify: TaskDto['notify'] }) {
  const { t } = useTranslation();
  const lines = TASK_NOTIFY_AUDIENCES.map((audience) => {
    const events = TASK_NOTIFY_EVENTS.filter((event) => taskNotifies(notify, audience, event));
    return `${t(`tasks.notify.audiences.${audience}`)}: ${events.length > 0 ? events.map((e) => t(`tasks.notify.events.${e}`).toLowerCase()).join(', ') : t('tasks.notify.nothing')}`;
  });
  return (
    <Stack gap={2}>
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </Stack>
  );
}
