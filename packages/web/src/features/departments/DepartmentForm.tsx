import { useMemo, useState, type FormEvent } from 'react';
import { Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import type { DepartmentDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { UserPicker } from '../users/UserPicker';
import { departmentOptions, subtreeIds } from './departmentModel';
import { useCreateDepartment, useUpdateDepartment } from './useDepartments';
import { FormActions } from '../../ui/FormActions';

const FIELDS = ['name', 'parentId', 'headId'] as const;

export type DepartmentFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: DepartmentDto };

interface DepartmentFormProps {
  target: DepartmentFormTarget;
  all: DepartmentDto[];
  onClose: () => void;
  onReload: () => void;
}

/** Create, rename, move (new parent) and head selection in one dialog. */
export function DepartmentForm({ target, all, onClose, onReload }: DepartmentFormProps) {
  const { t, i18n } = useTranslation();
  const editing = target.mode === 'edit' ? target.department : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [parentId, setParentId] = useState(editing ? (editing.parentId ?? '') : target.mode === 'create' ? (target.parentId ?? '') : '');
  const [head, setHead] = useState<{ id: string; name: string } | null>(editing?.head ?? null);
  const errors = useFormErrors(FIELDS);
  const create = useCreateDepartment();
  const update = useUpdateDepartment();

  const parentData = useMemo(() => {
    const exclude = editing ? subtreeIds(all, editing.id) : undefined;
    return [{ value: '', label: t('departments.noParent') }, ...departmentOptions(all, i18n.language, exclude)];
  }, [all, editing, i18n.language, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const callbacks = {
      onSuccess: (d: DepartmentDto) => {
        notifySuccess(t(editing ? 'departments.saved' : 'departments.created', { name: d.name }));
        onClose();
      },
      onError: errors.handle,
    };
    if (editing) {
      const body: Parameters<typeof update.mutate>[0]['body'] = { version: editing.version };
      if (name.trim() !== editing.name) body.name = name.trim();
      if ((parentId || null) !== editing.parentId) body.parentId = parentId || null;
      if ((head?.id ?? null) !== (editing.head?.id ?? null)) body.headId = head?.id ?? null;
      update.mutate({ id: editing.id, body }, callbacks);
    } else {
      create.mutate({ name: name.trim(), parentId: parentId || null, headId: head?.id ?? null }, callbacks);
    }
  };

  return (
    <Modal opened onClose={onClose} title={editing ? t('departments.editTitle') : t('departments.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert
            problem={errors.problem}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
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
            data-testid="department-name"
          />
          <NativeSelect
            label={t('departments.parent')}
            data={parentData}
            value={parentId}
            onChange={(e) => {
              setParentId(e.currentTarget.value);
              errors.clearField('parentId');
            }}
            error={errors.errorFor('parentId')}
            data-testid="department-parent"
          />
          <UserPicker
            label={t('departments.head')}
            placeholder={t('departments.noHead')}
            value={head?.id ?? null}
            selected={head}
            onChange={(id, headName) => {
              setHead(id && headName ? { id, name: headName } : null);
              errors.clearField('headId');
            }}
            error={errors.errorFor('headId')}
            comboboxProps={{ withinPortal: true }}
            data-testid="department-head"
          />
          <FormActions
            submitLabel={editing ? t('common.save') : t('common.create')}
            onCancel={onClose}
            loading={create.isPending || update.isPending}
            testId="department-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
