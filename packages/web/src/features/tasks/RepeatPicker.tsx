import { Button, Chip, Group, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/DateField';
import { useFormat } from '../../ui/format';
import { describeRepeat, REPEAT_FREQS, repeatProblem, specFor, weekOfMonth, WEEKDAYS, type RepeatFreq, type RepeatSpec } from './repeatModel';

/**
 * "Repeat: every week on Mon and Thu, 10 times" in plain controls; the rule it makes always ends (a number
 * of times or a last day), as the server requires. A rule written elsewhere that the picker cannot show is
 * described and can only be replaced.
 */
export function RepeatPicker({
  value,
  onChange,
  startDay,
  custom,
  customRule,
  onReplaceCustom,
  error,
}: {
  value: RepeatSpec;
  onChange: (spec: RepeatSpec) => void;
  startDay: string;
  custom: boolean;
  customRule: string | null;
  onReplaceCustom: () => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (custom) {
    return (
      <Group gap="xs">
        <Text size="sm">{describeRepeat(null, customRule, startDay, t, fmt.locale)}</Text>
        <Button size="compact-xs" variant="light" onClick={onReplaceCustom}>
          {t('tasks.repeat.replace')}
        </Button>
      </Group>
    );
  }
  const problem = repeatProblem(value, startDay);
  const set = (patch: Partial<RepeatSpec>) => onChange({ ...value, ...patch });
  const dayName = (d: string) =>
    new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d as never), 12)));
  const unitKey = value.freq === 'daily' ? 'days' : value.freq === 'weekly' ? 'weeks' : value.freq === 'monthly' ? 'months' : 'years';

  return (
    <Stack gap="xs" data-testid="repeat-picker">
      <Select
        label={t('tasks.repeat.label')}
        data={REPEAT_FREQS.map((f) => ({ value: f, label: t(`tasks.repeat.freqs.${f}`) }))}
        value={value.freq}
        onChange={(f) => f && onChange(specFor(f as RepeatFreq, startDay, value))}
        allowDeselect={false}
        maw={280}
        data-testid="repeat-freq"
      />
      {value.freq !== 'none' && (
        <>
          {value.freq !== 'workdays' && (
            <Group gap="xs" align="center">
              <Text size="sm">{t('tasks.repeat.every')}</Text>
              <NumberInput
                aria-label={t('tasks.repeat.interval')}
                value={value.interval}
                onChange={(n) => set({ interval: typeof n === 'number' && n >= 1 ? n : 1 })}
                min={1}
                max={99}
                w={70}
              />
              <Text size="sm">{t(`tasks.repeat.units.${unitKey}`, { count: value.interval })}</Text>
            </Group>
          )}
          {value.freq === 'weekly' && (
            <Chip.Group multiple value={value.weekdays} onChange={(days) => set({ weekdays: WEEKDAYS.filter((d) => days.includes(d)) })}>
              <Group gap={4} role="group" aria-label={t('tasks.repeat.weekdays')}>
                {WEEKDAYS.map((d) => (
                  <Chip key={d} value={d} size="xs" wrapperProps={{ 'data-testid': `repeat-day-${d}` }}>
                    {dayName(d)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
          {value.freq === 'monthly' && (
            <SegmentedControl
              size="xs"
              value={value.monthlyBy}
              onChange={(m) => set({ monthlyBy: m as RepeatSpec['monthlyBy'] })}
              data={[
                { value: 'monthday', label: t('tasks.repeat.onMonthDay', { day: Number(startDay.slice(8, 10)) }) },
                {
                  value: 'weekday',
                  label: t('tasks.repeat.onWeekday', {
                    nth: t(`tasks.repeat.nth.${weekOfMonth(startDay)}`),
                    day: new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${startDay}T12:00:00Z`)),
                  }),
                },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
          )}
          <Group gap="xs" align="flex-end" wrap="wrap">
            <SegmentedControl
              size="xs"
              value={value.end}
              onChange={(e) => set({ end: e as RepeatSpec['end'] })}
              data={[
                { value: 'count', label: t('tasks.repeat.endCount') },
                { value: 'until', label: t('tasks.repeat.endUntil') },
              ]}
              aria-label={t('tasks.repeat.ends')}
            />
            {value.end === 'count' ? (
              <Group gap={6} align="center" wrap="nowrap">
                <NumberInput
                  aria-label={t('tasks.repeat.count')}
                  value={value.count}
                  onChange={(n) => set({ count: typeof n === 'number' ? n : 0 })}
                  min={1}
                  max={500}
                  w={80}
                  data-testid="repeat-count"
                />
                <Text size="sm">{t('tasks.repeat.timesWord', { count: value.count })}</Text>
              </Group>
            ) : (
              <DateField aria-label={t('tasks.repeat.until')} value={value.until} onChange={(until) => set({ until })} w={170} data-testid="repeat-until" />
            )}
          </Group>
          <Text size="xs" c={problem || error ? 'red' : 'dimmed'} role={problem || error ? 'alert' : undefined} data-testid="repeat-summary">
            {error ?? (problem ? t(`tasks.repeat.problems.${problem}`) : describeRepeat(value, null, startDay, t, fmt.locale))}
          </Text>
        </>
      )}
    </Stack>
  );
}
