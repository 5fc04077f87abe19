import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useChangePassword } from './useProfile';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function PasswordForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [mismatch, setMismatch] = useState(false);
  const errors = useFormErrors(FIELDS);
  const change = useChangePassword();

  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
    if (key !== 'repeat') errors.clearField(key);
    setMismatch(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    // The only check made here: a typo in the new password would lock the user out.
    if (values.newPassword !== values.repeat) {
      setMismatch(true);
      return;
    }
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues({ currentPassword: '', newPassword: '', repeat: '' });
          notifySuccess(t('profile.passwordChanged'));
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={4}>{t('profile.passwordTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('profile.passwordHint')}
            </Text>
          </div>
          <FormAlert problem={errors.problem} />
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.errorFor('currentPassword')}
            data-testid="password-current"
          />
          <PasswordInput
            label={t('profile.newPassword')}
            autoComplete="new-password"
            required
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.errorFor('newPassword')}
            data-testid="password-new"
          />
          <PasswordInput
            label={t('profile.repeatPassword')}
            autoComplete="new-password"
            required
            value={values.repeat}
            onChange={set('repeat')}
            error={mismatch ? t('profile.passwordMismatch') : undefined}
            data-testid="password-repeat"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} data-testid="password-submit">
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
