import { sql, type Kysely, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { NOTIFICATION_KINDS, reassignTasksBodySchema, workloadQuerySchema } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { assertCan, can, scopeFilter, type AccessSubject } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import { notifyMany, type NotifyInput } from '../../platform/notifications/notify.js';
import { Problems } from '../../platform/validate.js';
import { recordAuditMany } from '../clients/handoff.js';
import { departmentOwnership } from '../departments/departments.service.js';
import { subtreeIds } from '../departments/departments.queries.js';
import { overdueSql, taskOwnership } from './task-dto.js';
import { checkUsers } from './task-state.js';
import { findForWrite } from './tasks.queries.js';
import type { Executor } from './tasks-list.queries.js';

/**
 * Workload of a department (seed 003: workload per employee and redistribution): per employee their open
 * tasks, how many are overdue and due today, the clients in work, and an absence covering today; and the
 * head's reassignment of tasks, e.g. while someone is away, recorded as a handoff of each task.
 */
type WorkloadQuery = z.output<typeof workloadQuerySchema>;
type ReassignBody = z.output<typeof reassignTasksBodySchema>;
export type WorkloadActor = AccessSubject & { timeZone: string };

interface UserRow {
  id: string;
  name: string;
  department_id: string | null;
  department_name: string | null;
}

/**
 * Whose workload is shown: a chosen department and those below it, else the departments the actor works in or
 * heads (the reach of their "department" scope), else — an administrator outside any department — everyone;
 * always only active employees the actor's role lets them see.
 */
async function employees(db: Executor, actor: AccessSubject, departmentId: string | undefined): Promise<UserRow[]> {
  let departments: readonly string[] | null = actor.departmentScope.length > 0 ? actor.departmentScope : null;
  if (departmentId) {
    const department = await db.selectFrom('departments').select(['id', 'head_id']).where('id', '=', departmentId).executeTakeFirst();
    if (!department || !can(actor, 'view', 'department', departmentOwnership(department))) throw fieldError('departmentId', 'not_found');
    departments = await subtreeIds(db, departmentId);
  }
  const inDepartments = departments ? sql<SqlBool>`users.department_id = ANY(${[...departments]}::uuid[])` : sql<SqlBool>`TRUE`;
  const { rows } = await sql<UserRow>`
    SELECT users.id, users.name, users.department_id, d.name AS department_name
    FROM users LEFT JOIN departments d ON d.id = users.department_id
    WHERE users.active AND ${inDepartments} AND ${scopeFilter(actor, 'view', 'user')}
    ORDER BY users.name, users.id`.execute(db);
  return rows;
}

interface CountRow {
  user_id: string;
  open_tasks: number;
  overdue_tasks: number;
  today_tasks: number;
  clients_in_work: number;
}

export async function workload(db: Executor, actor: WorkloadActor, query: WorkloadQuery) {
  const users = await employees(db, actor, query.departmentId);
  if (users.length === 0) return { items: [] };
  const ids = users.map((u) => u.id);
  const now = new Date();
  // One pass over the employees' open tasks (`tasks_responsible_open_idx`); "today" is the reader's day.
  const { rows: counts } = await sql<CountRow>`
    WITH day AS (
      SELECT (now() AT TIME ZONE ${actor.timeZone})::date::timestamp AT TIME ZONE ${actor.timeZone} AS day_start
    )
    SELECT tasks.responsible_id AS user_id, count(*)::int AS open_tasks,
      (count(*) FILTER (WHERE ${overdueSql(now)}))::int AS overdue_tasks,
      (count(*) FILTER (WHERE tasks.at >= day.day_start AND tasks.at < day.day_start + interval '1 day'))::int AS today_tasks,
      count(DISTINCT coalesce(tasks.organization_id, tasks.person_id))::int AS clients_in_work
    FROM tasks CROSS JOIN day
    WHERE tasks.responsible_id = ANY(${ids}::uuid[]) AND tasks.deleted_at IS NULL AND tasks.status IN ('planned', 'in_progress')
      AND ${scopeFilter(actor, 'view', 'task')}
    GROUP BY tasks.responsible_id`.execute(db);
  const { rows: absences } = await sql<{ user_id: string; until: string }>`
    SELECT a.user_id, max(a.ends_on)::text AS until FROM absences a
    WHERE a.user_id = ANY(${ids}::uuid[]) AND a.deleted_at IS NULL
      AND a.starts_on <= (now() AT TIME ZONE ${actor.timeZone})::date AND a.ends_on >= (now() AT TIME ZONE ${actor.timeZone})::date
    GROUP BY a.user_id`.execute(db);
  const byUser = new Map(counts.map((c) => [c.user_id, c]));
  const away = new Map(absences.map((a) => [a.user_id, a.until]));
  return {
    items: users.map((u) => {
      const c = byUser.get(u.id);
      return {
        user: { id: u.id, name: u.name },
        department: u.department_id ? { id: u.department_id, name: u.department_name ?? '' } : null,
        openTasks: c?.open_tasks ?? 0,
        overdueTasks: c?.overdue_tasks ?? 0,
        todayTasks: c?.today_tasks ?? 0,
        clientsInWork: c?.clients_in_work ?? 0,
        absentUntil: away.get(u.id) ?? null,
      };
    }),
  };
}

/**
 * Hands tasks over to one or several employees in turn (the tasks in time order, the first to the first
 * receiver, the second to the second…). All or nothing: every task must be one the actor may edit (one 403
 * otherwise) and every receiver an active employee the actor may see. Each task's handoff is audited; each
 * receiver is told once how many tasks they got. The receiver stops being a participant (they are now
 * responsible) and has not accepted yet.
 */
export async function reassign(db: Kysely<DB>, actor: Actor, ctx: RequestContext, body: ReassignBody): Promise<{ reassigned: number }> {
  const problems = new Problems();
  if (!body.taskIds && !body.fromUserId) problems.add('taskIds', 'required');
  const receivers = [...new Set(body.toUserIds)];
  const fieldOf = (id: string) => `toUserIds.${body.toUserIds.indexOf(id)}`;
  const visible = await visibleUserIds(db, actor, [...receivers, ...(body.fromUserId ? [body.fromUserId] : [])]);
  if (body.fromUserId && !visible.has(body.fromUserId)) problems.add('fromUserId', 'not_found');
  const seen = receivers.filter((id) => visible.has(id));
  receivers.filter((id) => !visible.has(id)).forEach((id) => problems.add(fieldOf(id), 'not_found'));
  await checkUsers(db, seen.map((id) => [fieldOf(id), id] as const), problems);
  problems.throwIfAny();

  return db.transaction().execute(async (trx) => {
    const ids = await taskIdsToMove(trx, body);
    const rows = await findForWrite(trx, ids);
    if (rows.length !== ids.length || rows.some((r) => r.deleted_at)) throw fieldError('taskIds', 'not_found');
    for (const row of rows) assertCan(actor, 'edit', 'task', taskOwnership(row));
    rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    const moves = rows
      .map((row, i) => ({ row, to: receivers[i % receivers.length]! }))
      .filter((m) => m.row.responsible_id !== m.to);
    if (moves.length === 0) return { reassigned: 0 };

    for (const to of receivers) {
      const taskIds = moves.filter((m) => m.to === to).map((m) => m.row.id);
      if (taskIds.length === 0) continue;
      await sql`
        UPDATE tasks SET responsible_id = ${to}, accepted_at = NULL, version = version + 1, updated_at = now()
        WHERE id = ANY(${taskIds}::uuid[])`.execute(trx);
      await sql`DELETE FROM task_participants WHERE user_id = ${to} AND task_id = ANY(${taskIds}::uuid[])`.execute(trx);
    }

    const names = new Map(
      (await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set([...receivers, ...moves.map((m) => m.row.responsible_id)])]).execute()).map(
        (u) => [u.id, u.name],
      ),
    );
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    const entries: AuditEntry[] = moves.map((m) => ({
      action: 'handoff',
      objectType: 'task',
      objectId: m.row.id,
      objectLabel: m.row.title,
      changes: { responsible: { before: person(m.row.responsible_id), after: person(m.to) } },
    }));
    await recordAuditMany(trx, ctx, entries);

    const notes: NotifyInput[] = [];
    for (const to of receivers) {
      const theirs = moves.filter((m) => m.to === to);
      if (theirs.length === 0 || to === actor.userId) continue;
      const only = theirs.length === 1 ? theirs[0]!.row : undefined;
      notes.push({
        userId: to,
        kind: 'tasks_reassigned' satisfies (typeof NOTIFICATION_KINDS)[number],
        params: { count: theirs.length, actorName: actor.name, ...(only ? { title: only.title } : {}) },
        ...(only ? { recordType: 'task', recordId: only.id } : {}),
        actorId: actor.userId,
      });
    }
    await notifyMany(trx, notes);
    return { reassigned: moves.length };
  });
}

/** Which of these users the actor's role lets them see (the others are "not found" to them). */
async function visibleUserIds(db: Executor, actor: AccessSubject, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    SELECT users.id FROM users WHERE users.id = ANY(${[...new Set(ids)]}::uuid[]) AND ${scopeFilter(actor, 'view', 'user')}`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** The given tasks, or every open task of `fromUserId` in time order. */
async function taskIdsToMove(db: Executor, body: ReassignBody): Promise<string[]> {
  if (body.taskIds) {
    const ids = [...new Set(body.taskIds)];
    if (body.fromUserId) {
      // Given both: the tasks must be that employee's, so a stale selection cannot move someone else's work.
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM tasks WHERE id = ANY(${ids}::uuid[]) AND responsible_id = ${body.fromUserId}`.execute(db);
      if ((rows[0]?.n ?? 0) !== ids.length) throw fieldError('taskIds', 'invalid_value');
    }
    return ids;
  }
  const { rows } = await sql<{ id: string }>`
    SELECT tasks.id FROM tasks
    WHERE tasks.responsible_id = ${body.fromUserId!} AND tasks.deleted_at IS NULL AND tasks.status IN ('planned', 'in_progress')
    ORDER BY tasks.at, tasks.id`.execute(db);
  return rows.map((r) => r.id);
}
