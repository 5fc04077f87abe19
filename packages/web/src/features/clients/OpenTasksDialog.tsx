import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

export type OpenTasksChoice = 'keep' | 'cancel';

/** The server's question when a client to delete still has open tasks (409 `client_has_open_tasks`). */
export function asksAboutOpenTasks(error: unknown): string | null {
  return error instanceof ApiError && error.code === 'client_has_open_tasks' ? (error.problem.detail ?? error.message) : null;
}

interface OpenTasksDialogProps {
  /** The server's wording (with the count), or null while closed. */
  question: string | null;
  loading?: boolean;
  onChoose: (choice: OpenTasksChoice) => void;
  onClose: () => void;
}

/**
 * Deleting a client never silently orphans its planned calls and meetings: the user decides whether they stay
 * (showing the client as deleted) or are cancelled with it.
 */
export function OpenTasksDialog({ question, loading, onChoose, onClose }: OpenTasksDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={question !== null} onClose={onClose} title={t('clients.openTasks.title')} centered>
      <Stack>
        <Text size="sm">{question}</Text>
        <Text size="xs" c="dimmed">
          {t('clients.openTasks.hint')}
        </Text>
        <Group justify="flex-end" wrap="wrap">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t('common.cancel')}
          </Button>
          <Button variant="light" onClick={() => onChoose('keep')} loading={loading} data-testid="open-tasks-keep">
            {t('clients.openTasks.keep')}
          </Button>
          <Button color="red" onClick={() => onChoose('cancel')} loading={loading} data-testid="open-tasks-cancel">
            {t('clients.openTasks.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
