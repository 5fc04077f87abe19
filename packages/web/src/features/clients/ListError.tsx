import { Alert, Button, Group, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorTitle } from '../../ui/notify';

/**
 * A list that failed to load. A filter from an old link or a view whose field was since removed is
 * the usual cause, so the server's per-field messages are shown, with a way back to the whole list.
 */
export function ListError({ error, onRetry, onReset }: { error: unknown; onRetry: () => void; onReset?: () => void }) {
  const { t } = useTranslation();
  const details = isApiError(error) ? (error.problem.errors ?? []).map((e) => e.message) : [];
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={errorTitle(error)} role="alert" data-testid="list-error">
      {details.length > 0 && (
        <List size="sm" mb="xs">
          {details.map((d, i) => (
            <List.Item key={i}>{d}</List.Item>
          ))}
        </List>
      )}
      <Group gap="xs">
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          {t('common.retry')}
        </Button>
        {onReset && (
          <Button size="xs" variant="default" onClick={onReset}>
            {t('clients.views.showAll')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
