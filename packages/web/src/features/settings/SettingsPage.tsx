import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SESSION_KEY, useCan } from '../../app/session';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { SmtpSettingsSection } from '../notifications/SmtpSettingsSection';

const SETTINGS_KEY = ['settings', 'company'] as const;
const FIELDS = ['name'] as const;

export default function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: api.settings.company });
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack maw={640}>
          <CompanyForm key={query.data.version} settings={query.data} onReload={() => void query.refetch()} />
          <SmtpSettingsSection />
          <BackupSection />
        </Stack>
      )}
    </>
  );
}

/** A plain link: the browser downloads the file with the session cookie, no script in between. */
function BackupSection() {
  const { t } = useTranslation();
  if (!useCan('settings', 'edit')) return null;
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={4}>{t('settings.backup')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.backupHint')}
        </Text>
        <Button component="a" href="/api/v1/settings/backup" download leftSection={<IconDownload size={16} />} variant="default" data-testid="settings-backup">
          {t('settings.backupDownload')}
        </Button>
      </Stack>
    </Paper>
  );
}

function CompanyForm({ settings, onReload }: { settings: { name: string; version: number }; onReload: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canEdit = useCan('settings', 'edit');
  const [name, setName] = useState(settings.name);
  const errors = useFormErrors(FIELDS);
  const save = useMutation({
    mutationFn: api.settings.updateCompany,
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved);
      // The company name is shown in the header from the session.
      void client.invalidateQueries({ queryKey: SESSION_KEY });
      notifySuccess(t('common.saved'));
    },
    onError: errors.handle,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    save.mutate({ name: name.trim(), version: settings.version });
  };

  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={4}>{t('settings.company')}</Title>
          <FormAlert problem={errors.problem} onReload={onReload} />
          <TextInput
            label={t('settings.companyName')}
            required
            readOnly={!canEdit}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clearField('name');
            }}
            error={errors.errorFor('name')}
            data-testid="settings-company-name"
          />
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={name.trim() === settings.name} data-testid="settings-submit">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
