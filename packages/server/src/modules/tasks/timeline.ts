import { sql } from 'kysely';
import type { z } from 'zod';
import type { TaskListItemDto, timelineQuerySchema } from '@kontakt/shared';
import { assertCan, type AccessSubject } from '../../platform/access/access.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { clientOwnership } from '../clients/ownership.js';
import { loadTaskItems } from './task-dto.js';
import { checkPeriod } from './tasks-list.js';
import { decodeTaskCursor, explainQuery, pageQuery, selectIdPage, taskListWhere, taskSort, type Executor, type TaskListPlan } from './tasks-list.queries.js';

/**
 * A client's history on its card: the tasks of an organization (its own and its persons' — the tasks module
 * stores the person's organization on a person's task, so this is one range of `(organization_id, at)`) or
 * of one person. "Planned" are the open tasks, soonest first; "past" the done and cancelled ones, newest
 * first. Only tasks the reader may see, on a client the reader may see.
 *
 * Indexes: past walks `tasks_organization_at_idx` / `tasks_person_at_idx` (which are ordered newest first);
 * planned walks the open-only `tasks_organization_open_idx` / `tasks_person_open_idx` (0008), so a client
 * with 10,000 past tasks does not pass them all to reach the first planned one.
 */
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

async function assertClientVisible(db: Executor, actor: AccessSubject, type: 'organization' | 'person', id: string): Promise<void> {
  const table = type === 'organization' ? sql.raw('organizations') : sql.raw('persons');
  const { rows } = await sql<{ responsible_id: string | null; created_by: string | null; responsible_department_id: string | null }>`
    SELECT c.responsible_id, c.created_by, (SELECT u.department_id FROM users u WHERE u.id = c.responsible_id) AS responsible_department_id
    FROM ${table} c WHERE c.id = ${id}`.execute(db);
  const row = rows[0];
  if (!row) throw notFound();
  assertCan(actor, 'view', type, clientOwnership(row));
}

function timelinePlan(actor: AccessSubject, query: TimelineQuery): TaskListPlan {
  const where = taskListWhere(actor, {
    view: 'all',
    organizationId: query.organizationId,
    personId: query.personId,
    typeId: query.typeId,
    responsibleId: query.userId,
    resultKey: query.resultKey,
    from: query.from,
    to: query.to,
    open: query.section === 'planned',
  });
  // One walk of the client's index whatever the reader's role: the union by way of taking part that
  // speeds up "all my tasks" would here read the reader's whole history instead of the client's.
  return { where, branches: [{}] };
}

function checkQuery(query: TimelineQuery): void {
  if (!query.organizationId && !query.personId) {
    throw new AppError('validation_failed', { errors: [{ field: 'organizationId', code: 'required' }] });
  }
  checkPeriod(query);
}

const sortOf = (query: TimelineQuery) => taskSort(query.section === 'planned' ? 'at' : '-at');

export async function timeline(db: Executor, actor: AccessSubject, query: TimelineQuery): Promise<Page<TaskListItemDto>> {
  checkQuery(query);
  const sort = sortOf(query);
  const after = decodeTaskCursor(query.cursor, sort);
  if (query.organizationId) await assertClientVisible(db, actor, 'organization', query.organizationId);
  if (query.personId) await assertClientVisible(db, actor, 'person', query.personId);
  const page = await selectIdPage(db, timelinePlan(actor, query), sort, query.limit, after);
  return { items: await loadTaskItems(db, actor, page.ids), nextCursor: page.nextCursor };
}

/** The plan of a timeline page as the API runs it (tests and benchmarks check the index it walks). */
export async function explainTimeline(db: Executor, actor: AccessSubject, query: TimelineQuery, analyze = false): Promise<string> {
  const sort = sortOf(query);
  return explainQuery(db, pageQuery(timelinePlan(actor, query), sort, query.limit, decodeTaskCursor(query.cursor, sort)), analyze);
}
