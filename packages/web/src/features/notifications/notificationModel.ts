import { innerQuotes } from '@kontakt/shared';
import type { NotificationDto } from './useNotifications';

/** Where a notification leads: the card of the record it is about. */
export function notificationPath(n: Pick<NotificationDto, 'recordType' | 'recordId'>): string | null {
  if (!n.recordId) return null;
  if (n.recordType === 'task') return `/tasks/${n.recordId}`;
  if (n.recordType === 'organization') return `/organizations/${n.recordId}`;
  if (n.recordType === 'person') return `/persons/${n.recordId}`;
  return null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What the sentences need from the UI: moments in the user's time zone, results by name. */
export interface MessageFormat {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  /** A result option by name: the type's own label, else the built-in result's translation. */
  result: (key: string, label: string | null) => string;
}

const plain: MessageFormat = { dateTime: (iso) => iso, date: (iso) => iso, result: (key, label) => label ?? key };

/**
 * The translation key and values of a notification's sentence (the email says the same, see the server's
 * modules/notifications/notification-email.ts); unknown kinds get a generic one.
 */
export function notificationMessage(n: NotificationDto, fmt: MessageFormat = plain): { key: string; values: Record<string, string | number> } {
  const p = n.params;
  const actor = text(p.actorName) || n.actor?.name || '';
  const title = innerQuotes(text(p.title) || text(p.taskTitle));
  const moment = (iso: unknown) => (text(iso) ? (p.allDay === true ? fmt.date(text(iso)) : fmt.dateTime(text(iso))) : '');
  const withActor = (key: string, values: Record<string, string | number>) => ({ key: actor ? key : `${key}NoActor`, values: { ...values, actor } });

  switch (n.kind) {
    case 'client_handoff': {
      const who = p.recordType === 'person' || n.recordType === 'person' ? 'Person' : 'Organization';
      return withActor(`notifications.handoff${who}`, { name: innerQuotes(text(p.recordName)) });
    }
    case 'task_assigned':
      return withActor(p.role === 'participant' ? 'notifications.taskParticipant' : 'notifications.taskAssigned', { title });
    case 'task_completed':
      return withActor('notifications.taskCompleted', { title });
    case 'task_result': {
      const result = resultOf(p, fmt);
      return { key: result ? 'notifications.taskResult' : 'notifications.taskResultNoResult', values: { title, result } };
    }
    case 'task_returned':
      return withActor('notifications.taskReturned', { title });
    case 'task_mention':
      return withActor('notifications.taskMention', { title });
    case 'task_comment':
      return withActor('notifications.taskComment', { title });
    case 'task_reminder': {
      const anchor = p.anchor === 'start' || p.anchor === 'due' ? p.anchor : 'absolute';
      const when = moment(anchor === 'start' ? p.startsAt : anchor === 'due' ? p.dueAt : p.remindAt);
      const key = anchor === 'start' ? 'reminderStart' : anchor === 'due' ? 'reminderDue' : 'reminderAbsolute';
      return { key: when ? `notifications.${key}` : 'notifications.reminderNoTime', values: { title, when } };
    }
    case 'task_overdue': {
      const when = moment(p.deadline ?? p.dueAt);
      return { key: when ? 'notifications.taskOverdue' : 'notifications.taskOverdueNoTime', values: { title, when } };
    }
    case 'tasks_reassigned': {
      const count = Number(p.count) || 1;
      if (count === 1 && title) return withActor('notifications.taskReassignedOne', { title });
      return withActor('notifications.tasksReassigned', { count });
    }
    default:
      return { key: 'notifications.generic', values: { name: text(p.recordName), actor } };
  }
}

/** A second line under the sentence: the comment, the reason for rework, or the result's note. */
export function notificationDetail(n: NotificationDto, fmt: MessageFormat = plain): string | null {
  const p = n.params;
  if (n.kind === 'task_mention' || n.kind === 'task_comment') return text(p.excerpt) || null;
  if (n.kind === 'task_returned') return text(p.comment) || null;
  if (n.kind === 'task_completed') return resultOf(p, fmt) || null;
  return null;
}

function resultOf(p: Record<string, unknown>, fmt: MessageFormat): string {
  const option = text(p.resultKey) ? fmt.result(text(p.resultKey), text(p.resultLabel) || null) : '';
  const note = text(p.resultText);
  return option && note ? `${option} — ${note}` : option || note;
}

/** "5 min ago" in the user's language, falling back to the date for anything older than a week. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(then));
}
