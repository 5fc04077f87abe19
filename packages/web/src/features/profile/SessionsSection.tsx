import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDevices } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '../../api/client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { Empty, ErrorState, LoadingState } from '../../ui/states';
import { useRevokeSession, useSessions } from './useProfile';

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome 120 · Windows" out of a user-agent string; the raw string stays in the tooltip. */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  let browser: string | null = null;
  for (const [re, name] of BROWSERS) {
    const match = re.exec(ua);
    if (match) {
      browser = `${name} ${match[1] ?? ''}`.trim();
      break;
    }
  }
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  const parts = [browser, os].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : ua.slice(0, 60);
}

export function SessionsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const [ending, setEnding] = useState<SessionDto | null>(null);

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4}>{t('sessions.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('sessions.description')}
      </Text>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <Empty icon={<IconDevices size={28} />} title={t('sessions.empty')} />
      ) : (
        <Stack gap={0}>
          {sessions.data.map((s) => (
            <Group
              key={s.id}
              justify="space-between"
              py="sm"
              wrap="nowrap"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              data-testid={s.current ? 'session-current' : 'session-row'}
            >
              <div style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text size="sm" fw={500} title={s.userAgent ?? undefined}>
                    {describeUserAgent(s.userAgent) ?? t('sessions.unknownDevice')}
                  </Text>
                  {s.current && (
                    <Badge size="sm" variant="light" color="teal">
                      {t('sessions.current')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('sessions.meta', { ip: s.ip ?? '—', created: fmt.dateTime(s.createdAt), seen: fmt.dateTime(s.lastSeenAt) })}
                </Text>
              </div>
              {!s.current && (
                <Button size="xs" variant="light" color="red" onClick={() => setEnding(s)} style={{ flexShrink: 0 }}>
                  {t('sessions.end')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <ConfirmDialog
        opened={ending !== null}
        title={t('sessions.endTitle')}
        message={t('sessions.endConfirm')}
        confirmLabel={t('sessions.end')}
        loading={revoke.isPending}
        onClose={() => setEnding(null)}
        onConfirm={() =>
          ending &&
          revoke.mutate(ending.id, {
            onSuccess: () => notifySuccess(t('sessions.ended')),
            onError: (e) => notifyError(e),
            onSettled: () => setEnding(null),
          })
        }
      />
    </Paper>
  );
}
