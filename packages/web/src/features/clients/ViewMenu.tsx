import { useState } from 'react';
import { Badge, Button, Checkbox, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconDeviceFloppy, IconRestore, IconStar, IconTrash, IconUsers, IconUser, IconList } from '@tabler/icons-react';
import type { ClientType, ViewDefinition } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormActions } from '../../ui/FormActions';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifyError, notifySuccess } from '../../ui/notify';
import type { SavedView } from './clientsApi';
import { isBuiltinView } from './listModel';
import { useCreateView, useDeleteView, useUpdateView } from './useClients';

interface ViewMenuProps {
  type: ClientType;
  views: readonly SavedView[];
  viewId: string;
  modified: boolean;
  definition: ViewDefinition;
  /** Switches to a view (its own definition, no overrides). */
  onSelect: (id: string) => void;
}

function mayEdit(view: SavedView, userId: string): boolean {
  return view.canEdit ?? view.owner?.id === userId;
}

/** Built-in and saved views of a list: pick one, save the current state as a new one, update or delete. */
export function ViewMenu({ type, views, viewId, modified, definition, onSelect }: ViewMenuProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [saveOpened, saveModal] = useDisclosure(false);
  const [deleteOpened, deleteDialog] = useDisclosure(false);
  const update = useUpdateView(type);
  const remove = useDeleteView(type);
  const current = isBuiltinView(viewId) ? null : (views.find((v) => v.id === viewId) ?? null);
  const mine = current ? mayEdit(current, session.user.id) : false;
  const builtinLabel = (id: string) => (id === 'mine' ? t('clients.views.mine') : t(`clients.views.all_${type}`));
  const currentName = current?.name ?? (isBuiltinView(viewId) ? builtinLabel(viewId) : t('clients.views.unknown'));
  const personal = views.filter((v) => !v.shared);
  const shared = views.filter((v) => v.shared);

  const item = (id: string, name: string, icon: React.ReactNode) => (
    <Menu.Item key={id} leftSection={icon} onClick={() => onSelect(id)} fw={id === viewId ? 600 : undefined} aria-current={id === viewId ? 'true' : undefined} data-testid={`view-${id}`}>
      {name}
    </Menu.Item>
  );

  return (
    <>
      <Menu position="bottom-start" withinPortal shadow="md" width={280}>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={16} />} data-testid="view-menu" aria-label={t('clients.views.label', { name: currentName })} maw={320}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{currentName}</span>
            {modified && (
              <Badge size="xs" variant="light" color="orange" ml={6}>
                {t('clients.views.modified')}
              </Badge>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('clients.views.standard')}</Menu.Label>
          {item('all', builtinLabel('all'), <IconList size={16} />)}
          {item('mine', builtinLabel('mine'), <IconStar size={16} />)}
          {personal.length > 0 && <Menu.Label>{t('clients.views.personal')}</Menu.Label>}
          {personal.map((v) => item(v.id, v.name, <IconUser size={16} />))}
          {shared.length > 0 && <Menu.Label>{t('clients.views.shared')}</Menu.Label>}
          {shared.map((v) => item(v.id, v.name, <IconUsers size={16} />))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={saveModal.open} data-testid="view-save-as">
            {t('clients.views.saveAs')}
          </Menu.Item>
          {current && mine && modified && (
            <Menu.Item
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="view-update"
              onClick={() =>
                update.mutate(
                  { view: current, definition },
                  {
                    onSuccess: () => {
                      notifySuccess(t('clients.views.updated', { name: current.name }));
                      onSelect(current.id);
                    },
                    onError: (e) => notifyError(e),
                  },
                )
              }
            >
              {t('clients.views.update', { name: current.name })}
            </Menu.Item>
          )}
          {modified && (
            <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => onSelect(viewId)} data-testid="view-reset">
              {t('clients.views.reset')}
            </Menu.Item>
          )}
          {current && mine && (
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={deleteDialog.open} data-testid="view-delete">
              {t('clients.views.delete', { name: current.name })}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <SaveViewModal type={type} opened={saveOpened} onClose={saveModal.close} definition={definition} onSaved={(v) => onSelect(v.id)} />
      {current && (
        <ConfirmDialog
          opened={deleteOpened}
          onClose={deleteDialog.close}
          title={t('clients.views.deleteTitle')}
          message={t('clients.views.deleteText', { name: current.name })}
          confirmLabel={t('common.delete')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(current.id, {
              onSuccess: () => {
                deleteDialog.close();
                onSelect('all');
              },
              onError: (e) => notifyError(e),
            })
          }
        />
      )}
    </>
  );
}

function SaveViewModal({ type, opened, onClose, definition, onSaved }: { type: ClientType; opened: boolean; onClose: () => void; definition: ViewDefinition; onSaved: (v: SavedView) => void }) {
  const { t } = useTranslation();
  const create = useCreateView(type);
  const errors = useFormErrors(['name', 'shared']);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const close = () => {
    errors.clear();
    setName('');
    setShared(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('clients.views.saveAsTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name: name.trim(), shared, definition },
            {
              onSuccess: (view) => {
                notifySuccess(t('clients.views.saved', { name: view.name }));
                onSaved(view);
                close();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Stack>
          <FormAlert problem={errors.problem} />
          <TextInput
            label={t('clients.views.name')}
            required
            maxLength={100}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clearField('name');
            }}
            error={errors.errorFor('name')}
            data-autofocus
            data-testid="view-name"
          />
          <Checkbox
            label={t('clients.views.sharedLabel')}
            description={t('clients.views.sharedHint')}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
            data-testid="view-shared"
          />
          <FormActions submitLabel={t('common.save')} onCancel={close} loading={create.isPending} testId="view-save" />
        </Stack>
      </form>
    </Modal>
  );
}
