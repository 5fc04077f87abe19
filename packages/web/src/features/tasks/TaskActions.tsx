import { useState } from 'react';
import { Button, Group, Menu, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconChecks,
  IconDots,
  IconHandFinger,
  IconPencil,
  IconPlayerPlay,
  IconRotateClockwise,
  IconSubtask,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import type { TaskDto, TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { notifyError, notifySuccess } from '../../ui/notify';
import { CompleteDialog } from './CompleteTask';
import { useOpenChildren } from './OpenChildren';
import { TaskFormModal } from './TaskFormModal';
import { isOpen } from './taskModel';
import type { SeriesScope } from './tasksApi';
import { useDeleteTask, useTaskAction, useUpdateTask } from './useTasks';

/** Who the signed-in user is to this task: what they may do with it follows from that. */
export function rolesOf(task: TaskListItemDto, me: string) {
  const participant = task.participants.find((p) => p.id === me);
  return {
    responsible: task.responsible.id === me,
    controller: task.controller?.id === me,
    // An assignment is accepted by whoever it was given to (the responsible, or a participant), not by its author.
    mustAccept:
      isOpen(task) &&
      ((task.responsible.id === me && !task.acceptedAt && task.author?.id !== me) || (participant !== undefined && !participant.acceptedAt)),
    mustCheck: task.controller?.id === me && task.status === 'done' && !task.checkedAt,
  };
}

function ReturnDialog({ task, opened, onClose }: { task: TaskDto; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useTaskAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!reason.trim()) {
      setError(t('tasks.actions.reasonRequired'));
      return;
    }
    action.mutate(
      { kind: 'return', id: task.id, version: task.version, comment: reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('tasks.actions.returned'));
          setReason('');
          onClose();
        },
        onError: (e) => notifyError(e),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.actions.returnTitle')} centered>
      <Stack gap="sm">
        <Textarea
          label={t('tasks.actions.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          autosize
          minRows={3}
          required
          data-autofocus
          data-testid="return-reason"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" onClick={submit} loading={action.isPending} data-testid="return-submit">
            {t('tasks.actions.return')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeleteDialog({ task, opened, onClose }: { task: TaskDto; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteTask();
  const [scope, setScope] = useState<SeriesScope>('one');
  const [children, setChildren] = useState<'delete' | 'detach'>('detach');
  const hasChildren = task.progress.total > 0;
  const submit = () =>
    remove.mutate(
      { id: task.id, scope: task.seriesId ? scope : undefined, children: hasChildren ? children : undefined },
      {
        onSuccess: () => {
          notifySuccess(t('tasks.actions.deleted', { title: task.title }));
          onClose();
          void navigate(task.parentId ? `/tasks/${task.parentId}` : '/tasks');
        },
        onError: (e) => notifyError(e),
      },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.actions.deleteTitle')} centered>
      <Stack gap="sm">
        <Text size="sm">{t('tasks.actions.deleteConfirm', { title: task.title })}</Text>
        {task.seriesId && (
          <Radio.Group label={t('tasks.series.scope')} value={scope} onChange={(s) => setScope(s as SeriesScope)}>
            <Stack gap={6} mt={6}>
              <Radio value="one" label={t('tasks.series.deleteOne')} />
              <Radio value="following" label={t('tasks.series.deleteFollowing')} data-testid="delete-following" />
            </Stack>
          </Radio.Group>
        )}
        {hasChildren && (
          <Radio.Group label={t('tasks.actions.childrenQuestion', { count: task.progress.total })} value={children} onChange={(c) => setChildren(c as 'delete' | 'detach')}>
            <Stack gap={6} mt={6}>
              <Radio value="detach" label={t('tasks.actions.childrenDetach')} />
              <Radio value="delete" label={t('tasks.actions.childrenDelete')} />
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={submit} loading={remove.isPending} data-testid="delete-submit">
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * What can be done with the task now: start, complete with a result, cancel, reopen; accept an assignment;
 * as controller accept the result or return it for rework; edit everything at once; delete.
 */
export function TaskActions({ task, onEdit }: { task: TaskDto; onEdit: () => void }) {
  const { t } = useTranslation();
  const me = useSession().user.id;
  const roles = rolesOf(task, me);
  const update = useUpdateTask();
  const action = useTaskAction();
  const openChildren = useOpenChildren();
  const [dialog, setDialog] = useState<'complete' | 'return' | 'delete' | 'child' | null>(null);
  const open = isOpen(task);

  const setStatus = (status: TaskDto['status'], message: string) =>
    void openChildren
      .run('close', (choice) => update.mutateAsync({ id: task.id, body: { status, version: task.version, scope: task.seriesId ? 'one' : undefined, openChildren: choice } }))
      .then((saved) => saved && notifySuccess(message))
      .catch((e) => notifyError(e));
  const run = (kind: 'accept' | 'check', message: string) =>
    action.mutate({ kind, id: task.id, version: task.version }, { onSuccess: () => notifySuccess(message), onError: (e) => notifyError(e) });

  return (
    <Group gap="xs" wrap="wrap" data-testid="task-actions">
      {roles.mustAccept && (
        <Button color="blue" leftSection={<IconHandFinger size={16} />} onClick={() => run('accept', t('tasks.actions.accepted'))} loading={action.isPending} data-testid="task-accept">
          {t('tasks.actions.accept')}
        </Button>
      )}
      {roles.mustCheck && (
        <>
          <Button color="teal" leftSection={<IconChecks size={16} />} onClick={() => run('check', t('tasks.actions.checked'))} loading={action.isPending} data-testid="task-check">
            {t('tasks.actions.check')}
          </Button>
          <Button color="orange" variant="light" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('return')} data-testid="task-return">
            {t('tasks.actions.return')}
          </Button>
        </>
      )}
      {task.canEdit && open && (
        <Button color="teal" leftSection={<IconCheck size={16} />} onClick={() => setDialog('complete')} data-testid="task-complete">
          {t('tasks.actions.complete')}
        </Button>
      )}
      {task.canEdit && task.status === 'planned' && (
        <Button variant="light" leftSection={<IconPlayerPlay size={16} />} onClick={() => setStatus('in_progress', t('tasks.actions.started'))} loading={update.isPending} data-testid="task-start">
          {t('tasks.actions.start')}
        </Button>
      )}
      {task.canEdit && !open && (
        <Button variant="light" leftSection={<IconRotateClockwise size={16} />} onClick={() => setStatus('planned', t('tasks.actions.reopened'))} loading={update.isPending} data-testid="task-reopen">
          {t('tasks.actions.reopen')}
        </Button>
      )}
      {task.canEdit && (
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="task-edit">
          {t('tasks.actions.edit')}
        </Button>
      )}
      {task.canEdit && (
        <Menu withinPortal position="bottom-end">
          <Menu.Target>
            <Button variant="default" px="xs" aria-label={t('tasks.actions.more')} data-testid="task-more">
              <IconDots size={18} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {open && (
              <Menu.Item leftSection={<IconX size={16} />} onClick={() => setStatus('cancelled', t('tasks.actions.cancelled'))} data-testid="task-cancel">
                {t('tasks.actions.cancel')}
              </Menu.Item>
            )}
            {task.depth < 2 && (
              <Menu.Item leftSection={<IconSubtask size={16} />} onClick={() => setDialog('child')} data-testid="task-add-child">
                {t('tasks.actions.addChild')}
              </Menu.Item>
            )}
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog('delete')} data-testid="task-delete">
              {t('common.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <CompleteDialog task={task} opened={dialog === 'complete'} onClose={() => setDialog(null)} />
      <ReturnDialog task={task} opened={dialog === 'return'} onClose={() => setDialog(null)} />
      <DeleteDialog task={task} opened={dialog === 'delete'} onClose={() => setDialog(null)} />
      <TaskFormModal
        opened={dialog === 'child'}
        onClose={() => setDialog(null)}
        preset={{ parent: { id: task.id, name: task.title }, organization: task.organization, person: task.person }}
      />
      {openChildren.dialog}
    </Group>
  );
}
