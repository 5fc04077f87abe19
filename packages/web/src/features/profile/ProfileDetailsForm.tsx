import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../app/queryClient';
import { SESSION_KEY, useSession } from '../../app/session';
import { FormAlert, useFormErrors, useFormFields } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useUpdateMe } from './useProfile';

const FIELDS = ['name', 'position', 'phone'] as const;

export function ProfileDetailsForm() {
  const [generation, setGeneration] = useState(0);
  // After a conflict the form starts again from the freshly loaded profile.
  return <DetailsForm key={generation} onReloaded={() => setGeneration((g) => g + 1)} />;
}

function DetailsForm({ onReloaded }: { onReloaded: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const errors = useFormErrors(FIELDS);
  const { values, field } = useFormFields({ name: user.name, position: user.position ?? '', phone: user.phone ?? '' }, errors);
  const update = useUpdateMe();
  const dirty = values.name.trim() !== user.name || values.position.trim() !== (user.position ?? '') || values.phone.trim() !== (user.phone ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    update.mutate(
      {
        name: values.name.trim(),
        position: values.position.trim() || null,
        phone: values.phone.trim() || null,
        version: user.version,
      },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: errors.handle },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={4}>{t('profile.details')}</Title>
          <FormAlert
            problem={errors.problem}
            onReload={() => void queryClient.refetchQueries({ queryKey: SESSION_KEY }).then(onReloaded)}
          />
          <TextInput label={t('fields.name')} required autoComplete="name" {...field('name')} data-testid="profile-name" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.position')} autoComplete="organization-title" {...field('position')} data-testid="profile-position" />
            <TextInput label={t('fields.phone')} type="tel" autoComplete="tel" {...field('phone')} data-testid="profile-phone" />
          </SimpleGrid>
          <TextInput label={t('fields.email')} value={user.email} readOnly description={t('profile.emailHint')} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!dirty} data-testid="profile-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
