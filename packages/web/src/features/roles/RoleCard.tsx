import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconCopy, IconDeviceFloppy, IconLock, IconTrash } from '@tabler/icons-react';
import type { RoleDto } from '@kontakt/shared';
import type { Action, ObjectType, Scope } from '@kontakt/shared/access';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { PermissionMatrix } from './PermissionMatrix';
import { RoleCreateModal } from './RoleCreateModal';
import { sameMatrix, setCell, toMatrix } from './roleModel';
import { useDeleteRole, useRole, useRoles, useUpdateRole } from './useRoles';

export default function RoleCard() {
  const { id = '' } = useParams();
  const query = useRole(id);
  if (query.isPending) return <LoadingState minHeight="50vh" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  // A new version (saved here or reloaded after a conflict) starts the editor afresh.
  return <RoleEditor key={`${query.data.id}:${query.data.version}`} role={query.data} onReload={() => void query.refetch()} />;
}

const FIELDS = ['name', 'description', 'requireTwoFactor'] as const;

function RoleEditor({ role, onReload }: { role: RoleDto; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCan('role', 'edit');
  const canCreate = useCan('role', 'create');
  const canDelete = useCan('role', 'delete');
  const locked = role.builtIn === 'administrator';
  const readOnly = locked || !canEdit;

  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description ?? '');
  const [requireTwoFactor, setRequireTwoFactor] = useState(role.requireTwoFactor);
  const [matrix, setMatrix] = useState(() => toMatrix(role.permissions));
  const [copying, setCopying] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const errors = useFormErrors(FIELDS);
  const update = useUpdateRole(role.id);
  const remove = useDeleteRole();
  const roles = useRoles(copying);

  const original = toMatrix(role.permissions);
  const dirty =
    name.trim() !== role.name ||
    (description.trim() || null) !== role.description ||
    requireTwoFactor !== role.requireTwoFactor ||
    !sameMatrix(matrix, original);

  const save = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    update.mutate(
      {
        version: role.version,
        ...(name.trim() !== role.name ? { name: name.trim() } : {}),
        ...((description.trim() || null) !== role.description ? { description: description.trim() || null } : {}),
        ...(requireTwoFactor !== role.requireTwoFactor ? { requireTwoFactor } : {}),
        ...(!sameMatrix(matrix, original) ? { permissions: matrix } : {}),
      },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: errors.handle },
    );
  };

  const doDelete = () =>
    remove.mutate(
      { id: role.id, version: role.version },
      {
        onSuccess: () => {
          notifySuccess(t('roles.deleted', { name: role.name }));
          void navigate('/roles', { replace: true });
        },
        onError: (error) => {
          setConfirmDelete(false);
          notifyError(error, { onConflict: onReload });
        },
      },
    );

  return (
    <>
    <form onSubmit={save} noValidate>
      <Anchor component={Link} to="/roles" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {t('roles.backToList')}
      </Anchor>
      <PageHeader
        title={role.name}
        description={t('roles.userCount', { count: role.userCount })}
        actions={
          <>
            {canCreate && (
              <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => setCopying(true)} data-testid="role-copy">
                {t('roles.copy')}
              </Button>
            )}
            {canDelete && !role.builtIn && (
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)} data-testid="role-delete">
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      />
      <Stack>
        {locked && (
          <Alert color="gray" icon={<IconLock size={18} />} title={t('roles.lockedTitle')}>
            {t('roles.lockedText')}
          </Alert>
        )}
        <FormAlert problem={errors.problem} onReload={onReload} />
        <Paper withBorder radius="md" p="lg">
          <Stack>
            <TextInput
              label={t('fields.title')}
              required
              value={name}
              readOnly={readOnly}
              onChange={(e) => {
                setName(e.currentTarget.value);
                errors.clearField('name');
              }}
              error={errors.errorFor('name')}
              data-testid="role-name"
            />
            <Textarea
              label={t('fields.description')}
              autosize
              minRows={2}
              value={description}
              readOnly={readOnly}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.errorFor('description')}
            />
            <Switch
              label={t('roles.requireTwoFactor')}
              description={t('roles.requireTwoFactorHint')}
              checked={requireTwoFactor}
              disabled={readOnly}
              onChange={(e) => setRequireTwoFactor(e.currentTarget.checked)}
              error={errors.errorFor('requireTwoFactor')}
              data-testid="role-require-2fa"
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
          <Title order={4}>{t('roles.matrix')}</Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('roles.matrixHint')}
          </Text>
          <PermissionMatrix
            matrix={matrix}
            readOnly={readOnly}
            onChange={(object: ObjectType, action: Action, scope: Scope) => setMatrix((m) => setCell(m, object, action, scope))}
          />
        </Paper>
        {!readOnly && (
          <Group justify="flex-end">
            {dirty && (
              <Text size="sm" c="dimmed">
                {t('common.unsaved')}
              </Text>
            )}
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={update.isPending} disabled={!dirty} data-testid="role-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
      {copying && <RoleCreateModal roles={roles.data ?? [role]} copyFrom={role} onClose={() => setCopying(false)} />}
      <ConfirmDialog
        opened={confirmDelete}
        title={t('roles.deleteTitle')}
        message={t('roles.deleteConfirm', { name: role.name })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={doDelete}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
