import { describe, expect, it } from 'vitest';
import { notificationMessage, notificationPath, relativeTime } from './notificationModel';
import type { NotificationDto } from './useNotifications';

const handoff: NotificationDto = {
  id: 'n1',
  kind: 'client_handoff',
  params: { recordType: 'person', recordName: 'Иванов Иван', actorName: 'Петрова Анна' },
  recordType: 'person',
  recordId: 'p1',
  createdAt: '2026-11-23T10:00:00Z',
  readAt: null,
};

describe('notifications', () => {
  it('a handoff names the record and who handed it over, and leads to the card', () => {
    expect(notificationMessage(handoff)).toEqual({ key: 'notifications.handoffPerson', values: { name: 'Иванов Иван', actor: 'Петрова Анна' } });
    expect(notificationPath(handoff)).toBe('/persons/p1');
    expect(notificationPath({ ...handoff, recordType: 'organization' })).toBe('/organizations/p1');
    expect(notificationPath({ ...handoff, recordId: null })).toBeNull();
  });

  it('unknown kinds still read as a notification', () => {
    expect(notificationMessage({ ...handoff, kind: 'something_new' }).key).toBe('notifications.generic');
  });

  it('times read relative to now', () => {
    const now = Date.parse('2026-11-23T10:05:00Z');
    expect(relativeTime('2026-11-23T10:00:00Z', 'en', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-23T10:00:00Z', 'ru', now)).toBe('5 минут назад');
  });
});
