import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyField } from '../../ui/CopyField';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCreateFeed, useFeedStatus, useRevokeFeed } from './useCalendar';

/**
 * The private iCalendar address: made here and shown once (only its hash is kept), pasted into a phone or
 * desktop calendar app, revoked when it leaks or a device is lost.
 */
export function SubscribeDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useFeedStatus(opened);
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const close = () => {
    setUrl(null);
    onClose();
  };
  const exists = status.data?.exists ?? false;

  return (
    <Modal opened={opened} onClose={close} title={t('calendar.feed.title')} size="lg">
      <Stack>
        <Text size="sm">{t('calendar.feed.intro')}</Text>
        {status.isPending ? (
          <LoadingState minHeight={60} />
        ) : status.error ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : url ? (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('calendar.feed.yourAddress')}
            </Text>
            <CopyField value={url} testId="feed-url" />
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              {t('calendar.feed.onlyOnce')}
            </Alert>
            <List size="sm" spacing={4}>
              <List.Item>{t('calendar.feed.howGoogle')}</List.Item>
              <List.Item>{t('calendar.feed.howApple')}</List.Item>
              <List.Item>{t('calendar.feed.howOutlook')}</List.Item>
            </List>
          </Stack>
        ) : exists ? (
          <Text size="sm" data-testid="feed-status">
            {t('calendar.feed.exists', {
              created: fmt.dateTime(status.data.createdAt),
              used: status.data.lastUsedAt ? fmt.dateTime(status.data.lastUsedAt) : t('calendar.feed.neverUsed'),
            })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="feed-status">
            {t('calendar.feed.none')}
          </Text>
        )}
        <Group justify="space-between">
          {exists ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmRevoke(true)} data-testid="feed-revoke">
              {t('calendar.feed.revoke')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={close}>
              {t('calendar.feed.close')}
            </Button>
            <Button
              loading={create.isPending}
              onClick={() => create.mutate(undefined, { onSuccess: (created) => setUrl(created.url), onError: (e) => notifyError(e) })}
              data-testid="feed-create"
            >
              {exists || url ? t('calendar.feed.replace') : t('calendar.feed.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirmRevoke}
        title={t('calendar.feed.revokeTitle')}
        message={t('calendar.feed.revokeText')}
        confirmLabel={t('calendar.feed.revoke')}
        loading={revoke.isPending}
        onClose={() => setConfirmRevoke(false)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setConfirmRevoke(false);
              setUrl(null);
              notifySuccess(t('calendar.feed.revoked'));
            },
            onError: (e) => notifyError(e),
          })
        }
      />
    </Modal>
  );
}
