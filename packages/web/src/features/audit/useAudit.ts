import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type AuditListQuery } from '../../api/client';

export function useAuditLog(filters: Omit<AuditListQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.audit.list({ ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
