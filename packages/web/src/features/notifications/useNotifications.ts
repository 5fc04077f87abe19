import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';

export interface NotificationDto {
  id: string;
  /** A stable code the web app translates with `params`, e.g. `client_handoff`. */
  kind: string;
  params: Record<string, unknown>;
  recordType: string | null;
  recordId: string | null;
  actor?: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationsKey = ['notifications'] as const;
export const unreadKey = [...notificationsKey, 'unread'] as const;
export const listKey = [...notificationsKey, 'list'] as const;
/**
 * Without the live stream (a proxy that cuts it, an old browser), the count is polled this often; a focused
 * tab refreshes at once.
 */
const POLL_MS = 30_000;

export const notificationsApi = {
  list: () => http.get<Page<NotificationDto>>('/notifications', { limit: 20 }),
  unreadCount: () => http.get<{ count?: number; total?: number; unread?: number }>('/notifications/unread-count'),
  markRead: (id: string) => http.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => http.post<void>('/notifications/read-all'),
};

/** The unread count: pushed by the live stream while it is up (`live`), polled while it is not. */
export function useUnreadCount(live = false) {
  return useQuery({
    queryKey: unreadKey,
    queryFn: async () => {
      const answer = await notificationsApi.unreadCount();
      return answer.count ?? answer.unread ?? answer.total ?? 0;
    },
    refetchInterval: live ? false : POLL_MS,
    refetchOnWindowFocus: !live,
    retry: false,
  });
}

export function useNotificationList(enabled: boolean) {
  return useQuery({
    queryKey: listKey,
    queryFn: notificationsApi.list,
    enabled,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: notificationsApi.markAllRead,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
}
