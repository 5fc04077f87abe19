import { SimpleGrid, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField, DateTimeField } from '../../ui/DateField';
import { switchAllDay, type TaskFormValues } from './taskModel';

type Times = Pick<TaskFormValues, 'allDay' | 'startsAt' | 'endsAt' | 'dueAt'>;

/** "All day", start, end and deadline: days when all-day, day and time otherwise. The form and the task page share it. */
export function TimeFields({
  value,
  onChange,
  errorAt,
  cols = { base: 2, sm: 3 },
  testPrefix = 'task',
}: {
  value: Times;
  onChange: (patch: Partial<Times>, field?: string) => void;
  errorAt: (field: string) => string | undefined;
  cols?: number | { base: number; sm: number };
  testPrefix?: string;
}) {
  const { t } = useTranslation();
  const Field = value.allDay ? DateField : DateTimeField;
  // Picking a day alone gives a working hour, not midnight: 9:00 to start, an hour after the start to end, 18:00 as a deadline.
  const startHour = value.startsAt ? Number(value.startsAt.slice(11, 13)) : 9;
  const defaultTime: Record<'startsAt' | 'endsAt' | 'dueAt', string> = {
    startsAt: '09:00:00',
    endsAt: `${String(Math.min(startHour + 1, 23)).padStart(2, '0')}:${value.startsAt ? value.startsAt.slice(14, 16) : '00'}:00`,
    dueAt: '18:00:00',
  };
  return (
    <>
      <Switch
        label={t('tasks.fields.allDay')}
        checked={value.allDay}
        onChange={(e) => onChange(switchAllDay(value, e.currentTarget.checked))}
        data-testid={`${testPrefix}-all-day`}
      />
      <SimpleGrid cols={cols} spacing="sm">
        {(['startsAt', 'endsAt', 'dueAt'] as const).map((key) => (
          <Field
            key={key}
            label={t(`tasks.fields.${key}`)}
            value={value[key]}
            onChange={(x: string) => onChange({ [key]: x }, key)}
            error={errorAt(key)}
            data-testid={`${testPrefix}-${key}`}
            {...(value.allDay ? {} : { defaultTimeValue: defaultTime[key] })}
          />
        ))}
      </SimpleGrid>
    </>
  );
}
