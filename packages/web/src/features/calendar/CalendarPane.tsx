import { useEffect, useMemo, useRef } from 'react';
import FullCalendar from '@fullcalendar/react';
import type { DatesSetArg, DateSelectArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import listPlugin from '@fullcalendar/list';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import ruLocale from '@fullcalendar/core/locales/ru';
import ukLocale from '@fullcalendar/core/locales/uk';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import { Text } from '@mantine/core';
import type { CalendarEventDto, TaskTypeDto } from '@kontakt/shared';
import { typeIcon } from '../tasks/TaskTypeIcon';
import { calendarLocale, type CalendarView } from './calendarModel';
import './calendar.css';

const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, luxonPlugin];
const LOCALES = [ruLocale, ukLocale, enGbLocale];

export interface PaneMove {
  event: CalendarEventDto;
  start: Date;
  end: Date | null;
  allDay: boolean;
  revert: () => void;
}

export interface CalendarPaneProps {
  view: CalendarView;
  date: string;
  language: string;
  timeZone: string;
  events: EventInput[];
  businessHours: EventInput['businessHours'] | object[] | false;
  types: ReadonlyMap<string, Pick<TaskTypeDto, 'icon' | 'color'>>;
  /** Only the first pane reports the range and title (the others show the same). */
  onDatesSet?: (arg: DatesSetArg) => void;
  /** The person whose column this is (null: everyone's events overlaid). */
  personId: string | null;
  onSelect?: (personId: string | null, range: { start: Date; end: Date; allDay: boolean }) => void;
  onMove: (move: PaneMove) => void;
  onOpen: (event: CalendarEventDto) => void;
  height: number | 'auto';
  /** Several weeks side by side: events too narrow for their time (the hour axis tells it). */
  narrow?: boolean;
  testId?: string;
}

function EventBody({ arg, types, narrow }: { arg: EventContentArg; types: CalendarPaneProps['types']; narrow?: boolean }) {
  const event = arg.event.extendedProps.event as CalendarEventDto | undefined;
  if (!event) return <div className="kc-event-body kc-event-title">{arg.event.title}</div>;
  const Icon = typeIcon(types.get(event.typeId)?.icon);
  const client = event.clientName;
  const list = arg.view.type.startsWith('list');
  return (
    <div className="kc-event-body" title={[arg.timeText, event.title, client].filter(Boolean).join(' · ')}>
      <div className="kc-event-line">
        <Icon size={13} stroke={1.8} />
        {!list && !narrow && arg.timeText && <span className="kc-event-time">{arg.timeText}</span>}
        <span className="kc-event-title">{event.title}</span>
      </div>
      {client && (
        <Text component="div" size="xs" className="kc-event-client" c="dimmed">
          {client}
        </Text>
      )}
    </div>
  );
}

/** One FullCalendar: a person's column (side by side) or everyone's events (overlaid). */
export function CalendarPane(props: CalendarPaneProps) {
  const ref = useRef<FullCalendar>(null);
  const { view, date } = props;
  // The page owns the view and the day; the calendar follows without being re-created.
  useEffect(() => {
    const api = ref.current?.getApi();
    if (!api) return;
    if (api.view.type !== view) api.changeView(view, date);
    else api.gotoDate(date);
  }, [view, date]);

  const locale = calendarLocale(props.language);
  const { onMove, onOpen, onSelect, types, personId } = props;
  const handlers = useMemo(
    () => ({
      eventDrop: (arg: EventDropArg) => {
        const event = arg.event.extendedProps.event as CalendarEventDto;
        onMove({ event, start: arg.event.start!, end: arg.event.end, allDay: arg.event.allDay, revert: arg.revert });
      },
      eventResize: (arg: EventResizeDoneArg) => {
        const event = arg.event.extendedProps.event as CalendarEventDto;
        onMove({ event, start: arg.event.start!, end: arg.event.end, allDay: arg.event.allDay, revert: arg.revert });
      },
      eventClick: (arg: EventClickArg) => {
        const event = arg.event.extendedProps.event as CalendarEventDto | undefined;
        if (!event) return;
        arg.jsEvent.preventDefault();
        onOpen(event);
      },
      select: (arg: DateSelectArg) => {
        onSelect?.(personId, { start: arg.start, end: arg.end, allDay: arg.allDay });
        arg.view.calendar.unselect();
      },
    }),
    [onMove, onOpen, onSelect, personId],
  );

  return (
    <div className="kc-calendar" data-testid={props.testId}>
      <FullCalendar
        ref={ref}
        plugins={PLUGINS}
        locales={LOCALES}
        locale={locale}
        timeZone={props.timeZone}
        initialView={view}
        initialDate={date}
        headerToolbar={false}
        firstDay={1}
        height={props.height}
        nowIndicator
        weekNumbers={false}
        dayMaxEvents={4}
        slotMinTime="07:00:00"
        slotMaxTime="22:00:00"
        scrollTime="08:30:00"
        slotDuration="00:30:00"
        defaultTimedEventDuration="00:30:00"
        allDayMaintainDuration
        eventMinHeight={22}
        expandRows
        selectable={!!onSelect}
        selectMirror
        editable
        eventStartEditable
        events={props.events}
        businessHours={props.businessHours as never}
        eventContent={(arg) => <EventBody arg={arg} types={types} narrow={props.narrow} />}
        datesSet={props.onDatesSet}
        {...handlers}
        displayEventEnd={false}
        dayHeaderFormat={view === 'timeGridDay' ? { weekday: 'long', day: 'numeric', month: 'long' } : { weekday: 'short', day: 'numeric' }}
        eventDisplay="block"
        views={{ dayGridMonth: { dayHeaderFormat: { weekday: 'short' } } }}
        listDayFormat={{ weekday: 'long', day: 'numeric', month: 'long' }}
        listDaySideFormat={false}
      />
    </div>
  );
}
