import { ActionIcon, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BankAccountDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { CheckedInput } from '../../ui/CheckedInput';
import { bankProblems, emptyBank, type BankRow } from './clientModel';
import { useFieldHint } from './useFieldHint';

interface BankAccountsEditorProps {
  rows: BankRow[];
  onChange: (rows: BankRow[]) => void;
  errorFor: (field: string) => string | undefined;
  clearField: (field: string) => void;
}

const digitsOnly = (v: string) => v.replace(/[^\d]/g, '');

/** Bank accounts; the settlement and correspondent accounts are checked against the BIK as the user types. */
export function BankAccountsEditor({ rows, onChange, errorFor, clearField }: BankAccountsEditorProps) {
  const { t } = useTranslation();
  const hint = useFieldHint();
  const update = (i: number, patch: Partial<BankRow>, field: string) => {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    clearField(`bankAccounts.${i}.${field}`);
  };
  const makePrimary = (i: number) => {
    onChange(rows.map((r, j) => ({ ...r, isPrimary: j === i })));
  };
  return (
    <Stack gap="sm">
      {rows.map((row, i) => {
        const n = i + 1;
        const problems = bankProblems(row);
        return (
          <Paper key={row.id ?? `new-${i}`} withBorder radius="sm" p="sm" data-testid={`bank-row-${i}`}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Radio
                  label={t('clientCard.bank.primary')}
                  checked={row.isPrimary}
                  onChange={() => makePrimary(i)}
                  aria-label={t('clientCard.bank.primaryN', { n })}
                />
                <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('clientCard.bank.removeN', { n })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <CheckedInput
                  label={t('clientCard.bank.bik')}
                  required
                  inputMode="numeric"
                  maxLength={9}
                  value={row.bik}
                  hint={hint(problems.bik)}
                  error={errorFor(`bankAccounts.${i}.bik`)}
                  onChange={(v) => update(i, { bik: digitsOnly(v) }, 'bik')}
                  data-testid={`bank-bik-${i}`}
                />
                <TextInput
                  label={t('clientCard.bank.bankName')}
                  value={row.bankName}
                  onChange={(e) => update(i, { bankName: e.currentTarget.value }, 'bankName')}
                  error={errorFor(`bankAccounts.${i}.bankName`)}
                  data-testid={`bank-name-${i}`}
                />
                <CheckedInput
                  label={t('clientCard.bank.account')}
                  required
                  inputMode="numeric"
                  maxLength={20}
                  value={row.account}
                  hint={hint(problems.account)}
                  error={errorFor(`bankAccounts.${i}.account`)}
                  onChange={(v) => update(i, { account: digitsOnly(v) }, 'account')}
                  data-testid={`bank-account-${i}`}
                />
                <CheckedInput
                  label={t('clientCard.bank.correspondentAccount')}
                  inputMode="numeric"
                  maxLength={20}
                  value={row.correspondentAccount}
                  hint={hint(problems.correspondentAccount)}
                  error={errorFor(`bankAccounts.${i}.correspondentAccount`)}
                  onChange={(v) => update(i, { correspondentAccount: digitsOnly(v) }, 'correspondentAccount')}
                  data-testid={`bank-corr-${i}`}
                />
              </SimpleGrid>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyBank(rows.length === 0)])} data-testid="bank-add">
          {t('clientCard.bank.add')}
        </Button>
      </Group>
    </Stack>
  );
}

export function BankAccountsView({ accounts }: { accounts: BankAccountDto[] }) {
  const { t } = useTranslation();
  if (accounts.length === 0) return <Text size="sm" c="dimmed">{t('clientCard.bank.empty')}</Text>;
  return (
    <Stack gap="sm">
      {accounts.map((a) => (
        <div key={a.id} data-testid="bank-item">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {a.bankName || t('clientCard.bank.bankUnnamed')}
            </Text>
            {a.isPrimary && accounts.length > 1 && (
              <Badge size="xs" variant="light">
                {t('clientCard.bank.primary')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('clientCard.bank.bik')} {a.bik} · {t('clientCard.bank.accountShort')} {a.account}
            {a.correspondentAccount ? ` · ${t('clientCard.bank.corrShort')} ${a.correspondentAccount}` : ''}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
