import { Badge, Group, Paper, Stack, Text, Timeline } from '@mantine/core';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { Empty, ErrorState, LoadingState } from '../../ui/states';
import { HistoryChanges } from './HistoryChanges';
import { useHistory } from './useClientCard';

const ACTION_COLORS: Record<string, string> = { create: 'teal', delete: 'red', restore: 'blue', merge: 'grape', handoff: 'orange', import: 'cyan' };

/** The card's history from the audit log: who changed what, with the values before and after. */
export function HistoryTab({ type, id }: { type: ClientType; id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const history = useHistory(type, id, true);
  if (history.isPending) return <LoadingState />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty title={t('clientCard.history.empty')} />;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} data-testid="history">
      <Timeline bulletSize={14} lineWidth={2}>
        {history.data.map((entry) => (
          <Timeline.Item
            key={entry.id}
            color={ACTION_COLORS[entry.action] ?? 'gray'}
            title={
              <Group gap="xs" wrap="wrap">
                <Badge size="sm" variant="light" color={ACTION_COLORS[entry.action] ?? 'gray'}>
                  {t(`auditActions.${entry.action}`, { defaultValue: entry.action })}
                </Badge>
                <Text size="sm" fw={500}>
                  {entry.actor?.name ?? t('audit.system')}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.dateTime(entry.at)}
                </Text>
              </Group>
            }
            data-testid="history-entry"
          >
            <Stack gap={2} mt={4}>
              {entry.objectType !== type && entry.objectLabel && (
                <Text size="xs" c="dimmed">
                  {t(`objects.${entry.objectType}`, { defaultValue: entry.objectType })}: {entry.objectLabel}
                </Text>
              )}
              <HistoryChanges entry={entry} type={type} />
            </Stack>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
