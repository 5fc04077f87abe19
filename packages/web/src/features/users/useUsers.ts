import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type CreateUserBody, type UpdateUserBody, type UserListQuery } from '../../api/client';

export const usersKey = ['users'] as const;

export function useUserList(filters: Omit<UserListQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'list', filters],
    queryFn: ({ pageParam }) => api.users.list({ ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Users for pickers (head, manager, audit actor): a server-side search, first 20 matches. */
export function useUserOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'options', q],
    queryFn: () => api.users.list({ q: q || undefined, limit: 20, sort: 'name', active: true }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: [...usersKey, 'one', id], queryFn: () => api.users.get(id) });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.users.create(body),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.users.update(id, body),
    onSuccess: (user) => {
      client.setQueryData([...usersKey, 'one', id], user);
      void client.invalidateQueries({ queryKey: [...usersKey, 'list'] });
      void client.invalidateQueries({ queryKey: [...usersKey, 'options'] });
      // Head and user counts on departments and roles depend on users.
      void client.invalidateQueries({ queryKey: ['departments'] });
      void client.invalidateQueries({ queryKey: ['roles'] });
    },
  });
}

export function useResetPassword(id: string) {
  return useMutation({ mutationFn: (password: string) => api.users.resetPassword(id, password) });
}
