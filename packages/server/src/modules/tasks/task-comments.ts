import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { normalizePermissions, type createTaskCommentBodySchema, type taskCommentSchema } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { can, type AccessSubject } from '../../platform/access/access.js';
import { loadDepartmentScope } from '../../platform/access/department-scope.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { Problems } from '../../platform/validate.js';
import { taskOwnership, type Executor } from './task-dto.js';
import { TaskNotifications } from './task-notify.js';
import { checkUsers, stateOf } from './task-state.js';
import { assertVisible } from './task-write.js';
import { insertComment } from './task-actions.js';
import { factsOf } from './tasks.service.js';
import * as q from './tasks.queries.js';

type CommentDto = z.infer<typeof taskCommentSchema>;
type CreateBody = z.output<typeof createTaskCommentBodySchema>;

interface CommentRow {
  id: string;
  author_id: string;
  author_name: string;
  body: string;
  mentions: string[] | string;
  created_at: Date;
  updated_at: Date;
}

const uuidArray = (value: string[] | string): string[] =>
  Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);

async function loadComments(db: Executor, taskId: string, commentId?: string): Promise<CommentDto[]> {
  const rows = (
    await sql<CommentRow>`
      SELECT c.id, c.author_id, u.name AS author_name, c.body, c.mentions, c.created_at, c.updated_at
      FROM task_comments c JOIN users u ON u.id = c.author_id
      WHERE c.task_id = ${taskId} AND c.deleted_at IS NULL ${commentId ? sql`AND c.id = ${commentId}` : sql``}
      ORDER BY c.id`.execute(db)
  ).rows;
  const mentioned = [...new Set(rows.flatMap((r) => uuidArray(r.mentions)))];
  const names = await q.usersById(db, mentioned);
  return rows.map((r) => ({
    id: r.id,
    author: { id: r.author_id, name: r.author_name },
    body: r.body,
    mentions: uuidArray(r.mentions).flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)!.name }] : [])),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The access subjects of other users (their role's rights and departments), to ask what they may see. */
async function subjectsOf(db: Executor, userIds: readonly string[]): Promise<AccessSubject[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'users.department_id', 'roles.permissions'])
    .where('users.id', 'in', [...userIds])
    .execute();
  const out: AccessSubject[] = [];
  for (const r of rows) {
    out.push({
      userId: r.id,
      permissions: normalizePermissions(r.permissions),
      departmentScope: await loadDepartmentScope(db as Kysely<DB>, r.id, r.department_id),
    });
  }
  return out;
}

/**
 * The discussion of a task: whoever sees the task reads and writes comments. A mentioned user is notified
 * (`task_mention`); one who could not see the task becomes its participant, so the link in the notification
 * opens — mentioning someone is inviting them. Everyone else on the task (responsible, controller,
 * participants) hears of the comment (`task_comment`), never its author.
 */
export function makeTaskCommentsService({ db }: ServiceDeps) {
  async function list(actor: Actor, taskId: string): Promise<{ items: CommentDto[] }> {
    assertVisible(actor, await q.findOneForWrite(db, taskId, false));
    return { items: await loadComments(db, taskId) };
  }

  async function create(actor: Actor, ctx: RequestContext, taskId: string, body: CreateBody): Promise<CommentDto> {
    const problems = new Problems();
    return db.transaction().execute(async (trx) => {
      const row = await q.findOneForWrite(trx, taskId);
      assertVisible(actor, row);
      const mentionIds = [...new Set(body.mentionIds ?? [])];
      await checkUsers(trx, mentionIds.map((id, i) => [`mentionIds.${i}`, id] as const), problems);
      problems.throwIfAny();

      const ownership = taskOwnership(row);
      const invited = (await subjectsOf(trx, mentionIds)).filter((s) => !can(s, 'view', 'task', ownership)).map((s) => s.userId);
      if (invited.length > 0) {
        await q.insertParticipants(trx, invited.map((user_id) => ({ task_id: taskId, user_id })));
        await trx.updateTable('tasks').set({ updated_at: new Date(), version: row.version + 1 }).where('id', '=', taskId).execute();
        await recordAudit(trx, ctx, {
          action: 'update',
          objectType: 'task',
          objectId: taskId,
          objectLabel: row.title,
          changes: { participantsAdded: { before: null, after: invited } },
        });
      }
      const id = await insertComment(trx, taskId, actor.userId, body.body, mentionIds);
      await recordAudit(trx, ctx, { action: 'create', objectType: 'task_comment', objectId: id, objectLabel: row.title, changes: { body: { before: null, after: body.body } } });

      const notes = new TaskNotifications(actor);
      const type = await q.findType(trx, row.type_id);
      const facts = factsOf(taskId, stateOf(row), type);
      const excerpt = body.body.length > 200 ? `${body.body.slice(0, 199)}…` : body.body;
      notes.add('task_mention', mentionIds, facts, { commentId: id, excerpt });
      const others = [row.responsible_id, row.controller_id, ...row.participant_ids].filter((u): u is string => !!u && !mentionIds.includes(u));
      notes.add('task_comment', others, facts, { commentId: id, excerpt });
      await notes.send(trx);
      return (await loadComments(trx, taskId, id))[0]!;
    });
  }

  return { list, create };
}

export type TaskCommentsService = ReturnType<typeof makeTaskCommentsService>;
