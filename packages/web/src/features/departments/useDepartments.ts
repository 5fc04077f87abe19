import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAll, type CreateDepartmentBody, type UpdateDepartmentBody } from '../../api/client';

export const departmentsKey = ['departments'] as const;

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: () => fetchAll(api.departments.list),
    enabled,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: departmentsKey });
    void client.invalidateQueries({ queryKey: ['users'] });
  };
}

export function useCreateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateDepartmentBody) => api.departments.create(body), onSuccess: invalidate });
}

export function useUpdateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDepartmentBody }) => api.departments.update(id, body),
    onSuccess: invalidate,
  });
}

export function useDeleteDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api.departments.remove(id, version),
    onSuccess: invalidate,
  });
}
