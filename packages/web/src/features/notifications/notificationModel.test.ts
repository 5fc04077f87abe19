import { describe, expect, it } from 'vitest';
import { notificationDetail, notificationMessage, notificationPath, relativeTime } from './notificationModel';
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

describe('task notifications', () => {
  const base = { id: 'n2', recordType: 'task', recordId: 't1', createdAt: '2026-11-23T10:00:00Z', readAt: null };
  const fmt = { dateTime: (iso: string) => `dt(${iso})`, date: (iso: string) => `d(${iso})`, result: (key: string, label: string | null) => label ?? `r(${key})` };

  it('lead to the task', () => {
    expect(notificationPath({ recordType: 'task', recordId: 't1' })).toBe('/tasks/t1');
  });

  it('every kind has its own sentence, with or without who did it', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['task_assigned', { title: 'A', actorName: 'Анна' }, 'notifications.taskAssigned'],
      ['task_assigned', { title: 'A', role: 'participant' }, 'notifications.taskParticipantNoActor'],
      ['task_completed', { title: 'A', actorName: 'Анна' }, 'notifications.taskCompleted'],
      ['task_result', { title: 'A', resultKey: 'reached' }, 'notifications.taskResult'],
      ['task_result', { title: 'A' }, 'notifications.taskResultNoResult'],
      ['task_returned', { title: 'A' }, 'notifications.taskReturnedNoActor'],
      ['task_mention', { title: 'A', actorName: 'Анна' }, 'notifications.taskMention'],
      ['task_comment', { title: 'A', actorName: 'Анна' }, 'notifications.taskComment'],
      ['task_reminder', { title: 'A', anchor: 'start', startsAt: '2031-01-01T10:00:00Z' }, 'notifications.reminderStart'],
      ['task_reminder', { title: 'A', anchor: 'due', dueAt: '2031-01-01T10:00:00Z' }, 'notifications.reminderDue'],
      ['task_reminder', { title: 'A', anchor: 'absolute', remindAt: '2031-01-01T10:00:00Z' }, 'notifications.reminderAbsolute'],
      ['task_overdue', { title: 'A', deadline: '2031-01-01T10:00:00Z' }, 'notifications.taskOverdue'],
      ['tasks_reassigned', { count: 1, title: 'A', actorName: 'Анна' }, 'notifications.taskReassignedOne'],
      ['tasks_reassigned', { count: 5, actorName: 'Анна' }, 'notifications.tasksReassigned'],
    ];
    for (const [kind, params, key] of cases) expect(notificationMessage({ ...base, kind, params }, fmt).key, kind).toBe(key);
  });

  it('moments read in the user’s zone, all-day ones as a date; results by name; comments as the detail line', () => {
    expect(notificationMessage({ ...base, kind: 'task_reminder', params: { title: 'A', anchor: 'start', startsAt: 'S' } }, fmt).values.when).toBe('dt(S)');
    expect(notificationMessage({ ...base, kind: 'task_overdue', params: { title: 'A', deadline: 'D', allDay: true } }, fmt).values.when).toBe('d(D)');
    expect(notificationMessage({ ...base, kind: 'task_result', params: { title: 'A', resultKey: 'reached', resultText: 'ждут КП' } }, fmt).values.result).toBe('r(reached) — ждут КП');
    expect(notificationDetail({ ...base, kind: 'task_mention', params: { excerpt: '@Анна глянь' } }, fmt)).toBe('@Анна глянь');
    expect(notificationDetail({ ...base, kind: 'task_returned', params: { comment: 'Нет подписи' } }, fmt)).toBe('Нет подписи');
    expect(notificationDetail({ ...base, kind: 'task_reminder', params: {} }, fmt)).toBeNull();
  });

  it('a title or name with quotes of its own gets the inner pair, as the sentence already quotes it', () => {
    expect(notificationMessage({ ...base, kind: 'task_reminder', params: { title: 'Встреча — ООО «Ромашка»', anchor: 'start', startsAt: 'S' } }, fmt).values.title).toBe('Встреча — ООО „Ромашка“');
    expect(notificationMessage({ ...base, kind: 'client_handoff', params: { recordType: 'organization', recordName: 'АО «Вектор»' } }, fmt).values.name).toBe('АО „Вектор“');
  });
});
