import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import {
  CALENDAR_FEED_DAYS_AHEAD,
  CALENDAR_FEED_DAYS_BACK,
  isLocale,
  type CalendarFeedStatusDto,
  type Locale,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import { newId } from '../../platform/ids.js';
import * as q from './calendar.queries.js';

const DAY_MS = 86_400_000;
/** Calendar apps poll every few minutes: the last use is written at most this often. */
const TOUCH_EVERY_MS = 10 * 60_000;
/** A year of a busy employee's tasks fits; more would make phones give up on the feed. */
const MAX_FEED_EVENTS = 5000;
/** What a feed token looks like (base64url of 32 random bytes); anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const LABELS: Record<Locale, { calendar: string; client: string; person: string; responsible: string; due: string }> = {
  ru: { calendar: 'Контакт', client: 'Клиент', person: 'Контактное лицо', responsible: 'Ответственный', due: 'Срок' },
  uk: { calendar: 'Контакт', client: 'Клієнт', person: 'Контактна особа', responsible: 'Відповідальний', due: 'Термін' },
  en: { calendar: 'Kontakt', client: 'Client', person: 'Contact person', responsible: 'Responsible', due: 'Due' },
};

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
/** A date as the UTC midnight ical-generator writes as a DATE value. */
const dateValue = (day: string) => new Date(`${day}T00:00:00Z`);

export interface FeedOwner {
  name: string;
  language: string;
  time_zone: string;
}

/**
 * The iCalendar text of a user's tasks: a timed task is an event from its start to its end; a task with only a
 * deadline is a moment at the deadline; an all-day task covers its days in the user's time zone. Each event
 * links back to the task and names the client in its description.
 */
export function renderFeed(owner: FeedOwner, rows: q.FeedTaskRow[], appUrl: string): string {
  const locale: Locale = isLocale(owner.language) ? owner.language : 'ru';
  const labels = LABELS[locale];
  const calendar = ical({
    name: `${labels.calendar}: ${owner.name}`,
    prodId: { company: 'Kontakt', product: 'CRM', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 15 * 60,
  });
  for (const task of rows) {
    const dueOnly = !task.starts_at;
    const start = (task.starts_at ?? task.due_at)!;
    const details = [
      task.organization_name && `${labels.client}: ${task.organization_name}`,
      task.person_name && `${labels.person}: ${task.person_name}`,
      `${labels.responsible}: ${task.responsible_name}`,
      task.description,
    ].filter(Boolean);
    let times: { start: Date; end: Date | null; allDay: boolean };
    if (task.all_day) {
      const first = localDate(start, owner.time_zone);
      // DTEND of an all-day event is the day after the last one.
      const endInstant = task.ends_at && !dueOnly ? new Date(task.ends_at.getTime() - 1) : start;
      const last = localDate(endInstant, owner.time_zone);
      times = { start: dateValue(first), end: new Date(dateValue(last).getTime() + DAY_MS), allDay: true };
    } else {
      times = { start, end: dueOnly ? null : task.ends_at, allDay: false };
    }
    calendar.createEvent({
      id: `${task.id}@kontakt`,
      ...times,
      stamp: task.updated_at,
      lastModified: task.updated_at,
      created: task.created_at,
      sequence: task.version,
      summary: dueOnly ? `${labels.due}: ${task.title}` : task.title,
      description: details.join('\n'),
      status: task.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: `${appUrl}/tasks/${task.id}`,
    });
  }
  return calendar.toString();
}

/** A private, revocable address per user where calendar apps read the user's tasks. */
export function makeFeedService({ db }: ServiceDeps) {
  async function status(actor: Actor): Promise<CalendarFeedStatusDto> {
    const feed = await q.activeFeed(db, actor.userId);
    return { exists: !!feed, createdAt: feed?.created_at.toISOString() ?? null, lastUsedAt: feed?.last_used_at?.toISOString() ?? null };
  }

  /** A new secret address; any earlier one stops working. The token is returned once, only its hash kept. */
  async function create(actor: Actor, ctx: RequestContext, appUrl: string) {
    const token = randomToken(32);
    const id = newId();
    const row = await db.transaction().execute(async (trx) => {
      const replaced = await q.revokeFeeds(trx, actor.userId);
      if (replaced > 0) await recordAudit(trx, ctx, { action: 'token_revoke', objectType: 'calendar_feed', objectId: actor.userId, objectLabel: actor.name });
      const inserted = await q.insertFeed(trx, { id, user_id: actor.userId, token_hash: sha256(token) });
      await recordAudit(trx, ctx, { action: 'token_create', objectType: 'calendar_feed', objectId: actor.userId, objectLabel: actor.name });
      return inserted;
    });
    return { url: `${appUrl}/ical/${token}.ics`, createdAt: row.created_at.toISOString() };
  }

  async function revoke(actor: Actor, ctx: RequestContext): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if ((await q.revokeFeeds(trx, actor.userId)) > 0) {
        await recordAudit(trx, ctx, { action: 'token_revoke', objectType: 'calendar_feed', objectId: actor.userId, objectLabel: actor.name });
      }
    });
  }

  /** The feed text behind a token, or undefined for a wrong, revoked or deactivated one. */
  async function read(token: string, appUrl: string, now = new Date()): Promise<string | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const feed = await q.feedByHash(db, sha256(token));
    if (!feed || !feed.active) return undefined;
    if (!feed.last_used_at || now.getTime() - feed.last_used_at.getTime() > TOUCH_EVERY_MS) await q.touchFeed(db, feed.id);
    const from = new Date(now.getTime() - CALENDAR_FEED_DAYS_BACK * DAY_MS);
    const to = new Date(now.getTime() + CALENDAR_FEED_DAYS_AHEAD * DAY_MS);
    const rows = await q.feedTasks(db, feed.user_id, from, to, MAX_FEED_EVENTS);
    return renderFeed(feed, rows, appUrl);
  }

  return { status, create, revoke, read };
}

export type FeedService = ReturnType<typeof makeFeedService>;
