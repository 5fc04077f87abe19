import { useState, type FormEvent } from 'react';
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../ui/formErrors';
import { FormAlert } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useResetPassword } from './useUsers';
import { FormActions } from '../../ui/FormActions';

const FIELDS = ['password'] as const;

export function ResetPasswordModal({ userId, userName, opened, onClose }: { userId: string; userName: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const errors = useFormErrors(FIELDS);
  const reset = useResetPassword(userId);

  const close = () => {
    setPassword('');
    errors.clear();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    reset.mutate(password, {
      onSuccess: () => {
        notifySuccess(t('users.passwordResetDone', { name: userName }));
        close();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.resetPassword')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('users.resetPasswordHint', { name: userName })}
          </Text>
          <FormAlert problem={errors.problem} />
          <PasswordInput
            label={t('users.newPassword')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              errors.clearField('password');
            }}
            error={errors.errorFor('password')}
            data-autofocus
            data-testid="reset-password"
          />
          <FormActions submitLabel={t('users.setPassword')} onCancel={close} loading={reset.isPending} testId="reset-password-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
