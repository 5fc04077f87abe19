import type { z } from 'zod';
import type { notificationListQuerySchema, NotificationDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/pagination.js';
import { hintUsers } from '../../platform/notifications/notify.js';
import * as q from './notifications.queries.js';

type ListQuery = z.output<typeof notificationListQuerySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toNotificationDto(row: q.NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params ?? {},
    recordType: row.record_type,
    recordId: row.record_id,
    actor: row.actor_id && row.actor_name ? { id: row.actor_id, name: row.actor_name } : null,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

/** Each user reads and marks only their own notifications; someone else's is "not found". */
export function makeNotificationsService({ db }: ServiceDeps) {
  async function list(actor: Actor, query: ListQuery): Promise<Page<NotificationDto>> {
    const cursor = decodeCursor(query.cursor, 1);
    const afterId = cursor?.[0];
    if (cursor && (typeof afterId !== 'string' || !UUID.test(afterId))) throw fieldError('cursor', 'invalid_cursor');
    const rows = await q.listNotifications(db, actor.userId, { afterId: typeof afterId === 'string' ? afterId : undefined, unreadOnly: query.unreadOnly ?? false, limit: query.limit });
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    return { items: page.map(toNotificationDto), nextCursor: hasMore ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  const unreadCount = async (actor: Actor) => ({ count: await q.unreadCount(db, actor.userId) });

  // Reading in one tab updates the count in the user's other tabs (and on other instances).
  async function markRead(actor: Actor, id: string): Promise<void> {
    if (!(await q.markRead(db, actor.userId, id))) throw notFound();
    await hintUsers(db, [actor.userId]);
  }

  async function markAllRead(actor: Actor) {
    const count = await q.markAllRead(db, actor.userId);
    if (count > 0) await hintUsers(db, [actor.userId]);
    return { count };
  }

  return { list, unreadCount, markRead, markAllRead };
}

export type NotificationsService = ReturnType<typeof makeNotificationsService>;
