import type { z } from 'zod';
import type { TaskListItemDto, taskListQuerySchema } from '@kontakt/shared';
import type { AccessSubject } from '../../platform/access/access.js';
import { AppError } from '../../platform/errors.js';
import { Problems } from '../../platform/validate.js';
import type { Page } from '../../platform/pagination.js';
import { loadTaskItems } from './task-dto.js';
import {
  countTaskList,
  decodeTaskCursor,
  explainQuery,
  pageQuery,
  planTaskList,
  selectIdPage,
  taskSort,
  type Executor,
  type TaskCursor,
  type TaskListFilter,
  type TaskSortKey,
} from './tasks-list.queries.js';

/**
 * The task list (mine, my department's, assigned by me, controlled by me, where I take part, everything I may
 * see) with the client lists' machinery: filters, keyset pages, a total only when asked, the role's scope on
 * every query. A page is two steps: the ids in order (one index walk, see tasks-list.queries.ts), then the
 * items by id (`loadTaskItems`, three queries whatever the page size).
 */
export type TaskListQuery = z.output<typeof taskListQuerySchema>;
export type TaskListOptions = TaskListFilter & { sort?: TaskSortKey | undefined };

/**
 * The period's ends as instants the database takes (the schema checks the format; PostgreSQL has no year 0),
 * and a period that ends before it starts is the caller's mistake: each named on its field.
 */
export function checkPeriod(f: { from?: string | undefined; to?: string | undefined }): void {
  const problems = new Problems();
  for (const field of ['from', 'to'] as const) {
    const value = f[field];
    if (value && !(new Date(value).getUTCFullYear() >= 1)) problems.add(field, 'invalid_date');
  }
  problems.throwIfAny();
  if (f.from && f.to && Date.parse(f.to) < Date.parse(f.from)) {
    throw new AppError('validation_failed', { errors: [{ field: 'to', code: 'invalid_value' }] });
  }
}

export async function listTasks(db: Executor, actor: AccessSubject, query: TaskListQuery): Promise<Page<TaskListItemDto>> {
  checkPeriod(query);
  const sort = taskSort(query.sort);
  const after = decodeTaskCursor(query.cursor, sort);
  const plan = planTaskList(actor, query);
  const page = await selectIdPage(db, plan, sort, query.limit, after);
  const items = await loadTaskItems(db, actor, page.ids);
  const result: Page<TaskListItemDto> = { items, nextCursor: page.nextCursor };
  if (query.withTotal) result.total = await countTaskList(db, plan);
  return result;
}

/** Every task of a view in keyset order, a batch at a time (export walks a whole view this way). */
export async function* iterateTasks(db: Executor, actor: AccessSubject, options: TaskListOptions & { batch?: number }): AsyncGenerator<TaskListItemDto[]> {
  checkPeriod(options);
  const sort = taskSort(options.sort);
  const batch = Math.min(Math.max(options.batch ?? 1000, 1), 5000);
  const plan = planTaskList(actor, options);
  let after: TaskCursor | undefined;
  for (;;) {
    const page = await selectIdPage(db, plan, sort, batch, after);
    if (page.ids.length > 0) yield await loadTaskItems(db, actor, page.ids);
    if (!page.nextCursor) return;
    after = decodeTaskCursor(page.nextCursor, sort);
  }
}

/** The plan of a list page exactly as the API runs it (tests and benchmarks check the index it walks). */
export async function explainTaskList(
  db: Executor,
  actor: AccessSubject,
  query: TaskListOptions & { limit: number; cursor?: string | undefined },
  analyze = false,
): Promise<string> {
  const sort = taskSort(query.sort);
  return explainQuery(db, pageQuery(planTaskList(actor, query), sort, query.limit, decodeTaskCursor(query.cursor, sort)), analyze);
}
