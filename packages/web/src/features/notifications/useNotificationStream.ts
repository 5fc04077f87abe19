import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from '../../app/session';
import { refreshTasks } from '../tasks/useTasks';
import { listKey, unreadKey, type NotificationDto } from './useNotifications';

const STREAM_URL = '/api/v1/notifications/stream';

/**
 * Keeps one live stream (Server-Sent Events) of the signed-in user's notifications open: the unread count
 * and each new notification arrive as they happen. Answers whether the stream is up, so the count falls
 * back to polling while it is not. The browser reconnects by itself after a network hiccup; a stream the
 * server refused or ended is opened again with back-off.
 */
export function useNotificationStream(onNotification: (n: NotificationDto) => void): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  const handler = useRef(onNotification);
  handler.current = onNotification;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let failures = 0;
    let stopped = false;

    const reconnect = (ms: number) => {
      if (stopped) return;
      window.clearTimeout(retry);
      retry = window.setTimeout(connect, ms);
    };

    function connect() {
      source?.close();
      const next = new EventSource(STREAM_URL);
      source = next;
      next.onopen = () => {
        failures = 0;
        setLive(true);
      };
      next.addEventListener('unread', (event) => {
        const { count } = JSON.parse((event as MessageEvent<string>).data) as { count: number };
        const before = client.getQueryData<number>(unreadKey);
        client.setQueryData(unreadKey, count);
        // Read or new elsewhere (another tab, another device): the open list follows.
        if (before !== undefined && before !== count) void client.invalidateQueries({ queryKey: listKey });
      });
      next.addEventListener('notification', (event) => {
        const notification = JSON.parse((event as MessageEvent<string>).data) as NotificationDto;
        void client.invalidateQueries({ queryKey: listKey });
        // Someone else changed a task of mine (assigned, completed, returned…): my day, lists and the
        // calendar show it now rather than after their next refresh.
        if (notification.recordType === 'task' || notification.kind.startsWith('task')) refreshTasks(client);
        handler.current(notification);
      });
      next.addEventListener('end', (event) => {
        next.close();
        setLive(false);
        const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
        // Signed out elsewhere: asking for the session again leads to the login page.
        if (reason === 'signed_out') void client.invalidateQueries({ queryKey: SESSION_KEY });
        else reconnect(3000);
      });
      next.onerror = () => {
        setLive(false);
        if (next.readyState === EventSource.CLOSED) reconnect(Math.min(60_000, 2000 * 2 ** failures++));
      };
    }

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [client]);

  return live;
}
