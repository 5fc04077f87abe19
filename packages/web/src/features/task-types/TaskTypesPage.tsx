import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TaskTypeDto } from '@kontakt/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { resultLabel, typeLabel } from '../tasks/taskModel';
import { tasksApi } from '../tasks/tasksApi';
import { TaskTypeIcon } from '../tasks/TaskTypeIcon';
import { useTaskTypes, useUpdateTaskType } from '../tasks/useTasks';
import { TaskTypeForm } from './TaskTypeForm';
import { reorder } from './taskTypeModel';

function TypeRow({ type, index, count, editable, onEdit, onMove, onDelete }: { type: TaskTypeDto; index: number; count: number; editable: boolean; onEdit: () => void; onMove: (by: -1 | 1) => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateTaskType();
  const name = typeLabel(type, t);
  const toggle = () =>
    update.mutate(
      { id: type.id, active: !type.active, version: type.version },
      {
        onSuccess: () => notifySuccess(type.active ? t('taskTypes.deactivated', { name }) : t('taskTypes.activated', { name })),
        onError: (e) => notifyError(e),
      },
    );
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`type-row-${type.key ?? type.id}`} style={{ opacity: type.active ? 1 : 0.6 }}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {editable && <Stack gap={0}>
          <ActionIcon variant="subtle" size="sm" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('taskTypes.moveTypeUp', { name })}>
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" size="sm" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('taskTypes.moveTypeDown', { name })}>
            <IconArrowDown size={14} />
          </ActionIcon>
        </Stack>}
        <TaskTypeIcon type={type} size={36} />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600}>{name}</Text>
            {type.key && (
              <Badge size="xs" variant="outline" color="gray">
                {t('taskTypes.builtIn')}
              </Badge>
            )}
            {type.isContact && (
              <Badge size="xs" variant="light" color="teal">
                {t('taskTypes.contact')}
              </Badge>
            )}
            {!type.active && (
              <Badge size="xs" variant="filled" color="gray">
                {t('taskTypes.inactive')}
              </Badge>
            )}
          </Group>
          <Group gap={4}>
            {type.results.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('taskTypes.noResults')}
              </Text>
            ) : (
              type.results.map((r) => (
                <Badge key={r.key} size="sm" variant="default" tt="none" fw={400}>
                  {resultLabel(r.key, type, t)}
                </Badge>
              ))
            )}
          </Group>
        </Stack>
        {editable && <Group gap={4} wrap="nowrap">
          <Tooltip label={type.active ? t('taskTypes.active') : t('taskTypes.inactive')}>
            <Switch checked={type.active} onChange={toggle} disabled={update.isPending} aria-label={t('taskTypes.activeNamed', { name })} data-testid={`type-active-${type.key ?? type.id}`} />
          </Tooltip>
          <ActionIcon variant="subtle" onClick={onEdit} aria-label={t('taskTypes.editNamed', { name })} data-testid={`type-edit-${type.key ?? type.id}`}>
            <IconPencil size={18} />
          </ActionIcon>
          {!type.key && (
            <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('taskTypes.deleteNamed', { name })} data-testid={`type-delete-${type.id}`}>
              <IconTrash size={18} />
            </ActionIcon>
          )}
        </Group>}
      </Group>
    </Paper>
  );
}

/** Administrators configure the types of tasks: names, icons, colours, results, order, and switch types off. */
export default function TaskTypesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canEdit = useCan('task_type', 'edit');
  const types = useTaskTypes();
  const [editing, setEditing] = useState<TaskTypeDto | null | 'new'>(null);
  const [deleting, setDeleting] = useState<TaskTypeDto | null>(null);
  const [busy, setBusy] = useState(false);
  if (types.isPending) return <LoadingState />;
  if (types.isError) return <ErrorState error={types.error} onRetry={() => void types.refetch()} />;
  const list = [...types.data].sort((a, b) => a.position - b.position);

  const move = async (id: string, by: -1 | 1) => {
    const positions = reorder(list, id, by);
    const changed = positions.filter((p) => list.find((x) => x.id === p.id)?.position !== p.position);
    setBusy(true);
    try {
      for (const p of changed) {
        const type = list.find((x) => x.id === p.id)!;
        await tasksApi.types.update(type.id, { position: p.position, version: type.version });
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: ['task-types'] });
    }
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      const answer = await tasksApi.types.remove(deleting.id);
      notifySuccess(answer?.outcome === 'deactivated' ? t('taskTypes.deactivatedInstead', { name: typeLabel(deleting, t) }) : t('taskTypes.deleted', { name: typeLabel(deleting, t) }));
      setDeleting(null);
    } catch (error) {
      notifyError(error);
    } finally {
      void client.invalidateQueries({ queryKey: ['task-types'] });
    }
  };

  return (
    <>
      <PageHeader
        title={t('taskTypes.title')}
        description={t('taskTypes.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid="type-create">
              {t('taskTypes.create')}
            </Button>
          )
        }
      />
      <Stack gap="xs" style={{ pointerEvents: busy ? 'none' : undefined }} aria-busy={busy}>
        {list.map((type, i) => (
          <TypeRow key={type.id} type={type} index={i} count={list.length} editable={canEdit} onEdit={() => setEditing(type)} onMove={(by) => void move(type.id, by)} onDelete={() => setDeleting(type)} />
        ))}
      </Stack>
      {editing && <TaskTypeForm type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('taskTypes.deleteTitle')}
        message={t('taskTypes.deleteConfirm', { name: deleting ? typeLabel(deleting, t) : '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
