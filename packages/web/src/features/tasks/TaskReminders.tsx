import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { TASK_NOTIFY_AUDIENCES, TASK_NOTIFY_EVENTS, taskNotifies, type TaskDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { EditableField } from './InlineEdit';
import { NotifySettings, RemindersEditor } from './RemindersEditor';

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
