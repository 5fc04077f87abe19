import type { SearchResult } from '@kontakt/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../../api/client';

export const searchApi = {
  search: (q: string, limit = 8) => http.get<SearchResult>('/search', { q, limit }),
};

/** Results of the global search; an empty query asks nothing. */
export function useGlobalSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: () => searchApi.search(q),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
