import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkActionBody, ClientType, ViewDefinition } from '@kontakt/shared';
import { clientsApi, CLIENT_PATH, type ClientListItem, type ClientListParams, type SavedView } from './clientsApi';

/** Everything cached for one client type starts with its path, so a change invalidates lists, counts and cards. */
export const clientKey = (type: ClientType) => [CLIENT_PATH[type]] as const;
const PAGE_SIZE = 100;

export function useClientList<T extends ClientListItem>(type: ClientType, params: ClientListParams, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [...clientKey(type), 'list', params],
    queryFn: ({ pageParam }) => clientsApi.list<T>(type, { ...params, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The total is a separate, slower query: the first page shows without waiting for it. */
export function useClientCount(type: ClientType, params: ClientListParams, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...clientKey(type), 'count', { filter: params.filter, q: params.q }],
    queryFn: () => clientsApi.count(type, params),
    placeholderData: keepPreviousData,
  });
}

export function useBulkAction(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkActionBody) => clientsApi.bulk(type, body),
    onSuccess: () => client.invalidateQueries({ queryKey: clientKey(type) }),
  });
}

export function useCustomFields(type: ClientType) {
  return useQuery({ queryKey: ['custom-fields', type], queryFn: () => clientsApi.customFields(type), staleTime: 60_000 });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups'], queryFn: () => clientsApi.groups(), staleTime: 30_000 });
}

const viewsKey = (type: ClientType) => ['views', type] as const;

export function useSavedViews(type: ClientType) {
  return useQuery({ queryKey: viewsKey(type), queryFn: () => clientsApi.views(type), staleTime: 30_000 });
}

export function useCreateView(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; shared: boolean; definition: ViewDefinition }) =>
      clientsApi.createView({ objectType: type, ...body }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey(type) }),
  });
}

export function useUpdateView(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ view, definition }: { view: SavedView; definition: ViewDefinition }) =>
      clientsApi.updateView(view.id, { definition, version: view.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey(type) }),
  });
}

export function useDeleteView(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => clientsApi.deleteView(id),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey(type) }),
  });
}

/** Names of records behind ids (a filter from a link or a saved view holds only ids). */
export function useRecordName(type: ClientType | 'user', id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['record-name', type, id],
    queryFn: () => clientsApi.recordName(type, id),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
