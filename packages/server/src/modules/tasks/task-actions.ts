import type { z } from 'zod';
import type { completeTaskBodySchema, returnTaskBodySchema, taskActionBodySchema, TaskDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { AppError, forbidden, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import { loadTask, taskOwnership, type Executor } from './task-dto.js';
import { TaskAuditTrail } from './task-audit.js';
import { TaskNotifications } from './task-notify.js';
import { isOpen, stateOf, type TaskState } from './task-state.js';
import { applyOpenChildren, assertVisible, checkOpenChildren, columnsOf } from './task-write.js';
import { factsOf } from './tasks.service.js';
import * as q from './tasks.queries.js';

type CompleteBody = z.output<typeof completeTaskBodySchema>;
type ActionBody = z.output<typeof taskActionBodySchema>;
type ReturnBody = z.output<typeof returnTaskBodySchema>;

/** A comment written by an action (accepting with a note, returning for rework) shows in the task's discussion. */
export async function insertComment(db: Executor, taskId: string, authorId: string, body: string, mentions: readonly string[] = []): Promise<string> {
  const id = newId();
  await db.insertInto('task_comments').values({ id, task_id: taskId, author_id: authorId, body, mentions: [...mentions] }).execute();
  return id;
}

/**
 * What the people of an assignment do with it (seed 004): the responsible or a participant accepts it, the
 * responsible completes it with a result, the controller returns it for rework or accepts the result.
 */
export function makeTaskActionsService({ db }: ServiceDeps) {
  /** Locks the task, checks it is visible and the version is the one the user saw. */
  async function open(trx: Executor, actor: Actor, id: string, version: number) {
    const row = await q.findOneForWrite(trx, id);
    assertVisible(actor, row);
    if (row.version !== version) throw versionConflict();
    return row;
  }

  async function accept(actor: Actor, ctx: RequestContext, id: string, body: ActionBody): Promise<TaskDto> {
    return db.transaction().execute(async (trx) => {
      const row = await open(trx, actor, id, body.version);
      const isResponsible = row.responsible_id === actor.userId;
      if (!isResponsible && !row.participant_ids.includes(actor.userId)) throw forbidden();
      if (!isOpen(row.status)) throw new AppError('task_closed');
      const audit = new TaskAuditTrail(trx, actor);
      await audit.remember([id]);
      const now = new Date();
      if (isResponsible) await trx.updateTable('tasks').set({ accepted_at: row.accepted_at ?? now }).where('id', '=', id).execute();
      else {
        await trx
          .updateTable('task_participants')
          .set((eb) => ({ accepted_at: eb.fn.coalesce('accepted_at', eb.val(now)) }))
          .where('task_id', '=', id)
          .where('user_id', '=', actor.userId)
          .execute();
      }
      await trx.updateTable('tasks').set({ updated_at: now, version: row.version + 1 }).where('id', '=', id).execute();
      if (body.comment) await insertComment(trx, id, actor.userId, body.comment);
      await audit.record(ctx);
      return (await loadTask(trx, actor, id))!;
    });
  }

  /**
   * Done with a result. The responsible may always complete their task; anyone else needs the right to edit
   * it. The controller hears of it with the result (unless the task's settings say otherwise).
   */
  async function complete(actor: Actor, ctx: RequestContext, id: string, body: CompleteBody): Promise<TaskDto> {
    const problems = new Problems();
    return db.transaction().execute(async (trx) => {
      const row = await open(trx, actor, id, body.version);
      if (row.responsible_id !== actor.userId) assertCan(actor, 'edit', 'task', taskOwnership(row));
      if (!isOpen(row.status)) throw new AppError('task_closed');
      const now = new Date();
      const before = stateOf(row);
      const next: TaskState = {
        ...before,
        status: 'done',
        completed_at: body.completedAt ? new Date(body.completedAt) : now,
        ...(body.resultKey !== undefined ? { result_key: body.resultKey } : {}),
        ...(body.resultText !== undefined ? { result_text: body.resultText } : {}),
        ...(body.minutesSpent !== undefined ? { minutes_spent: body.minutesSpent } : {}),
        ...(body.interest !== undefined ? { interest: body.interest } : {}),
      };
      const type = (await q.findType(trx, row.type_id))!;
      if (next.result_key !== null && !type.results.some((r) => r.key === next.result_key)) problems.add('resultKey', 'invalid_option');
      const children = await checkOpenChildren(trx, id, before, next, body.openChildren, problems);
      problems.throwIfAny();
      const audit = new TaskAuditTrail(trx, actor);
      await audit.remember([id]);
      await trx
        .updateTable('tasks')
        .set({ ...columnsOf(next), accepted_at: row.accepted_at ?? now, updated_at: now, version: row.version + 1 })
        .where('id', '=', id)
        .execute();
      await applyOpenChildren(trx, actor, audit, children, body.openChildren, before, next, now);
      await audit.record(ctx);
      const notes = new TaskNotifications(actor);
      notes.closed(factsOf(id, next, type), row.participant_ids, 'completed');
      await notes.send(trx);
      return (await loadTask(trx, actor, id))!;
    });
  }

  /** The controller returns a done task for rework: back in progress, the reason becomes a comment, the responsible hears. */
  async function sendBack(actor: Actor, ctx: RequestContext, id: string, body: ReturnBody): Promise<TaskDto> {
    return db.transaction().execute(async (trx) => {
      const row = await open(trx, actor, id, body.version);
      if (row.controller_id !== actor.userId) throw new AppError('task_controller_only');
      if (row.status !== 'done') throw new AppError('task_not_done');
      const audit = new TaskAuditTrail(trx, actor);
      await audit.remember([id]);
      const now = new Date();
      await trx
        .updateTable('tasks')
        .set({ status: 'in_progress', completed_at: null, checked_at: null, updated_at: now, version: row.version + 1 })
        .where('id', '=', id)
        .execute();
      await insertComment(trx, id, actor.userId, body.comment);
      await audit.record(ctx);
      const notes = new TaskNotifications(actor);
      const type = await q.findType(trx, row.type_id);
      notes.add('task_returned', [row.responsible_id], factsOf(id, stateOf(row), type), { comment: body.comment });
      await notes.send(trx);
      return (await loadTask(trx, actor, id))!;
    });
  }

  /** The controller accepts the result. */
  async function check(actor: Actor, ctx: RequestContext, id: string, body: ActionBody): Promise<TaskDto> {
    return db.transaction().execute(async (trx) => {
      const row = await open(trx, actor, id, body.version);
      if (row.controller_id !== actor.userId) throw new AppError('task_controller_only');
      if (row.status !== 'done') throw new AppError('task_not_done');
      if (!row.checked_at) {
        const audit = new TaskAuditTrail(trx, actor);
        await audit.remember([id]);
        const now = new Date();
        await trx.updateTable('tasks').set({ checked_at: now, updated_at: now, version: row.version + 1 }).where('id', '=', id).execute();
        if (body.comment) await insertComment(trx, id, actor.userId, body.comment);
        await audit.record(ctx);
      }
      return (await loadTask(trx, actor, id))!;
    });
  }

  return { accept, complete, sendBack, check };
}

export type TaskActionsService = ReturnType<typeof makeTaskActionsService>;
