/**
 * Endpoints of the history of relations: task types, tasks and their actions, comments, lists and export,
 * a client's timeline, "my day", the workload of employees and reassignment. Shapes are the shared contract
 * (packages/shared/src/schemas/tasks.ts).
 */
import type { z } from 'zod';
import type {
  CreateTaskBody,
  MyDayDto,
  TaskDto,
  TaskListItemDto,
  TaskTypeDto,
  UpdateTaskBody,
  completeTaskBodySchema,
  createTaskTypeBodySchema,
  reassignTasksBodySchema,
  taskCommentSchema,
  updateTaskTypeBodySchema,
  workloadRowSchema,
} from '@kontakt/shared';
import { apiUrl, http, type Page, type Query } from '../../api/client';

const enc = encodeURIComponent;

export type CreateTaskTypeBody = z.input<typeof createTaskTypeBodySchema>;
export type UpdateTaskTypeBody = z.input<typeof updateTaskTypeBodySchema>;
export type CompleteTaskBody = z.input<typeof completeTaskBodySchema>;
export type ReassignBody = z.input<typeof reassignTasksBodySchema>;
export type TaskComment = z.infer<typeof taskCommentSchema>;
export type WorkloadRow = z.infer<typeof workloadRowSchema>;
export type OpenChildrenAction = 'complete' | 'cancel' | 'keep' | 'shift';
export type SeriesScope = 'one' | 'following';

/** Filters of the task list (and of its export), as the URL keeps them. */
export interface TaskListParams {
  view?: string;
  status?: string[];
  open?: boolean;
  overdue?: boolean;
  typeId?: string[];
  organizationId?: string;
  personId?: string;
  responsibleId?: string;
  resultKey?: string;
  parentId?: string;
  from?: string;
  to?: string;
  q?: string;
  sort?: string;
}

export interface TimelineParams {
  organizationId?: string;
  personId?: string;
  section: 'planned' | 'past';
  typeId?: string[];
  userId?: string;
  resultKey?: string;
  from?: string;
  to?: string;
}

const asQuery = (params: object): Query => params as Query;

export const tasksApi = {
  types: {
    /** Every type, switched-off ones too (old tasks keep them); pickers offer only active ones. */
    list: () => http.get<{ items: TaskTypeDto[] }>('/task-types').then((r) => r.items),
    create: (body: CreateTaskTypeBody) => http.post<TaskTypeDto>('/task-types', body),
    update: (id: string, body: UpdateTaskTypeBody) => http.patch<TaskTypeDto>(`/task-types/${enc(id)}`, body),
    /** A type nobody used is deleted; a used or built-in one is switched off instead. */
    remove: (id: string) => http.del(`/task-types/${enc(id)}`) as Promise<unknown> as Promise<{ outcome: 'deleted' | 'deactivated' } | undefined>,
  },
  get: (id: string) => http.get<TaskDto>(`/tasks/${enc(id)}`),
  /** Answers the first task made; `createdIds` lists all (one per assignee, every occurrence of a series). */
  create: (body: CreateTaskBody) => http.post<TaskDto & { createdIds?: string[] }>('/tasks', body),
  update: (id: string, body: UpdateTaskBody) => http.patch<TaskDto>(`/tasks/${enc(id)}`, body),
  remove: (id: string, query: { scope?: SeriesScope; children?: 'delete' | 'detach' } = {}) => http.del(`/tasks/${enc(id)}`, query),
  complete: (id: string, body: CompleteTaskBody) => http.post<TaskDto>(`/tasks/${enc(id)}/complete`, body),
  accept: (id: string, version: number) => http.post<TaskDto>(`/tasks/${enc(id)}/accept`, { version }),
  /** The controller accepts the result. */
  check: (id: string, version: number, comment?: string) => http.post<TaskDto>(`/tasks/${enc(id)}/check`, { version, comment }),
  /** The controller returns a done task for rework, with the reason. */
  returnForRework: (id: string, version: number, comment: string) => http.post<TaskDto>(`/tasks/${enc(id)}/return`, { version, comment }),
  list: (params: TaskListParams & { limit: number; cursor?: string; withTotal?: boolean }) =>
    http.get<Page<TaskListItemDto>>('/tasks', asQuery(params)),
  exportUrl: (format: 'csv' | 'xlsx', params: TaskListParams) => apiUrl('/tasks/export', asQuery({ ...params, format })),
  children: (parentId: string) => http.get<Page<TaskListItemDto>>('/tasks', { parentId, limit: 200, sort: 'at' }),
  comments: {
    list: (taskId: string) => http.get<{ items: TaskComment[] }>(`/tasks/${enc(taskId)}/comments`).then((r) => r.items),
    create: (taskId: string, body: { body: string; mentionIds?: string[] }) => http.post<TaskComment>(`/tasks/${enc(taskId)}/comments`, body),
  },
  timeline: (params: TimelineParams & { limit: number; cursor?: string }) => http.get<Page<TaskListItemDto>>('/timeline', asQuery(params)),
  myDay: (date?: string) => http.get<MyDayDto>('/my-day', { date }),
  workload: (departmentId?: string) => http.get<{ items: WorkloadRow[] }>('/tasks/workload', { departmentId }).then((r) => r.items),
  reassign: (body: ReassignBody) => http.post<{ reassigned: number }>('/tasks/reassign', body),
};

