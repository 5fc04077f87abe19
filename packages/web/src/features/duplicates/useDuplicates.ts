import { useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientType, MergeBody } from '@kontakt/shared';
import { clientsApi } from '../client-card/clientsApi';
import { cardKey, linksKey } from '../client-card/useClientCard';
import { duplicatesApi } from './duplicatesApi';
import type { MergeRecord } from './mergeModel';

export const duplicatesKey = ['duplicates'] as const;

export function useDuplicateGroups(type: ClientType) {
  return useInfiniteQuery({
    queryKey: [...duplicatesKey, type],
    queryFn: ({ pageParam }) => duplicatesApi.groups(type, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The full cards of the records to merge, in the order given; shares the card pages' cache. */
export function useMergeRecords(type: ClientType, ids: string[]) {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: cardKey(type, id),
      queryFn: (): Promise<MergeRecord> => (type === 'organization' ? clientsApi.organizations.get(id) : clientsApi.persons.get(id)),
    })),
  });
  const datas = results.map((r) => r.data);
  const error = results.find((r) => r.isError)?.error ?? null;
  const pending = results.some((r) => r.isPending);
  // A stable array while the cards keep their versions, so the merge screen's defaults are not recomputed each render.
  const signature = pending || error ? '' : datas.map((d) => `${d!.id}:${d!.version}`).join();
  const records = useMemo(() => (signature ? (datas as MergeRecord[]) : []), [signature]);
  return { records, pending, error, refetch: () => results.forEach((r) => void r.refetch()) };
}

/** Links of every record, to show what the survivor will carry. */
export function useLinksOf(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: linksKey(id), queryFn: () => clientsApi.links.list(id) })),
  });
}

/** Persons working at each organization being merged (they all move to the survivor). */
export function usePersonsOf(ids: string[], enabled: boolean) {
  return useQuery({
    queryKey: ['persons', 'of-merge', ...ids],
    queryFn: async () => (await Promise.all(ids.map((id) => clientsApi.personsOf(id)))).map((page) => page.items),
    enabled,
  });
}

export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeBody) => duplicatesApi.merge(body),
    onSuccess: () => {
      for (const key of [duplicatesKey, ['organizations'], ['persons'], ['links']]) void client.invalidateQueries({ queryKey: key });
    },
  });
}
