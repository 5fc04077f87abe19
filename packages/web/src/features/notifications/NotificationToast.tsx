import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { notificationPath } from './notificationModel';
import type { NotificationDto } from './useNotifications';

interface ToastContent {
  text: string;
  detail: string | null;
  openLabel: string;
  /** Goes to the record (the toast lives outside the router, so navigation is handed in). */
  onOpen: (path: string) => void;
}

/** A pop-up for a notification that just arrived, with a link to its record. */
export function showNotificationToast(n: NotificationDto, { text, detail, openLabel, onOpen }: ToastContent): void {
  const path = notificationPath(n);
  const id = `notification-${n.id}`;
  notifications.show({
    id,
    icon: <IconBell size={18} />,
    color: n.kind === 'task_overdue' ? 'red' : n.kind === 'task_reminder' ? 'orange' : 'blue',
    autoClose: 10_000,
    withCloseButton: true,
    'data-testid': 'notification-toast',
    'data-kind': n.kind,
    message: (
      <Stack gap={4}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {text}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {detail}
          </Text>
        )}
        {path && (
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="left"
            data-testid="notification-toast-open"
            onClick={() => {
              notifications.hide(id);
              onOpen(path);
            }}
          >
            {openLabel}
          </Anchor>
        )}
      </Stack>
    ),
  } as Parameters<typeof notifications.show>[0]);
}
