import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateTaskBody, TaskDto, TaskTypeDto, UpdateTaskBody } from '@kontakt/shared';
import { tasksApi, type CompleteTaskBody, type ReassignBody, type SeriesScope, type TaskListParams, type TimelineParams } from './tasksApi';

/** Everything about tasks is cached under 'tasks', so one write refreshes lists, timelines, "my day" and cards. */
export const TASKS_KEY = ['tasks'] as const;
export const taskKey = (id: string) => [...TASKS_KEY, 'one', id] as const;
const TYPES_KEY = ['task-types'] as const;
const PAGE_SIZE = 100;

/** After a write: every task view, and the calendar (which caches its own ranges). */
export function refreshTasks(client: QueryClient, written?: TaskDto) {
  if (written) client.setQueryData(taskKey(written.id), written);
  void client.invalidateQueries({
    predicate: (q) => {
      const [head, kind, id] = q.queryKey as unknown[];
      if (head === 'calendar') return true;
      return head === TASKS_KEY[0] && !(written && kind === 'one' && id === written.id);
    },
  });
}

/** All types, switched-off ones too (a task keeps its type); pickers filter the active ones. */
export function useTaskTypes() {
  return useQuery({ queryKey: TYPES_KEY, queryFn: () => tasksApi.types.list(), staleTime: 5 * 60_000 });
}

/** Types by id, to name the type and the result of list items (which carry only a type reference). */
export function useTaskTypeMap(): Map<string, TaskTypeDto> {
  const types = useTaskTypes();
  return new Map((types.data ?? []).map((type) => [type.id, type]));
}

export function useCreateTaskType() {
  const client = useQueryClient();
  return useMutation({ mutationFn: tasksApi.types.create, onSuccess: () => client.invalidateQueries({ queryKey: TYPES_KEY }) });
}

export function useUpdateTaskType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Parameters<typeof tasksApi.types.update>[1] & { id: string }) => tasksApi.types.update(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: TYPES_KEY }),
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: taskKey(id), queryFn: () => tasksApi.get(id), enabled: id !== '' });
}

export function useTaskChildren(parentId: string, enabled = true) {
  return useQuery({ queryKey: [...TASKS_KEY, 'children', parentId], queryFn: () => tasksApi.children(parentId), enabled });
}

export function useTaskList(params: TaskListParams, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [...TASKS_KEY, 'list', params],
    // The total comes with the first page only: later pages need not count again.
    queryFn: ({ pageParam }) => tasksApi.list({ ...params, limit: PAGE_SIZE, cursor: pageParam, withTotal: pageParam === undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(params: TimelineParams, pageSize = 30) {
  return useInfiniteQuery({
    queryKey: [...TASKS_KEY, 'timeline', params],
    queryFn: ({ pageParam }) => tasksApi.timeline({ ...params, limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useMyDay(date?: string) {
  return useQuery({ queryKey: [...TASKS_KEY, 'my-day', date ?? 'today'], queryFn: () => tasksApi.myDay(date), refetchInterval: 60_000 });
}

export function useWorkload(departmentId?: string, enabled = true) {
  return useQuery({ queryKey: [...TASKS_KEY, 'workload', departmentId ?? null], queryFn: () => tasksApi.workload(departmentId), enabled });
}

export function useComments(taskId: string) {
  return useQuery({ queryKey: [...TASKS_KEY, 'comments', taskId], queryFn: () => tasksApi.comments.list(taskId) });
}

export function useAddComment(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; mentionIds?: string[] }) => tasksApi.comments.create(taskId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...TASKS_KEY, 'comments', taskId] }),
  });
}

export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: CreateTaskBody) => tasksApi.create(body), onSuccess: () => refreshTasks(client) });
}

export function useUpdateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateTaskBody }) => tasksApi.update(id, body),
    onSuccess: (task) => refreshTasks(client, task),
  });
}

export function useCompleteTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CompleteTaskBody }) => tasksApi.complete(id, body),
    onSuccess: (task) => refreshTasks(client, task),
  });
}

type TaskAction =
  | { kind: 'accept'; id: string; version: number }
  | { kind: 'check'; id: string; version: number; comment?: string }
  | { kind: 'return'; id: string; version: number; comment: string };

/** The assignment actions: the responsible accepts; the controller accepts the result or returns it. */
export function useTaskAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: TaskAction) => {
      if (action.kind === 'accept') return tasksApi.accept(action.id, action.version);
      if (action.kind === 'check') return tasksApi.check(action.id, action.version, action.comment);
      return tasksApi.returnForRework(action.id, action.version, action.comment);
    },
    onSuccess: (task) => refreshTasks(client, task),
  });
}

export function useDeleteTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, scope, children }: { id: string; scope?: SeriesScope; children?: 'delete' | 'detach' }) => tasksApi.remove(id, { scope, children }),
    onSuccess: () => refreshTasks(client),
  });
}

export function useReassign() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: ReassignBody) => tasksApi.reassign(body), onSuccess: () => refreshTasks(client) });
}
