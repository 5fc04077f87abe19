/**
 * The task list's state in the URL (a view, filters, sort) and the query the API gets from it. Periods are
 * picked as days of the user's time zone; the API takes instants, the end exclusive.
 */
import { TASK_SORTS, TASK_STATUSES, TASK_VIEWS } from '@kontakt/shared';
import { zonedDayBoundary } from '../../ui/zonedTime';
import { addDays } from './repeatModel';
import type { TaskListParams } from './tasksApi';

export type TaskView = (typeof TASK_VIEWS)[number];
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskListState {
  view: TaskView;
  status: string[];
  overdue: boolean;
  typeIds: string[];
  organizationId: string | null;
  responsibleId: string | null;
  resultKey: string | null;
  /** Days 'YYYY-MM-DD', both inclusive. */
  from: string;
  to: string;
  q: string;
  sort: TaskSort;
}

export const DEFAULT_STATE: TaskListState = {
  view: 'mine',
  status: ['planned', 'in_progress'],
  overdue: false,
  typeIds: [],
  organizationId: null,
  responsibleId: null,
  resultKey: null,
  from: '',
  to: '',
  q: '',
  sort: 'at',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/** Reads the URL; what is missing or unknown takes the default ("my open tasks by time"). */
export function readState(params: URLSearchParams): TaskListState {
  const view = params.get('view');
  const sort = params.get('sort');
  const status = params.get('status');
  const day = (key: string) => {
    const v = params.get(key) ?? '';
    return DAY.test(v) ? v : '';
  };
  return {
    view: (TASK_VIEWS as readonly string[]).includes(view ?? '') ? (view as TaskView) : DEFAULT_STATE.view,
    // "status=" (empty) means every status; no parameter means the default (open ones).
    status: status === null ? DEFAULT_STATE.status : list(status).filter((s) => (TASK_STATUSES as readonly string[]).includes(s)),
    overdue: params.get('overdue') === '1',
    typeIds: list(params.get('type')),
    organizationId: params.get('org') || null,
    responsibleId: params.get('responsible') || null,
    resultKey: params.get('result') || null,
    from: day('from'),
    to: day('to'),
    q: params.get('q') ?? '',
    sort: (TASK_SORTS as readonly string[]).includes(sort ?? '') ? (sort as TaskSort) : DEFAULT_STATE.sort,
  };
}

/** Writes the state, leaving out what equals the default so links stay short. */
export function writeState(state: TaskListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view !== DEFAULT_STATE.view) params.set('view', state.view);
  if (state.status.join(',') !== DEFAULT_STATE.status.join(',')) params.set('status', state.status.join(','));
  if (state.overdue) params.set('overdue', '1');
  if (state.typeIds.length > 0) params.set('type', state.typeIds.join(','));
  if (state.organizationId) params.set('org', state.organizationId);
  if (state.responsibleId) params.set('responsible', state.responsibleId);
  if (state.resultKey) params.set('result', state.resultKey);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.q) params.set('q', state.q);
  if (state.sort !== DEFAULT_STATE.sort) params.set('sort', state.sort);
  return params;
}

/** The API query of a state: a period of days becomes [start of the first day, start of the day after the last). */
export function toQuery(state: TaskListState, timeZone: string): TaskListParams {
  return {
    view: state.view,
    status: state.status.length > 0 ? state.status : undefined,
    overdue: state.overdue || undefined,
    typeId: state.typeIds.length > 0 ? state.typeIds : undefined,
    organizationId: state.organizationId ?? undefined,
    responsibleId: state.responsibleId ?? undefined,
    resultKey: state.resultKey ?? undefined,
    from: state.from ? zonedDayBoundary(state.from, timeZone) : undefined,
    to: state.to ? zonedDayBoundary(addDays(state.to, 1), timeZone) : undefined,
    q: state.q.trim() || undefined,
    sort: state.sort,
  };
}

/** How many filters differ from the default (the view and sort are not filters). */
export function activeFilterCount(state: TaskListState): number {
  return [
    state.status.join(',') !== DEFAULT_STATE.status.join(','),
    state.overdue,
    state.typeIds.length > 0,
    Boolean(state.organizationId),
    Boolean(state.responsibleId),
    Boolean(state.resultKey),
    Boolean(state.from || state.to),
  ].filter(Boolean).length;
}

/** Column sort buttons: "when" flips between earliest and latest first; the others have one order each. */
export const SORT_COLUMNS: Record<string, TaskSort[]> = { when: ['at', '-at'], due: ['due'], priority: ['priority'], created: ['-created'] };

export function sortColumn(sort: TaskSort): { field: string; descending: boolean } {
  for (const [field, sorts] of Object.entries(SORT_COLUMNS)) {
    const i = sorts.indexOf(sort);
    if (i >= 0) return { field, descending: sort.startsWith('-') || field === 'priority' };
  }
  return { field: 'when', descending: false };
}

export function nextSort(current: TaskSort, field: string): TaskSort {
  const sorts = SORT_COLUMNS[field] ?? ['at'];
  const i = sorts.indexOf(current);
  return sorts[(i + 1) % sorts.length] ?? sorts[0]!;
}
