import { useState } from 'react';
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { UserDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useSession } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFormat } from '../../ui/format';
import { useFormErrors } from '../../ui/formErrors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserForm } from './UserForm';
import { hasChanges, toUpdateBody, userToValues, USER_FORM_FIELDS } from './userModel';
import { useUpdateUser, useUser } from './useUsers';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function UserSummary({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Detail label={t('fields.email')}>
          <Anchor href={`mailto:${user.email}`}>{user.email}</Anchor>
        </Detail>
        <Detail label={t('fields.phone')}>{user.phone}</Detail>
        <Detail label={t('fields.position')}>{user.position}</Detail>
        <Detail label={t('fields.department')}>{user.department?.name}</Detail>
        <Detail label={t('fields.manager')}>
          {user.manager && (
            <Anchor component={Link} to={`/users/${user.manager.id}`}>
              {user.manager.name}
            </Anchor>
          )}
        </Detail>
        <Detail label={t('fields.role')}>{user.role.name}</Detail>
        <Detail label={t('fields.language')}>{t(`languages.${user.language}`)}</Detail>
        <Detail label={t('fields.timeZone')}>{user.timeZone}</Detail>
        <Detail label={t('users.twoFactor')}>{user.twoFactorEnabled ? t('users.twoFactorOn') : t('users.twoFactorOff')}</Detail>
        <Detail label={t('users.lastLogin')}>{fmt.dateTime(user.lastLoginAt, t('users.never'))}</Detail>
        <Detail label={t('fields.createdAt')}>{fmt.dateTime(user.createdAt)}</Detail>
      </Stack>
    </Paper>
  );
}

export default function UserCard() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const query = useUser(id);
  const update = useUpdateUser(id);
  const errors = useFormErrors(USER_FORM_FIELDS);
  const canEdit = useCan('user', 'edit');
  const [resetOpened, resetModal] = useDisclosure(false);
  const [confirmActive, setConfirmActive] = useState(false);

  if (query.isPending) return <LoadingState minHeight="50vh" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const user = query.data;
  const isSelf = user.id === session.user.id;

  const reload = () => {
    errors.clear();
    void query.refetch();
  };

  const toggleActive = () =>
    update.mutate(
      { active: !user.active, version: user.version },
      {
        onSuccess: (u) => {
          setConfirmActive(false);
          notifySuccess(u.active ? t('users.activated', { name: u.name }) : t('users.deactivated', { name: u.name }));
        },
        onError: (error) => {
          setConfirmActive(false);
          notifyError(error, { onConflict: reload });
        },
      },
    );

  return (
    <>
      <Anchor component={Link} to="/users" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {t('users.backToList')}
      </Anchor>
      <PageHeader
        title={user.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color={user.active ? 'teal' : 'gray'}>
              {user.active ? t('users.active') : t('users.inactive')}
            </Badge>
            {user.position && <span>{user.position}</span>}
          </Group>
        }
        actions={
          canEdit && (
            <>
              <Button variant="default" leftSection={<IconKey size={16} />} onClick={resetModal.open} data-testid="user-reset-password">
                {t('users.resetPassword')}
              </Button>
              {!isSelf && (
                <Button
                  variant="light"
                  color={user.active ? 'red' : 'teal'}
                  leftSection={user.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
                  onClick={() => setConfirmActive(true)}
                  data-testid="user-toggle-active"
                >
                  {user.active ? t('users.deactivate') : t('users.activate')}
                </Button>
              )}
            </>
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: canEdit ? 4 : 6 }}>
          <UserSummary user={user} />
        </Grid.Col>
        {canEdit && (
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder radius="md" p="lg">
              <Title order={4} mb="md">
                {t('users.editTitle')}
              </Title>
              <UserForm
                key={user.version}
                mode="edit"
                user={user}
                initial={userToValues(user)}
                submitting={update.isPending}
                errorFor={errors.errorFor}
                problem={errors.problem}
                onChangeField={errors.clearField}
                onReload={reload}
                onSubmit={(values) => {
                  errors.clear();
                  const body = toUpdateBody(user, values);
                  if (!hasChanges(body)) {
                    notifySuccess(t('common.noChanges'));
                    return;
                  }
                  update.mutate(body, {
                    onSuccess: () => notifySuccess(t('common.saved')),
                    onError: errors.handle,
                  });
                }}
              />
            </Paper>
          </Grid.Col>
        )}
      </Grid>
      <ResetPasswordModal userId={user.id} userName={user.name} opened={resetOpened} onClose={resetModal.close} />
      <ConfirmDialog
        opened={confirmActive}
        title={user.active ? t('users.deactivate') : t('users.activate')}
        message={user.active ? t('users.deactivateConfirm', { name: user.name }) : t('users.activateConfirm', { name: user.name })}
        confirmLabel={user.active ? t('users.deactivate') : t('users.activate')}
        color={user.active ? 'red' : 'teal'}
        loading={update.isPending}
        onConfirm={toggleActive}
        onClose={() => setConfirmActive(false)}
      />
    </>
  );
}
