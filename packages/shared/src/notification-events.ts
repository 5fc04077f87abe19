import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from './schemas/notifications.js';
import { TASK_NOTIFY_AUDIENCES, TASK_NOTIFY_EVENTS } from './schemas/tasks.js';

/**
 * How each kind of notification reaches a user: in the app (the bell) and/or by email. A user's own
 * choices (`users.notification_prefs`) override these defaults kind by kind; a kind they never touched
 * follows the defaults, so a default changed here reaches everyone who has not chosen otherwise.
 */
export interface NotificationChannels {
  inApp: boolean;
  email: boolean;
}

/** The events a user configures, in the order the profile lists them. */
export const NOTIFICATION_EVENTS: readonly NotificationKind[] = NOTIFICATION_KINDS;

/** Everything shows in the app; by email only what asks the reader to act or is about to be late. */
export const NOTIFICATION_DEFAULTS: Readonly<Record<string, NotificationChannels>> = {
  client_handoff: { inApp: true, email: false },
  task_assigned: { inApp: true, email: true },
  task_completed: { inApp: true, email: false },
  task_result: { inApp: true, email: false },
  task_returned: { inApp: true, email: true },
  task_mention: { inApp: true, email: true },
  task_comment: { inApp: true, email: false },
  task_reminder: { inApp: true, email: true },
  task_overdue: { inApp: true, email: true },
  tasks_reassigned: { inApp: true, email: false },
};

/** A kind added later without a default here still shows in the app and sends no email. */
const FALLBACK: NotificationChannels = { inApp: true, email: false };

export type StoredNotificationPrefs = Record<string, Partial<NotificationChannels> | undefined>;

export function notificationChannels(prefs: StoredNotificationPrefs | null | undefined, kind: string): NotificationChannels {
  const base = NOTIFICATION_DEFAULTS[kind] ?? FALLBACK;
  const own = prefs?.[kind];
  return {
    inApp: typeof own?.inApp === 'boolean' ? own.inApp : base.inApp,
    email: typeof own?.email === 'boolean' ? own.email : base.email,
  };
}

export const notificationPrefSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  inApp: z.boolean(),
  email: z.boolean(),
});
export const notificationPrefsSchema = z.object({
  events: z.array(notificationPrefSchema),
  /** Whether the company has outgoing mail set up; without it no email is sent whatever the choice. */
  emailAvailable: z.boolean(),
});
export type NotificationPrefsDto = z.infer<typeof notificationPrefsSchema>;
export const updateNotificationPrefsBodySchema = z.object({
  events: z.array(notificationPrefSchema).max(NOTIFICATION_KINDS.length * 2),
});

/**
 * Who besides the responsible hears about a task's events (seed 004: configured separately for
 * participants and the controller). The controller watches over the task, so by default hears about a
 * missed deadline, the completion and the result; participants hear only when the task says so.
 */
export type TaskNotifyAudience = (typeof TASK_NOTIFY_AUDIENCES)[number];
export type TaskNotifyEvent = (typeof TASK_NOTIFY_EVENTS)[number];
export const TASK_NOTIFY_DEFAULTS: Readonly<Record<TaskNotifyAudience, Readonly<Record<TaskNotifyEvent, boolean>>>> = {
  participants: { overdue: false, completed: false, result: false },
  controller: { overdue: true, completed: true, result: true },
};

/** Reads a task's `notify` settings (stored jsonb, possibly partial or empty) with the defaults above. */
export function taskNotifies(notify: unknown, audience: TaskNotifyAudience, event: TaskNotifyEvent): boolean {
  const group = notify && typeof notify === 'object' ? (notify as Record<string, unknown>)[audience] : undefined;
  const value = group && typeof group === 'object' ? (group as Record<string, unknown>)[event] : undefined;
  return typeof value === 'boolean' ? value : TASK_NOTIFY_DEFAULTS[audience][event];
}
