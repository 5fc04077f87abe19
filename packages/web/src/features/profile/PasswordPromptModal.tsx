import { useState, type FormEvent } from 'react';
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { FormActions } from '../../ui/FormActions';

const FIELDS = ['password'] as const;

interface PasswordPromptProps {
  title: string;
  description: string;
  confirmLabel: string;
  color?: string;
  loading: boolean;
  /** Runs the guarded action; a rejected promise's problem is shown in the dialog. */
  onConfirm: (password: string) => Promise<unknown>;
  onClose: () => void;
}

/** Sensitive actions (turning 2FA off, new recovery codes) ask for the password again. */
export function PasswordPromptModal({ title, description, confirmLabel, color, loading, onConfirm, onClose }: PasswordPromptProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const errors = useFormErrors(FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    onConfirm(password).catch(errors.handle);
  };

  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{description}</Text>
          <FormAlert problem={errors.problem} />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              errors.clearField('password');
            }}
            error={errors.errorFor('password')}
            data-autofocus
            data-testid="confirm-password"
          />
          <FormActions submitLabel={confirmLabel} onCancel={onClose} loading={loading} color={color} testId="confirm-password-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
