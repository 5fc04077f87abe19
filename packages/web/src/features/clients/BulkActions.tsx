import { useState } from 'react';
import { Button, Group, Menu, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconTag, IconTagOff, IconTrash, IconUserShare, IconX, IconCategory } from '@tabler/icons-react';
import { ORGANIZATION_KINDS, type BulkActionBody, type ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormActions } from '../../ui/FormActions';
import { notifyError, notifySuccess } from '../../ui/notify';
import { UserPicker } from '../users/UserPicker';
import { useBulkAction, useGroups } from './useClients';
import { asksAboutOpenTasks, OpenTasksDialog } from './OpenTasksDialog';

type Dialog = 'responsible' | 'addToGroup' | 'removeFromGroup' | 'delete' | null;

interface BulkActionsProps {
  type: ClientType;
  ids: string[];
  onDone: () => void;
}

/** What can be done to the selected rows at once; each action is one request and one audit entry per record. */
export function BulkActions({ type, ids, onDone }: BulkActionsProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openTasksQuestion, setOpenTasksQuestion] = useState<string | null>(null);
  const bulk = useBulkAction(type);
  const canEdit = useCan(type, 'edit');
  const canDelete = useCan(type, 'delete');

  const run = (body: BulkActionBody) =>
    bulk.mutate(body, {
      onSuccess: (result) => {
        const affected = result?.affected ?? ids.length;
        notifySuccess(affected > 0 ? t('clients.bulk.done', { count: affected }) : t('clients.bulk.doneNone'));
        setDialog(null);
        setOpenTasksQuestion(null);
        onDone();
      },
      onError: (e) => {
        const question = asksAboutOpenTasks(e);
        setDialog(null);
        setOpenTasksQuestion(question);
        if (!question) notifyError(e);
      },
    });

  return (
    <Paper withBorder radius="md" p="xs" mb="sm" bg="var(--mantine-primary-color-light)" role="region" aria-label={t('clients.bulk.label')} data-testid="bulk-bar">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} px="xs" data-testid="bulk-count">
          {t('clients.bulk.selected', { count: ids.length })}
        </Text>
        {canEdit && (
          <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => setDialog('responsible')} data-testid="bulk-responsible">
            {t('clients.bulk.responsible')}
          </Button>
        )}
        {canEdit && (
          <Menu withinPortal position="bottom-start">
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconTag size={14} />} rightSection={<IconChevronDown size={12} />} data-testid="bulk-groups">
                {t('clients.bulk.groups')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconTag size={14} />} onClick={() => setDialog('addToGroup')} data-testid="bulk-add-group">
                {t('clients.bulk.addToGroup')}
              </Menu.Item>
              <Menu.Item leftSection={<IconTagOff size={14} />} onClick={() => setDialog('removeFromGroup')} data-testid="bulk-remove-group">
                {t('clients.bulk.removeFromGroup')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        {canEdit && type === 'organization' && (
          <Menu withinPortal position="bottom-start">
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconCategory size={14} />} rightSection={<IconChevronDown size={12} />} data-testid="bulk-kind">
                {t('clients.bulk.kind')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {ORGANIZATION_KINDS.map((kind) => (
                <Menu.Item key={kind} onClick={() => run({ action: 'setKind', ids, kind })} data-testid={`bulk-kind-${kind}`}>
                  {t(`clients.kinds.${kind}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {canDelete && (
          <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => setDialog('delete')} data-testid="bulk-delete">
            {t('common.delete')}
          </Button>
        )}
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onDone} data-testid="bulk-clear">
          {t('clients.bulk.clear')}
        </Button>
      </Group>

      <ResponsibleDialog opened={dialog === 'responsible'} count={ids.length} loading={bulk.isPending} onClose={() => setDialog(null)} onSubmit={(responsibleId) => run({ action: 'setResponsible', ids, responsibleId })} />
      <GroupDialog
        mode={dialog === 'removeFromGroup' ? 'remove' : 'add'}
        opened={dialog === 'addToGroup' || dialog === 'removeFromGroup'}
        count={ids.length}
        loading={bulk.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(groupId) => run({ action: dialog === 'removeFromGroup' ? 'removeFromGroup' : 'addToGroup', ids, groupId })}
      />
      <ConfirmDialog
        opened={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title={t('clients.bulk.deleteTitle')}
        message={t('clients.bulk.deleteText', { count: ids.length })}
        confirmLabel={t('common.delete')}
        loading={bulk.isPending}
        onConfirm={() => run({ action: 'delete', ids })}
      />
      <OpenTasksDialog
        question={openTasksQuestion}
        loading={bulk.isPending}
        onClose={() => setOpenTasksQuestion(null)}
        onChoose={(openTasks) => run({ action: 'delete', ids, openTasks })}
      />
    </Paper>
  );
}

function ResponsibleDialog({ opened, count, loading, onClose, onSubmit }: { opened: boolean; count: number; loading: boolean; onClose: () => void; onSubmit: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={t('clients.bulk.responsibleTitle', { count })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(userId);
        }}
      >
        <Stack>
          <UserPicker label={t('clients.orgFields.responsible')} value={userId} onChange={(id) => setUserId(id)} placeholder={t('clients.bulk.nobody')} data-testid="bulk-responsible-picker" comboboxProps={{ withinPortal: true }} />
          <Text size="xs" c="dimmed">
            {t('clients.bulk.responsibleHint')}
          </Text>
          <FormActions submitLabel={t('clients.bulk.apply')} onCancel={onClose} loading={loading} testId="bulk-responsible-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

function GroupDialog({ mode, opened, count, loading, onClose, onSubmit }: { mode: 'add' | 'remove'; opened: boolean; count: number; loading: boolean; onClose: () => void; onSubmit: (groupId: string) => void }) {
  const { t } = useTranslation();
  const groups = useGroups();
  const [groupId, setGroupId] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={mode === 'add' ? t('clients.bulk.addToGroupTitle', { count }) : t('clients.bulk.removeFromGroupTitle', { count })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (groupId) onSubmit(groupId);
        }}
      >
        <Stack>
          <Select
            label={t('clients.group')}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            searchable
            required
            nothingFoundMessage={groups.isPending ? t('common.loading') : t('clients.noGroups')}
            comboboxProps={{ withinPortal: true }}
            data-testid="bulk-group-select"
          />
          <FormActions submitLabel={t('clients.bulk.apply')} onCancel={onClose} loading={loading} testId="bulk-group-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
