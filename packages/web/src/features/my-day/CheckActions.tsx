import { useState } from 'react';
import { ActionIcon, Button, Group, Popover, Stack, Textarea, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconChecks } from '@tabler/icons-react';
import type { TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useTaskAction } from '../tasks/useTasks';

/** The controller's two answers to a done assignment, right in the list: accept the result, or return it with a reason. */
export function CheckActions({ task }: { task: TaskListItemDto }) {
  const { t } = useTranslation();
  const action = useTaskAction();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const check = () =>
    action.mutate({ kind: 'check', id: task.id, version: task.version }, { onSuccess: () => notifySuccess(t('tasks.actions.checked')), onError: (e) => notifyError(e) });
  const giveBack = () =>
    action.mutate(
      { kind: 'return', id: task.id, version: task.version, comment: reason.trim() },
      {
        onSuccess: () => {
          setReturning(false);
          setReason('');
          notifySuccess(t('tasks.actions.returned'));
        },
        onError: (e) => notifyError(e),
      },
    );
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" color="teal" variant="light" leftSection={<IconChecks size={14} />} onClick={check} loading={action.isPending && !returning} aria-label={t('tasks.actions.checkNamed', { title: task.title })} data-testid={`check-${task.id}`}>
        {t('tasks.actions.checkShort')}
      </Button>
      <Popover opened={returning} onChange={setReturning} position="bottom-end" width={280} trapFocus withinPortal>
        <Popover.Target>
          <Tooltip label={t('tasks.actions.return')}>
            <ActionIcon variant="light" color="orange" size="md" onClick={() => setReturning((o) => !o)} aria-label={t('tasks.actions.returnNamed', { title: task.title })} data-testid={`return-${task.id}`}>
              <IconArrowBackUp size={14} />
            </ActionIcon>
          </Tooltip>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <Textarea label={t('tasks.actions.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
            <Button size="xs" color="orange" disabled={!reason.trim()} onClick={giveBack} loading={action.isPending && returning}>
              {t('tasks.actions.return')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
