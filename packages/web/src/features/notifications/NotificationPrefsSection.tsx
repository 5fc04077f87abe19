import { Alert, Checkbox, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { notifyError } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { useNotificationPrefs, useSaveNotificationPref } from './useNotificationSettings';

const CHANNELS = ['inApp', 'email'] as const;

/** Profile: for each kind of notification, whether it reaches me in the app and by email. Saved on each click. */
export function NotificationPrefsSection() {
  const { t } = useTranslation();
  const { user } = useSession();
  const prefs = useNotificationPrefs();
  const save = useSaveNotificationPref();

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="notification-prefs">
      <Stack>
        <div>
          <Title order={4}>{t('notifications.prefs.title')}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('notifications.prefs.description', { email: user.email })}
          </Text>
        </div>
        {prefs.isPending ? (
          <LoadingState />
        ) : prefs.isError ? (
          <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
        ) : (
          <>
            {!prefs.data.emailAvailable && (
              <Alert color="gray" icon={<IconMailOff size={18} />} data-testid="notification-prefs-no-mail">
                {t('notifications.prefs.emailUnavailable')}
              </Alert>
            )}
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('notifications.prefs.event')}</Table.Th>
                  <Table.Th w={88} ta="center" fz="xs">
                    {t('notifications.prefs.inApp')}
                  </Table.Th>
                  <Table.Th w={88} ta="center" fz="xs">
                    {t('notifications.prefs.email')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {prefs.data.events.map((pref) => {
                  const label = t(`notifications.prefs.events.${pref.kind}`);
                  const change = (next: typeof pref) => save.mutate(next, { onError: (e) => notifyError(e) });
                  return (
                    <Table.Tr key={pref.kind} data-testid={`notification-pref-${pref.kind}`}>
                      <Table.Td>
                        <Text size="sm">{label}</Text>
                      </Table.Td>
                      {CHANNELS.map((channel) => (
                        <Table.Td key={channel}>
                          <Checkbox
                            mx="auto"
                            w="fit-content"
                            checked={pref[channel]}
                            onChange={(e) => change({ ...pref, [channel]: e.currentTarget.checked })}
                            aria-label={`${label}: ${t(`notifications.prefs.${channel}`)}`}
                            data-testid={`notification-pref-${pref.kind}-${channel}`}
                          />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}
