import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { CopyField } from '../../ui/CopyField';
import { QrCode } from '../../ui/QrCode';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { errorTitle, notifySuccess } from '../../ui/notify';
import { PasswordPromptModal } from './PasswordPromptModal';
import { RecoveryCodesModal } from './RecoveryCodesModal';
import { useRecoveryCodes, useTwoFactorDisable, useTwoFactorEnable, useTwoFactorSetup } from './useProfile';

const CODE_FIELDS = ['code'] as const;

export function TwoFactorSection() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [prompt, setPrompt] = useState<'disable' | 'codes' | null>(null);
  const disable = useTwoFactorDisable();
  const recovery = useRecoveryCodes();

  return (
    <Paper withBorder radius="md" p="lg" id="two-factor">
      <Stack>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={4}>{t('twoFactor.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('twoFactor.description')}
            </Text>
          </div>
          <Badge variant="light" color={user.twoFactorEnabled ? 'teal' : 'gray'} style={{ flexShrink: 0 }} data-testid="two-factor-status">
            {user.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}
          </Badge>
        </Group>
        {user.twoFactorEnabled ? (
          <Group>
            <Button variant="default" onClick={() => setPrompt('codes')} data-testid="two-factor-new-codes">
              {t('twoFactor.newCodes')}
            </Button>
            <Button variant="light" color="red" leftSection={<IconShieldOff size={16} />} onClick={() => setPrompt('disable')} data-testid="two-factor-disable">
              {t('twoFactor.disable')}
            </Button>
          </Group>
        ) : (
          <TwoFactorSetup onEnabled={setCodes} />
        )}
      </Stack>
      {prompt === 'disable' && (
        <PasswordPromptModal
          title={t('twoFactor.disableTitle')}
          description={t('twoFactor.disableText')}
          confirmLabel={t('twoFactor.disable')}
          color="red"
          loading={disable.isPending}
          onClose={() => setPrompt(null)}
          onConfirm={(password) =>
            disable.mutateAsync(password).then(() => {
              setPrompt(null);
              notifySuccess(t('twoFactor.disabled'));
            })
          }
        />
      )}
      {prompt === 'codes' && (
        <PasswordPromptModal
          title={t('twoFactor.newCodes')}
          description={t('twoFactor.newCodesText')}
          confirmLabel={t('twoFactor.generate')}
          loading={recovery.isPending}
          onClose={() => setPrompt(null)}
          onConfirm={(password) =>
            recovery.mutateAsync(password).then((result) => {
              setPrompt(null);
              setCodes(result.recoveryCodes);
            })
          }
        />
      )}
      {codes && <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />}
    </Paper>
  );
}

/** Step 1: a new secret for the authenticator app. Step 2: a code from the app proves it works. */
function TwoFactorSetup({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const setup = useTwoFactorSetup();
  const enable = useTwoFactorEnable();
  const [code, setCode] = useState('');
  const errors = useFormErrors(CODE_FIELDS);

  if (!setup.data) {
    return (
      <Stack gap="xs" align="flex-start">
        <FormAlert problem={setup.isError ? { title: errorTitle(setup.error), details: [], conflict: false } : null} />
        <Button leftSection={<IconShieldCheck size={16} />} loading={setup.isPending} onClick={() => setup.mutate()} data-testid="two-factor-setup">
          {t('twoFactor.enable')}
        </Button>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    enable.mutate(code.trim(), {
      onSuccess: (result) => {
        notifySuccess(t('twoFactor.enabled'));
        onEnabled(result.recoveryCodes);
      },
      onError: errors.handle,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <List type="ordered" size="sm" spacing="xs">
          <List.Item>{t('twoFactor.step1')}</List.Item>
          <List.Item>{t('twoFactor.step2')}</List.Item>
        </List>
        <QrCode value={setup.data.otpauthUrl} label={t('twoFactor.qr')} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('twoFactor.secret')}
          </Text>
          <CopyField value={setup.data.secret} testId="two-factor-secret" />
        </div>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('twoFactor.otpauthUrl')}
          </Text>
          <CopyField value={setup.data.otpauthUrl} testId="two-factor-url" />
        </div>
        <FormAlert problem={errors.problem} />
        <Group align="flex-end">
          <TextInput
            label={t('twoFactor.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={10}
            required
            value={code}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              errors.clearField('code');
            }}
            error={errors.errorFor('code')}
            data-testid="two-factor-code"
            w={200}
          />
          <Button type="submit" loading={enable.isPending} data-testid="two-factor-confirm">
            {t('twoFactor.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
