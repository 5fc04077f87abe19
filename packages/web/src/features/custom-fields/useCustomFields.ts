import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientType, CreateCustomFieldInput, UpdateCustomFieldInput } from '@kontakt/shared';
import { customFieldsApi } from './customFieldsApi';

/** Active definitions share their key with the list pages (columns, filters): one fetch serves both. */
export const customFieldsKey = (type: ClientType) => ['custom-fields', type] as const;

export function useCustomFieldDefs(type: ClientType) {
  return useQuery({ queryKey: customFieldsKey(type), queryFn: () => customFieldsApi.list(type), staleTime: 60_000 });
}

/** The settings screen also shows deactivated fields, so they can be switched back on. */
export function useAllCustomFieldDefs(type: ClientType) {
  return useQuery({ queryKey: [...customFieldsKey(type), 'all'], queryFn: () => customFieldsApi.list(type, true) });
}

export function useCustomFieldMutations() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: ['custom-fields'] });
  return {
    create: useMutation({ mutationFn: (body: CreateCustomFieldInput) => customFieldsApi.create(body), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateCustomFieldInput }) => customFieldsApi.update(id, body),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) => customFieldsApi.remove(id),
      onSuccess: done,
    }),
  };
}
