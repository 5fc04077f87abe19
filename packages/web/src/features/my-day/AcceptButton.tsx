import { ActionIcon, Button } from '@mantine/core';
import { IconHandFinger } from '@tabler/icons-react';
import type { TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useTaskAction } from '../tasks/useTasks';

/**
 * An assignment given to me and not accepted yet: accepting it from the day's list tells the author I took it.
 * On a phone the row has no room for the word, so the hand alone stands for it.
 */
export function AcceptButton({ task }: { task: TaskListItemDto }) {
  const { t } = useTranslation();
  const action = useTaskAction();
  const accept = () =>
    action.mutate({ kind: 'accept', id: task.id, version: task.version }, { onSuccess: () => notifySuccess(t('tasks.actions.accepted')), onError: (e) => notifyError(e) });
  const label = t('tasks.actions.acceptNamed', { title: task.title });
  return (
    <>
      <Button size="compact-xs" variant="light" leftSection={<IconHandFinger size={14} />} onClick={accept} loading={action.isPending} aria-label={label} visibleFrom="sm" data-testid={`accept-${task.id}`}>
        {t('tasks.actions.checkShort')}
      </Button>
      <ActionIcon variant="light" size="md" onClick={accept} loading={action.isPending} aria-label={label} hiddenFrom="sm">
        <IconHandFinger size={14} />
      </ActionIcon>
    </>
  );
}
