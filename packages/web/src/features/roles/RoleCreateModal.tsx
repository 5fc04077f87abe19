import { useState, type FormEvent } from 'react';
import { Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import type { RoleDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useCreateRole } from './useRoles';
import { FormActions } from '../../ui/FormActions';

const FIELDS = ['name', 'description', 'copyFromId'] as const;

/** A new role, empty or as a copy of another one's permissions (`copyFrom` preselects it). */
export function RoleCreateModal({ roles, copyFrom, onClose }: { roles: RoleDto[]; copyFrom?: RoleDto; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(copyFrom ? t('roles.copyName', { name: copyFrom.name }) : '');
  const [description, setDescription] = useState(copyFrom?.description ?? '');
  const [copyFromId, setCopyFromId] = useState(copyFrom?.id ?? '');
  const errors = useFormErrors(FIELDS);
  const create = useCreateRole();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    create.mutate(
      { name: name.trim(), description: description.trim() || null, copyFromId: copyFromId || undefined },
      {
        onSuccess: (role) => {
          notifySuccess(t('roles.created', { name: role.name }));
          onClose();
          void navigate(`/roles/${role.id}`);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={copyFrom ? t('roles.copyTitle') : t('roles.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert problem={errors.problem} />
          <TextInput
            label={t('fields.title')}
            required
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clearField('name');
            }}
            error={errors.errorFor('name')}
            data-autofocus
            data-testid="role-name"
          />
          <Textarea
            label={t('fields.description')}
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.errorFor('description')}
          />
          <NativeSelect
            label={t('roles.copyFrom')}
            data={[{ value: '', label: t('roles.startEmpty') }, ...roles.map((r) => ({ value: r.id, label: r.name }))]}
            value={copyFromId}
            onChange={(e) => setCopyFromId(e.currentTarget.value)}
            error={errors.errorFor('copyFromId')}
            data-testid="role-copy-from"
          />
          <FormActions submitLabel={t('common.create')} onCancel={onClose} loading={create.isPending} testId="role-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
