import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Grid, Group, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconMail, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SmtpSettingsDto } from '@kontakt/shared';
import { useCan, useSession } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { errorTitle, notifyError, notifySuccess } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { useDisableSmtp, useSaveSmtp, useSmtpSettings, useTestSmtp } from './useNotificationSettings';

const FIELDS = ['host', 'port', 'secure', 'user', 'password', 'from'] as const;

/** Settings: the outgoing mail server notifications are emailed through, for administrators (settings → edit). */
export function SmtpSettingsSection() {
  const { t } = useTranslation();
  const canEdit = useCan('settings', 'edit');
  const query = useSmtpSettings();
  if (!canEdit) return null;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="smtp-settings">
      <Stack>
        <div>
          <Group gap="xs">
            <IconMail size={20} />
            <Title order={4}>{t('notifications.smtp.title')}</Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {t('notifications.smtp.description')}
          </Text>
        </div>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <SmtpForm key={query.data.version} settings={query.data} onReload={() => void query.refetch()} />
        )}
      </Stack>
    </Paper>
  );
}

function SmtpForm({ settings, onReload }: { settings: SmtpSettingsDto; onReload: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const errors = useFormErrors(FIELDS);
  const save = useSaveSmtp();
  const disable = useDisableSmtp();
  const test = useTestSmtp();
  const [confirmOff, setConfirmOff] = useState(false);
  const [testFailure, setTestFailure] = useState<string | null>(null);
  const initial = {
    host: settings.host ?? '',
    port: settings.port ?? 587,
    secure: settings.secure,
    user: settings.user ?? '',
    from: settings.from ?? '',
  };
  const [values, setValues] = useState(initial);
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const [testTo, setTestTo] = useState('');
  const dirty = JSON.stringify(values) !== JSON.stringify(initial) || password !== '' || clearPassword;

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.clearField(key);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setTestFailure(null);
    save.mutate(
      {
        host: values.host.trim(),
        port: Number(values.port),
        secure: values.secure,
        user: values.user.trim() || null,
        ...(password ? { password } : clearPassword ? { password: null } : {}),
        from: values.from.trim(),
        version: settings.version,
      },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: errors.handle },
    );
  };

  const sendTest = () => {
    setTestFailure(null);
    test.mutate(testTo.trim() || undefined, {
      onSuccess: (answer) => notifySuccess(t('notifications.smtp.testSent', { to: answer.to })),
      onError: (error) => setTestFailure(errorTitle(error)),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" data-testid="smtp-summary">
          {settings.configured ? t('notifications.smtp.on', { host: settings.host, port: settings.port }) : t('notifications.smtp.off')}
        </Text>
        <FormAlert problem={errors.problem} onReload={onReload} />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('notifications.smtp.host')}
              description={t('notifications.smtp.hostHint')}
              required
              value={values.host}
              onChange={(e) => set('host', e.currentTarget.value)}
              error={errors.errorFor('host')}
              autoComplete="off"
              data-testid="smtp-host"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={t('notifications.smtp.port')}
              description={t('notifications.smtp.portHint')}
              required
              min={1}
              max={65535}
              allowDecimal={false}
              value={values.port}
              onChange={(v) => set('port', typeof v === 'number' ? v : Number(v) || 0)}
              error={errors.errorFor('port')}
              data-testid="smtp-port"
            />
          </Grid.Col>
        </Grid>
        <Switch
          label={t('notifications.smtp.secure')}
          description={t('notifications.smtp.secureHint')}
          checked={values.secure}
          onChange={(e) => set('secure', e.currentTarget.checked)}
          error={errors.errorFor('secure')}
          data-testid="smtp-secure"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('notifications.smtp.user')}
            description={t('notifications.smtp.userHint')}
            value={values.user}
            onChange={(e) => set('user', e.currentTarget.value)}
            error={errors.errorFor('user')}
            autoComplete="off"
            data-testid="smtp-user"
          />
          <PasswordInput
            label={t('notifications.smtp.password')}
            description={settings.passwordSet ? t('notifications.smtp.passwordKeep') : ' '}
            value={password}
            disabled={clearPassword}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              errors.clearField('password');
            }}
            error={errors.errorFor('password')}
            autoComplete="new-password"
            data-testid="smtp-password"
          />
        </SimpleGrid>
        {settings.passwordSet && (
          <Checkbox
            label={t('notifications.smtp.passwordClear')}
            checked={clearPassword}
            onChange={(e) => {
              setClearPassword(e.currentTarget.checked);
              if (e.currentTarget.checked) setPassword('');
            }}
            data-testid="smtp-password-clear"
          />
        )}
        <TextInput
          label={t('notifications.smtp.from')}
          description={t('notifications.smtp.fromHint')}
          required
          value={values.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          error={errors.errorFor('from')}
          data-testid="smtp-from"
        />
        <Group justify="space-between" wrap="wrap" gap="sm">
          {settings.configured ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmOff(true)} data-testid="smtp-disable">
              {t('notifications.smtp.disable')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="smtp-save">
            {t('notifications.smtp.save')}
          </Button>
        </Group>
        {settings.configured && (
          <Stack gap="xs" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Group align="flex-end" wrap="wrap" gap="sm">
              <TextInput
                label={t('notifications.smtp.testTo')}
                placeholder={user.email}
                description={t('notifications.smtp.testToHint', { email: user.email })}
                value={testTo}
                onChange={(e) => setTestTo(e.currentTarget.value)}
                style={{ flex: '1 1 240px' }}
                data-testid="smtp-test-to"
              />
              <Tooltip label={t('notifications.smtp.testSaveFirst')} disabled={!dirty} withArrow>
                <Button variant="default" leftSection={<IconSend size={16} />} onClick={sendTest} loading={test.isPending} disabled={dirty} data-testid="smtp-test">
                  {t('notifications.smtp.test')}
                </Button>
              </Tooltip>
            </Group>
            {testFailure && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" aria-label={t('notifications.smtp.testFailed')} data-testid="smtp-test-error">
                {testFailure}
              </Alert>
            )}
          </Stack>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirmOff}
        title={t('notifications.smtp.disableTitle')}
        message={t('notifications.smtp.disableText')}
        confirmLabel={t('notifications.smtp.disable')}
        loading={disable.isPending}
        onClose={() => setConfirmOff(false)}
        onConfirm={() =>
          disable.mutate(settings.version, {
            onSuccess: () => {
              setConfirmOff(false);
              notifySuccess(t('notifications.smtp.disabled'));
            },
            onError: (e) => {
              setConfirmOff(false);
              notifyError(e, { onConflict: onReload });
            },
          })
        }
      />
    </form>
  );
}
