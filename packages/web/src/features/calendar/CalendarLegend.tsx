import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function Swatch({ className, label }: { className: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box className={`kc-swatch ${className}`} aria-hidden />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/** What the colours mean (seed 004: away, free, busy), plus the marks on events. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <Group gap="lg" wrap="wrap" data-testid="calendar-legend">
      <Swatch className="kc-swatch-busy" label={t('calendar.legend.busy')} />
      <Swatch className="kc-swatch-free" label={t('calendar.legend.free')} />
      <Swatch className="kc-swatch-off" label={t('calendar.legend.offHours')} />
      <Swatch className="kc-swatch-away" label={t('calendar.legend.away')} />
      <Swatch className="kc-swatch-overdue" label={t('calendar.legend.overdue')} />
      <Swatch className="kc-swatch-due" label={t('calendar.legend.due')} />
    </Group>
  );
}
