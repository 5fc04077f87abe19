import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { IconBellPlus, IconTrash } from '@tabler/icons-react';
import { REMINDER_AUDIENCES, TASK_NOTIFY_AUDIENCES, TASK_NOTIFY_EVENTS, taskNotifies, type TaskNotify } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { DateTimeField } from '../../ui/DateField';
import { REMINDER_UNITS, type ReminderRow, type ReminderUnit } from './taskModel';

const MAX_REMINDERS = 10;

/**
 * Several reminders per task (seed 004): so long before the start or the deadline, or at a set moment,
 * each for everyone or for one side of the task (responsible, participants, controller).
 */
export function RemindersEditor({
  value,
  onChange,
  errors,
  hasStart,
  hasDue,
}: {
  value: ReminderRow[];
  onChange: (rows: ReminderRow[]) => void;
  /** Messages by row index. */
  errors: (index: number) => string | undefined;
  hasStart: boolean;
  hasDue: boolean;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ReminderRow>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () =>
    onChange([...value, { anchor: hasStart || !hasDue ? 'start' : 'due', amount: 15, unit: 'minutes', at: '', audience: 'all' }]);
  return (
    <Stack gap="xs" data-testid="reminders-editor">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('tasks.reminders.none')}
        </Text>
      )}
      {value.map((row, i) => (
        <Stack key={i} gap={4} data-testid={`reminder-row-${i}`}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              aria-label={t('tasks.reminders.when')}
              data={(['start', 'due', 'absolute'] as const).map((a) => ({ value: a, label: t(`tasks.reminders.anchors.${a}`) }))}
              value={row.anchor}
              onChange={(a) => a && set(i, { anchor: a as ReminderRow['anchor'] })}
              allowDeselect={false}
              w={190}
              data-testid={`reminder-anchor-${i}`}
            />
            {row.anchor === 'absolute' ? (
              <DateTimeField aria-label={t('tasks.reminders.at')} value={row.at} onChange={(at) => set(i, { at })} w={210} data-testid={`reminder-at-${i}`} />
            ) : (
              <Group gap={4} wrap="nowrap">
                <NumberInput
                  aria-label={t('tasks.reminders.amount')}
                  value={row.amount}
                  onChange={(n) => set(i, { amount: typeof n === 'number' ? n : 0 })}
                  min={0}
                  max={row.unit === 'days' ? 60 : row.unit === 'hours' ? 1440 : 86400}
                  w={80}
                  data-testid={`reminder-amount-${i}`}
                />
                <Select
                  aria-label={t('tasks.reminders.unit')}
                  data={(Object.keys(REMINDER_UNITS) as ReminderUnit[]).map((u) => ({ value: u, label: t(`tasks.reminders.units.${u}`) }))}
                  value={row.unit}
                  onChange={(u) => u && set(i, { unit: u as ReminderUnit })}
                  allowDeselect={false}
                  w={110}
                />
              </Group>
            )}
            <Select
              aria-label={t('tasks.reminders.audience')}
              data={REMINDER_AUDIENCES.map((a) => ({ value: a, label: t(`tasks.reminders.audiences.${a}`) }))}
              value={row.audience}
              onChange={(a) => a && set(i, { audience: a as ReminderRow['audience'] })}
              allowDeselect={false}
              w={170}
            />
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('tasks.reminders.remove')}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          {errors(i) && (
            <Text size="xs" c="red" role="alert">
              {errors(i)}
            </Text>
          )}
        </Stack>
      ))}
      {value.length < MAX_REMINDERS && (
        <Group>
          <Button variant="light" size="xs" leftSection={<IconBellPlus size={14} />} onClick={add} data-testid="reminder-add">
            {t('tasks.reminders.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Which task events reach the participants and the controller (overdue, completed, result entered). */
export function NotifySettings({ value, onChange }: { value: TaskNotify; onChange: (next: TaskNotify) => void }) {
  const { t } = useTranslation();
  const isOn = (audience: (typeof TASK_NOTIFY_AUDIENCES)[number], event: (typeof TASK_NOTIFY_EVENTS)[number]) => taskNotifies(value, audience, event);
  const toggle = (audience: (typeof TASK_NOTIFY_AUDIENCES)[number], event: (typeof TASK_NOTIFY_EVENTS)[number]) =>
    onChange({ ...value, [audience]: { ...value[audience], [event]: !isOn(audience, event) } });
  return (
    <Table withTableBorder={false} verticalSpacing={4} data-testid="notify-settings" style={{ maxWidth: 460 }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tasks.notify.event')}</Table.Th>
          {TASK_NOTIFY_AUDIENCES.map((a) => (
            <Table.Th key={a} ta="center">
              {t(`tasks.notify.audiences.${a}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {TASK_NOTIFY_EVENTS.map((event) => (
          <Table.Tr key={event}>
            <Table.Td>
              <Text size="sm">{t(`tasks.notify.events.${event}`)}</Text>
            </Table.Td>
            {TASK_NOTIFY_AUDIENCES.map((audience) => (
              <Table.Td key={audience}>
                <Checkbox
                  mx="auto"
                  w="fit-content"
                  checked={isOn(audience, event)}
                  onChange={() => toggle(audience, event)}
                  aria-label={`${t(`tasks.notify.events.${event}`)}: ${t(`tasks.notify.audiences.${audience}`)}`}
                  data-testid={`notify-${audience}-${event}`}
                />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
