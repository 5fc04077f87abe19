import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Code, Group, Modal, NativeSelect, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconTrash } from '@tabler/icons-react';
import type { ApiTokenDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyField } from '../../ui/CopyField';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { Empty, ErrorState } from '../../ui/states';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './useProfile';

const FIELDS = ['name', 'expiresInDays'] as const;
const LIFETIMES = ['30', '90', '365', 'never'] as const;

export function ApiTokensSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);

  const columns: Column<ApiTokenDto>[] = [
    { key: 'name', header: t('fields.title'), render: (tk) => <Text size="sm" fw={500}>{tk.name}</Text> },
    { key: 'prefix', header: t('tokens.prefix'), nowrap: true, render: (tk) => <Code>{tk.prefix}…</Code> },
    { key: 'createdAt', header: t('fields.createdAt'), nowrap: true, render: (tk) => fmt.date(tk.createdAt) },
    { key: 'expiresAt', header: t('tokens.expires'), nowrap: true, render: (tk) => fmt.date(tk.expiresAt, t('tokens.never')) },
    { key: 'lastUsedAt', header: t('tokens.lastUsed'), nowrap: true, render: (tk) => fmt.dateTime(tk.lastUsedAt, t('tokens.notUsed')) },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (tk) => (
        <Tooltip label={t('tokens.revoke')}>
          <ActionIcon variant="subtle" color="red" onClick={() => setRevoking(tk)} aria-label={t('tokens.revokeNamed', { name: tk.name })} data-testid={`token-revoke-${tk.name}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      ),
    },
  ];

  return (
    <Stack>
      <CreateTokenForm onCreated={setCreated} />
      <Paper withBorder radius="md" p="lg">
        <Title order={4} mb="md">
          {t('tokens.listTitle')}
        </Title>
        {tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <DataTable
            caption={t('tokens.listTitle')}
            rows={tokens.data ?? []}
            columns={columns}
            rowKey={(tk) => tk.id}
            rowTestId={(tk) => `token-row-${tk.name}`}
            loading={tokens.isPending}
            minWidth={720}
            empty={<Empty icon={<IconKey size={28} />} title={t('tokens.empty')} description={t('tokens.emptyHint')} />}
          />
        )}
      </Paper>
      {created && (
        <Modal opened onClose={() => setCreated(null)} title={t('tokens.createdTitle')} centered closeOnClickOutside={false} size="lg">
          <Stack>
            <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
              {t('tokens.createdWarning')}
            </Alert>
            <CopyField value={created} testId="token-value" />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)} data-testid="token-done">
                {t('tokens.done')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        message={t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => notifySuccess(t('tokens.revoked')),
            onError: (e) => notifyError(e),
            onSettled: () => setRevoking(null),
          })
        }
      />
    </Stack>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<(typeof LIFETIMES)[number]>('90');
  const errors = useFormErrors(FIELDS);
  const create = useCreateApiToken();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    create.mutate(
      { name: name.trim(), expiresInDays: lifetime === 'never' ? null : Number(lifetime) },
      {
        onSuccess: (result) => {
          setName('');
          onCreated(result.token);
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
            <Title order={4}>{t('tokens.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('tokens.description')}
            </Text>
          </div>
          <FormAlert problem={errors.problem} />
          <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label={t('tokens.name')}
              placeholder={t('tokens.namePlaceholder')}
              required
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                errors.clearField('name');
              }}
              error={errors.errorFor('name')}
              miw={220}
              data-testid="token-name"
            />
            <NativeSelect
              label={t('tokens.lifetime')}
              value={lifetime}
              onChange={(e) => setLifetime(e.currentTarget.value as (typeof LIFETIMES)[number])}
              data={LIFETIMES.map((l) => ({ value: l, label: l === 'never' ? t('tokens.noExpiry') : t('tokens.days', { count: Number(l) }) }))}
              error={errors.errorFor('expiresInDays')}
              miw={160}
              data-testid="token-lifetime"
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconKey size={16} />} loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
