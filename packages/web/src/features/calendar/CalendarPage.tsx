import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useMediaQuery, useViewportSize } from '@mantine/hooks';
import { IconBeach, IconPlus, IconRss } from '@tabler/icons-react';
import type { DatesSetArg } from '@fullcalendar/core';
import type { AbsenceKind, CalendarEventDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/states';
import { useFormat } from '../../ui/format';
import { notifyError } from '../../ui/notify';
import { TaskFormModal } from '../tasks/TaskFormModal';
import type { TaskFormPreset } from '../tasks/taskModel';
import { useTaskTypes, useUpdateTask } from '../tasks/useTasks';
import { CalendarPane, type PaneMove } from './CalendarPane';
import { CalendarToolbar } from './CalendarToolbar';
import { CalendarLegend } from './CalendarLegend';
import { PeopleBar } from './PeopleBar';
import { ScheduleDialog } from './ScheduleDialog';
import { SubscribeDialog } from './SubscribeDialog';
import {
  absenceInputs,
  businessHoursOf,
  colorsFor,
  eventInputs,
  moveBody,
  stateFromParams,
  stateToParams,
  type CalendarState,
} from './calendarModel';
import { useCalendarRange } from './useCalendar';

/** Today as YYYY-MM-DD in a time zone. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/**
 * The calendar (seed 004): the tasks of one or several employees by day, week, month or as an agenda,
 * side by side or overlaid with a colour per person; free, busy and away at a glance; drag to plan, move
 * and resize; a private feed for phone and desktop calendar apps.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useSession().user;
  const fmt = useFormat();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const { height: viewportHeight } = useViewportSize();
  const [params, setParams] = useSearchParams();
  const state = stateFromParams(params, phone ? 'timeGridDay' : 'timeGridWeek');
  const userIds = state.userIds.length > 0 ? state.userIds : [me.id];
  const date = state.date ?? todayIn(fmt.timeZone);
  const update = useCallback((next: Partial<CalendarState>) => setParams(stateToParams({ ...state, ...next }), { replace: true }), [setParams, state]);

  const [range, setRange] = useState<{ from: string; to: string; title: string } | null>(null);
  const calendar = useCalendarRange(range, userIds);
  const data = calendar.data;
  const [names, setNames] = useState<Record<string, string>>({ [me.id]: me.name });
  const nameOf = (id: string) => data?.users.find((u) => u.id === id)?.name ?? names[id] ?? '…';

  const userKey = userIds.join(',');
  const colors = useMemo(() => colorsFor(userKey.split(',')), [userKey]);
  const types = useMemo(() => new Map((data?.types ?? []).map((type) => [type.id, type])), [data]);
  const absenceLabel = useCallback((kind: AbsenceKind, name: string | null) => (name ? `${name}: ` : '') + t(`calendar.absenceKinds.${kind}`), [t]);
  const layout = userIds.length > 1 ? state.layout : 'overlay';
  // One person is their own column (their absences lie behind their days); several are columns or one overlay.
  const columns = layout === 'columns' || userIds.length === 1 ? userIds : [''];
  const single = columns.length === 1;

  const [create, setCreate] = useState<TaskFormPreset | null>(null);
  const [schedule, setSchedule] = useState(false);
  const [subscribe, setSubscribe] = useState(false);
  const updateTask = useUpdateTask();

  const onDatesSet = useCallback(
    (arg: DatesSetArg) => setRange({ from: arg.start.toISOString(), to: arg.end.toISOString(), title: arg.view.title }),
    [],
  );
  const onMove = useCallback(
    (move: PaneMove) => {
      const body = moveBody(move.event, move);
      if (!body) return move.revert();
      updateTask.mutate(
        { id: move.event.id, body },
        {
          onError: (error) => {
            move.revert();
            notifyError(error, { onConflict: () => void calendar.refetch() });
          },
        },
      );
    },
    [updateTask, calendar],
  );
  const onOpen = useCallback((event: CalendarEventDto) => navigate(`/tasks/${event.id}`), [navigate]);
  // Handlers stay the same between answers (FullCalendar resets a selection when its options change).
  const taskTypes = useTaskTypes();
  // A slot picked in the time grid is most often a meeting with a client; the form lets the user change it.
  const meetingType = taskTypes.data?.find((type) => type.key === 'meeting' && type.active)?.id;
  const latest = useRef({ userIds, nameOf, meetingType });
  latest.current = { userIds, nameOf, meetingType };
  const onSelect = useCallback(
    (userId: string | null, slot: { start: Date; end: Date; allDay: boolean }) => {
      const { userIds: chosen, nameOf: name, meetingType: meeting } = latest.current;
      const person = userId ?? (chosen.includes(me.id) ? me.id : chosen[0]!);
      setCreate({
        ...(slot.allDay || !meeting ? {} : { typeId: meeting }),
        startsAt: slot.start.toISOString(),
        // The form shows an all-day end as the last day itself; FullCalendar's end is the midnight after it.
        endsAt: slot.allDay ? new Date(slot.end.getTime() - 1).toISOString() : slot.end.toISOString(),
        allDay: slot.allDay,
        responsible: { id: person, name: name(person) },
      });
    },
    [me.id],
  );

  const timeGrid = state.view.startsWith('timeGrid');
  const paneHeight: number | 'auto' = !timeGrid ? 'auto' : phone ? 620 : Math.max(560, viewportHeight - 330);
  const paneWidth = { timeGridDay: 260, timeGridWeek: 420, dayGridMonth: 520, listWeek: 320 }[state.view];

  const columnKey = columns.join(',');
  const panes = useMemo(
    () =>
      columnKey.split(',').map((key) => {
        const userId = key || null;
        const own = userId ? data?.users.filter((u) => u.id === userId) : data?.users;
        const hours = (own ?? []).map((u) => businessHoursOf(u.workingHours));
        const events = data ? [...eventInputs(data, colors, userId ?? undefined), ...absenceInputs(data.users, colors, absenceLabel, userId ?? undefined)] : [];
        return { userId, hours, events };
      }),
    [columnKey, data, colors, absenceLabel],
  );

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('calendar.title')}
        actions={
          <>
            <Button variant="default" leftSection={<IconBeach size={16} />} onClick={() => setSchedule(true)} data-testid="calendar-absences">
              {t('calendar.absences.open')}
            </Button>
            <Button variant="default" leftSection={<IconRss size={16} />} onClick={() => setSubscribe(true)} data-testid="calendar-subscribe">
              {t('calendar.feed.open')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreate({ responsible: { id: me.id, name: me.name } })} data-testid="calendar-new-task">
              {t('calendar.newTask')}
            </Button>
          </>
        }
      />
      <CalendarToolbar
        view={state.view}
        date={date}
        title={range?.title ?? ''}
        layout={layout}
        several={userIds.length > 1}
        loading={calendar.isFetching}
        onView={(view) => update({ view })}
        onDate={(next) => update({ date: next })}
        onToday={() => update({ date: null })}
        onLayout={(next) => update({ layout: next })}
      />
      <PeopleBar
        userIds={userIds}
        colors={colors}
        nameOf={nameOf}
        absentToday={(id) => !!data?.users.find((u) => u.id === id)?.absences.some((a) => a.startsOn <= date && a.endsOn >= date)}
        onChange={(ids, known) => {
          setNames((n) => ({ ...n, ...known }));
          update({ userIds: ids.length === 1 && ids[0] === me.id ? [] : ids });
        }}
      />
      {calendar.error && <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {data?.truncated && (
        <Alert color="yellow" data-testid="calendar-truncated">
          {t('calendar.truncated', { count: data.events.length })}
        </Alert>
      )}
      <ScrollArea type="auto" offsetScrollbars="x">
        <Box style={{ display: 'flex', flexDirection: phone ? 'column' : 'row', gap: 'var(--mantine-spacing-sm)' }}>
          {panes.map((pane, index) => (
            <Paper
              key={pane.userId ?? 'all'}
              withBorder
              p="xs"
              radius="md"
              style={{ flex: 1, minWidth: !phone && panes.length > 1 ? paneWidth : undefined }}
            >
              {!single && pane.userId && (
                <Group gap={6} mb={6} wrap="nowrap">
                  <Box w={10} h={10} style={{ borderRadius: 5, flex: 'none', background: `var(--mantine-color-${colors.get(pane.userId)}-6)` }} />
                  <Text fw={600} size="sm" truncate>
                    {nameOf(pane.userId)}
                  </Text>
                </Group>
              )}
              <CalendarPane
                view={state.view}
                date={date}
                language={i18n.language}
                timeZone={fmt.timeZone}
                events={pane.events}
                businessHours={pane.hours.length > 0 ? pane.hours : false}
                types={types}
                onDatesSet={index === 0 ? onDatesSet : undefined}
                personId={pane.userId}
                onSelect={onSelect}
                onMove={onMove}
                onOpen={onOpen}
                height={paneHeight}
                narrow={panes.length > 1 && state.view === 'timeGridWeek'}
                testId={single ? 'calendar-pane' : `calendar-pane-${pane.userId}`}
              />
            </Paper>
          ))}
        </Box>
      </ScrollArea>
      <CalendarLegend />
      <TaskFormModal opened={create !== null} onClose={() => setCreate(null)} preset={create ?? undefined} onSaved={() => void calendar.refetch()} />
      <ScheduleDialog opened={schedule} onClose={() => setSchedule(false)} people={userIds.map((id) => ({ id, name: nameOf(id) }))} />
      <SubscribeDialog opened={subscribe} onClose={() => setSubscribe(false)} />
    </Stack>
  );
}
