import type { Kysely } from 'kysely';
import { taskNotifies, type NOTIFICATION_KINDS } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { notifyMany, type NotifyInput } from '../../platform/notifications/notify.js';

type Kind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification about a task says; the web app words it from these in the reader's language. */
export interface TaskFacts {
  id: string;
  title: string;
  responsible_id: string;
  controller_id: string | null;
  notify: unknown;
  result_key: string | null;
  result_text: string | null;
  type_key?: string | null;
  type_name?: string | null;
  result_label?: string | null;
}

/**
 * Collects a change's notifications and sends them in one insert inside its transaction. Nobody hears about
 * their own action, and one person gets one notification of a kind per task even if they hold several roles.
 */
export class TaskNotifications {
  private readonly items: NotifyInput[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly actor: Actor) {}

  add(kind: Kind, userIds: readonly (string | null | undefined)[], task: TaskFacts, extra: Record<string, unknown> = {}): void {
    for (const userId of userIds) {
      if (!userId || userId === this.actor.userId) continue;
      const key = `${kind}:${task.id}:${userId}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.items.push({
        userId,
        kind,
        params: {
          title: task.title,
          actorName: this.actor.name,
          ...(task.type_key !== undefined ? { typeKey: task.type_key, typeName: task.type_name ?? null } : {}),
          ...extra,
        },
        recordType: 'task',
        recordId: task.id,
        actorId: this.actor.userId,
      });
    }
  }

  /** Whether someone already hears about this task through another kind (a mention beats a plain comment). */
  has(userId: string, taskId: string, kind: Kind): boolean {
    return this.seen.has(`${kind}:${taskId}:${userId}`);
  }

  /**
   * A task was completed (or its result set): the controller hears of the completion with the result, per the
   * task's settings (default on); participants only when the task says so. A result entered without a
   * completion notice (or changed later) is its own `task_result`.
   */
  closed(task: TaskFacts, participantIds: readonly string[], event: 'completed' | 'result'): void {
    const result = { resultKey: task.result_key, resultText: task.result_text, resultLabel: task.result_label ?? null };
    for (const [audience, userIds] of [
      ['controller', [task.controller_id]],
      ['participants', participantIds],
    ] as const) {
      if (event === 'completed' && taskNotifies(task.notify, audience, 'completed')) {
        this.add('task_completed', userIds, task, result);
      } else if (task.result_key !== null || task.result_text !== null) {
        if (taskNotifies(task.notify, audience, 'result')) this.add('task_result', userIds, task, result);
      }
    }
  }

  async send(db: Kysely<DB>): Promise<void> {
    await notifyMany(db, this.items);
  }
}
