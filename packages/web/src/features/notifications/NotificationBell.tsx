import { useCallback } from 'react';
import { ActionIcon, Box, Button, Group, Indicator, Popover, ScrollArea, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconBellOff, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../ui/format';
import { ErrorState } from '../../ui/states';
import { notifyError } from '../../ui/notify';
import { notificationDetail, notificationMessage, notificationPath, relativeTime } from './notificationModel';
import { showNotificationToast } from './NotificationToast';
import { useMessageFormat } from './useMessageFormat';
import { useNotificationStream } from './useNotificationStream';
import { useMarkAllRead, useMarkRead, useNotificationList, useUnreadCount, type NotificationDto } from './useNotifications';

/**
 * The header's bell: the unread count, live from the server's notification stream (polled while the stream
 * is down), a toast for each new notification, and a list of recent ones that lead to their records.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const format = useMessageFormat();
  const onNotification = useCallback(
    (n: NotificationDto) => {
      const message = notificationMessage(n, format);
      showNotificationToast(n, {
        text: t(message.key, message.values),
        detail: notificationDetail(n, format),
        openLabel: t('notifications.open'),
        onOpen: (path) => {
          markRead.mutate(n.id);
          void navigate(path);
        },
      });
    },
    [format, markRead, navigate, t],
  );
  const live = useNotificationStream(onNotification);
  const unread = useUnreadCount(live);
  const count = unread.data ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" width={360} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Indicator label={count > 99 ? '99+' : count} size={16} offset={4} disabled={count === 0} color="red" inline>
          <ActionIcon variant="default" size="lg" onClick={toggle} aria-label={label} aria-expanded={opened} aria-haspopup="dialog" data-testid="notification-bell" data-unread={count} data-live={live}>
            <IconBell size={18} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label={t('notifications.title')} maw="calc(100vw - 16px)">
        {opened && <NotificationList unread={count} live={live} onNavigate={close} />}
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationList({ unread, live, onNavigate }: { unread: number; live: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  const list = useNotificationList(true);
  const markAll = useMarkAllRead();
  const items = list.data?.items ?? [];

  return (
    <Box>
      <Group justify="space-between" px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text fw={600} size="sm">
          {t('notifications.title')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconChecks size={14} />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: (e) => notifyError(e) })}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={420} type="auto">
        {list.isPending ? (
          <Stack p="md" gap="sm">
            <Skeleton height={36} />
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        ) : list.isError ? (
          <Box p="sm">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </Box>
        ) : items.length === 0 ? (
          <Stack align="center" gap={4} p="lg">
            <IconBellOff size={24} style={{ opacity: 0.5 }} />
            <Text size="sm" c="dimmed">
              {t('notifications.empty')}
            </Text>
          </Stack>
        ) : (
          <Stack gap={0} role="list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onNavigate={onNavigate} />
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
      {!live && (
        <Text size="xs" c="dimmed" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="notifications-polling">
          {t('notifications.liveOff')}
        </Text>
      )}
    </Box>
  );
}

function NotificationItem({ notification: n, onNavigate }: { notification: NotificationDto; onNavigate: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const format = useMessageFormat();
  const path = notificationPath(n);
  const message = notificationMessage(n, format);
  const detail = notificationDetail(n, format);
  const unread = n.readAt === null;

  const open = () => {
    if (unread) markRead.mutate(n.id);
    onNavigate();
    if (path) void navigate(path);
  };

  return (
    <Group
      role="listitem"
      wrap="nowrap"
      align="flex-start"
      gap="xs"
      px="md"
      py="sm"
      data-testid="notification-item"
      data-kind={n.kind}
      data-unread={unread}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', background: unread ? 'var(--mantine-primary-color-light)' : undefined }}
    >
      <Box w={8} h={8} mt={6} style={{ borderRadius: 4, flexShrink: 0, background: unread ? 'var(--mantine-color-blue-6)' : 'transparent' }} aria-hidden />
      <UnstyledButton onClick={open} style={{ flex: 1, minWidth: 0 }} aria-label={t(message.key, message.values)}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t(message.key, message.values)}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {detail}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={fmt.dateTime(n.createdAt)}>
          {relativeTime(n.createdAt, fmt.locale)}
        </Text>
      </UnstyledButton>
      {unread && (
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => markRead.mutate(n.id, { onError: (e) => notifyError(e) })} data-testid="notification-read">
          {t('notifications.markRead')}
        </Button>
      )}
    </Group>
  );
}
