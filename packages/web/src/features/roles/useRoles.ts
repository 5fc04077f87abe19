import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAll, type CreateRoleBody, type UpdateRoleBody } from '../../api/client';

export const rolesKey = ['roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({ queryKey: [...rolesKey, 'list'], queryFn: () => fetchAll(api.roles.list), enabled });
}

export function useRole(id: string) {
  return useQuery({ queryKey: [...rolesKey, 'one', id], queryFn: () => api.roles.get(id) });
}

export function useCreateRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoleBody) => api.roles.create(body),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  });
}

export function useUpdateRole(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRoleBody) => api.roles.update(id, body),
    onSuccess: (role) => {
      client.setQueryData([...rolesKey, 'one', id], role);
      void client.invalidateQueries({ queryKey: [...rolesKey, 'list'] });
      // The signed-in user's own role may have changed: their permissions come with the session.
      void client.invalidateQueries({ queryKey: ['session'] });
    },
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api.roles.remove(id, version),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  });
}
