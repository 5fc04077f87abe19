import { CALENDAR_EVENT_FIELDS, type CalendarEventColumnsDto } from '@kontakt/shared';
import type { CalendarEventsPart } from './calendar.queries.js';

/** JSON lists written as text ("[a, b]", "[]") joined into one, without reading them. */
export function joinJsonLists(lists: readonly string[]): string {
  const entries = lists.map((list) => list.slice(1, -1)).filter((inner) => inner.trim().length > 0);
  return `[${entries.join(',')}]`;
}

export interface JoinedEvents {
  /** The JSON text of `CalendarEventColumnsDto`. */
  events: string;
  truncated: boolean;
  typeIds: string[];
}

/**
 * The events of consecutive slices of a period, the earliest `limit` of them. Slices come in time order and
 * each lists its events in (at, id) order, so joining the lists keeps that order; only a period with more
 * than `limit` events is read here, to cut it.
 */
export function joinEventParts(parts: readonly CalendarEventsPart[], limit: number): JoinedEvents {
  const joined = (key: keyof CalendarEventColumnsDto) => joinJsonLists(parts.map((part) => part[key]));
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  if (total <= limit) {
    const lists = CALENDAR_EVENT_FIELDS.map((key) => `${JSON.stringify(key)}:${joined(key)}`);
    return { events: `{${lists.join(',')}}`, truncated: false, typeIds: [...new Set(parts.flatMap((part) => part.typeIds))] };
  }
  const columns = Object.fromEntries(CALENDAR_EVENT_FIELDS.map((key) => [key, (JSON.parse(joined(key)) as unknown[]).slice(0, limit)])) as CalendarEventColumnsDto;
  return { events: JSON.stringify(columns), truncated: true, typeIds: [...new Set(columns.typeId)] };
}
