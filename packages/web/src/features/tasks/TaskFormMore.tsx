import type { Dispatch, SetStateAction } from 'react';
import { Accordion, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NotifySettings, RemindersEditor } from './RemindersEditor';
import { RepeatPicker } from './RepeatPicker';
import type { TaskFormValues } from './taskModel';

/** The less used parts of the task form, folded: repeat, reminders, who hears of the task's events. */
export function TaskFormMore({
  values: v,
  setValues,
  set,
  errorAt,
  startDay,
  withRepeat,
}: {
  values: TaskFormValues;
  setValues: Dispatch<SetStateAction<TaskFormValues>>;
  set: <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K], field?: string) => void;
  errorAt: (field: string) => string | undefined;
  startDay: string;
  withRepeat: boolean;
}) {
  const { t } = useTranslation();
  const reminderCount = v.reminders.length;
  return (
    <Accordion variant="separated" multiple chevronPosition="left">
      {/* One occurrence changed alone keeps no rule of its own: the repeat is edited for this and following. */}
      {withRepeat && (
      <Accordion.Item value="repeat">
        <Accordion.Control data-testid="section-repeat">
          <Group gap="xs">
            {t('tasks.form.repeat')}
            {(v.repeat.freq !== 'none' || v.repeatCustom) && <Badge size="xs" variant="light">{t('tasks.form.on')}</Badge>}
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          <RepeatPicker
            value={v.repeat}
            onChange={(repeat) => set('repeat', repeat, 'rrule')}
            startDay={startDay}
            custom={v.repeatCustom}
            customRule={v.rrule}
            onReplaceCustom={() => setValues((old) => ({ ...old, repeatCustom: false }))}
            error={errorAt('rrule')}
          />
        </Accordion.Panel>
      </Accordion.Item>
      )}
      <Accordion.Item value="reminders">
        <Accordion.Control data-testid="section-reminders">
          <Group gap="xs">
            {t('tasks.form.reminders')}
            {reminderCount > 0 && <Badge size="xs" variant="light">{reminderCount}</Badge>}
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          <RemindersEditor
            value={v.reminders}
            onChange={(rows) => set('reminders', rows)}
            errors={(i) => errorAt(`reminders.${i}`)}
            hasStart={Boolean(v.startsAt)}
            hasDue={Boolean(v.dueAt)}
          />
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="notify">
        <Accordion.Control data-testid="section-notify">{t('tasks.form.notifications')}</Accordion.Control>
        <Accordion.Panel>
          <NotifySettings value={v.notify} onChange={(notify) => set('notify', notify)} />
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
