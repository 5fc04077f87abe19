import type { NotificationDto } from './useNotifications';

/** Where a notification leads: the card of the record it is about. */
export function notificationPath(n: NotificationDto): string | null {
  if (!n.recordId) return null;
  if (n.recordType === 'organization') return `/organizations/${n.recordId}`;
  if (n.recordType === 'person') return `/persons/${n.recordId}`;
  return null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The translation key and values of a notification's sentence; unknown kinds get a generic one. */
export function notificationMessage(n: NotificationDto): { key: string; values: Record<string, string> } {
  const values = {
    name: text(n.params.recordName),
    actor: text(n.params.actorName) || n.actor?.name || '',
  };
  if (n.kind === 'client_handoff') {
    const who = n.params.recordType === 'person' || n.recordType === 'person' ? 'Person' : 'Organization';
    return { key: values.actor ? `notifications.handoff${who}` : `notifications.handoff${who}NoActor`, values };
  }
  return { key: 'notifications.generic', values };
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
