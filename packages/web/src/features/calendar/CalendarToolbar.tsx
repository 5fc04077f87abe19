import { ActionIcon, Button, Group, Loader, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CALENDAR_VIEWS, shiftDate, type CalendarView, type Layout } from './calendarModel';

const VIEW_KEYS: Record<CalendarView, string> = { timeGridDay: 'day', timeGridWeek: 'week', dayGridMonth: 'month', listWeek: 'agenda' };

export interface CalendarToolbarProps {
  view: CalendarView;
  date: string;
  title: string;
  layout: Layout;
  several: boolean;
  loading: boolean;
  onView: (view: CalendarView) => void;
  onDate: (date: string) => void;
  onToday: () => void;
  onLayout: (layout: Layout) => void;
}

/** Back, today, forward, the period's name, and how to look at it. */
export function CalendarToolbar(props: CalendarToolbarProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
        <Tooltip label={t('calendar.previous')} withArrow>
          <ActionIcon variant="default" size="lg" onClick={() => props.onDate(shiftDate(props.date, props.view, -1))} aria-label={t('calendar.previous')} data-testid="calendar-prev">
            <IconChevronLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Button variant="default" onClick={props.onToday} data-testid="calendar-today">
          {t('calendar.today')}
        </Button>
        <Tooltip label={t('calendar.next')} withArrow>
          <ActionIcon variant="default" size="lg" onClick={() => props.onDate(shiftDate(props.date, props.view, 1))} aria-label={t('calendar.next')} data-testid="calendar-next">
            <IconChevronRight size={18} />
          </ActionIcon>
        </Tooltip>
        <Text fw={600} size="lg" ml={4} data-testid="calendar-title" aria-live="polite">
          {props.title}
        </Text>
        {props.loading && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      <Group gap="xs" wrap="wrap">
        {props.several && (
          <SegmentedControl
            size="xs"
            value={props.layout}
            onChange={(v) => props.onLayout(v as Layout)}
            data={[
              { value: 'columns', label: t('calendar.layout.columns') },
              { value: 'overlay', label: t('calendar.layout.overlay') },
            ]}
            aria-label={t('calendar.layout.label')}
            data-testid="calendar-layout"
          />
        )}
        <SegmentedControl
          size="xs"
          value={props.view}
          onChange={(v) => props.onView(v as CalendarView)}
          data={CALENDAR_VIEWS.map((v) => ({ value: v, label: t(`calendar.views.${VIEW_KEYS[v]}`) }))}
          aria-label={t('calendar.views.label')}
          data-testid="calendar-view"
        />
      </Group>
    </Group>
  );
}
