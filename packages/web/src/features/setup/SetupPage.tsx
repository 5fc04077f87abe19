import type { FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { currentLanguage } from '../../app/i18n';
import { PublicLayout } from '../../app/PublicLayout';
import { queryClient } from '../../app/queryClient';
import { SETUP_KEY, startSession } from '../../app/session';
import { FormAlert, useFormErrors, useFormFields } from '../../ui/formErrors';

const FIELDS = ['companyName', 'name', 'email', 'password'] as const;

/** First run: the company and its first administrator, who is signed in right away. */
export default function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors(FIELDS);
  const { values, field } = useFormFields({ companyName: '', name: '', email: '', password: '' }, errors);

  const setup = useMutation({
    mutationFn: api.setup.run,
    onSuccess: (session) => {
      queryClient.setQueryData(SETUP_KEY, { needed: false });
      startSession(session);
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      errors.handle(error);
      // Someone finished setup in another tab: the gate will route to login.
      void queryClient.invalidateQueries({ queryKey: SETUP_KEY });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setup.mutate({ ...values, language: currentLanguage() });
  };

  return (
    <PublicLayout title={t('setup.title')} subtitle={t('setup.subtitle')} width={480}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert problem={errors.problem} />
          <TextInput label={t('setup.companyName')} required autoFocus {...field('companyName')} data-testid="setup-company" />
          <TextInput label={t('setup.adminName')} required autoComplete="name" {...field('name')} data-testid="setup-name" />
          <TextInput label={t('fields.email')} type="email" required autoComplete="username" {...field('email')} data-testid="setup-email" />
          <PasswordInput
            label={t('fields.password')}
            description={t('setup.passwordHint')}
            required
            autoComplete="new-password"
            {...field('password')}
            data-testid="setup-password"
          />
          <Button type="submit" fullWidth loading={setup.isPending} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
