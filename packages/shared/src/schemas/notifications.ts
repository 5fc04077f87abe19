import { z } from 'zod';
import { listQueryBase, queryBoolean } from './common.js';

/**
 * In-app notifications of the signed-in user. `kind` is a stable code the web app translates with
 * `params` (e.g. `client_handoff`: a client was handed over to the reader).
 */
export const NOTIFICATION_KINDS = [
  'client_handoff',
  'task_assigned',
  'task_completed',
  'task_result',
  'task_returned',
  'task_mention',
  'task_comment',
  'task_reminder',
  'task_overdue',
  /** A head handed several tasks over to the reader at once (`params.count`; one task: its `title` and record). */
  'tasks_reassigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  recordType: z.string().nullable(),
  recordId: z.uuid().nullable(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  ...listQueryBase,
  unreadOnly: queryBoolean.optional(),
});

export const unreadCountSchema = z.object({ count: z.number().int() });
