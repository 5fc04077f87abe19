import { ActionIcon, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ADDRESS_KINDS, type AddressDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { addressLine, emptyAddress, type AddressKind, type AddressRow } from './clientModel';

interface AddressesEditorProps {
  rows: AddressRow[];
  onChange: (rows: AddressRow[]) => void;
  errorFor: (field: string) => string | undefined;
  clearField: (field: string) => void;
  /** Organizations default new addresses to "legal" first; persons to "actual". */
  firstKind: AddressKind;
}

const PARTS = ['postalCode', 'country', 'region', 'city', 'street'] as const;

export function AddressesEditor({ rows, onChange, errorFor, clearField, firstKind }: AddressesEditorProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<AddressRow>, field: string) => {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    clearField(`addresses.${i}.${field}`);
  };
  const nextKind = (): AddressKind => {
    const used = new Set(rows.map((r) => r.kind));
    return ADDRESS_KINDS.find((k) => !used.has(k) && k !== 'other') ?? (rows.length === 0 ? firstKind : 'other');
  };
  return (
    <Stack gap="sm">
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <Paper key={row.id ?? `new-${i}`} withBorder radius="sm" p="sm" data-testid={`address-row-${i}`}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <NativeSelect
                  aria-label={t('clientCard.addresses.kindN', { n })}
                  data={ADDRESS_KINDS.map((k) => ({ value: k, label: t(`clientCard.addressKinds.${k}`) }))}
                  value={row.kind}
                  onChange={(e) => update(i, { kind: e.currentTarget.value as AddressKind }, 'kind')}
                  data-testid={`address-kind-${i}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('clientCard.addresses.removeN', { n })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
                {PARTS.slice(0, 4).map((part) => (
                  <TextInput
                    key={part}
                    label={t(`clientCard.addresses.${part}`)}
                    value={row[part]}
                    onChange={(e) => update(i, { [part]: e.currentTarget.value }, part)}
                    error={errorFor(`addresses.${i}.${part}`)}
                    data-testid={`address-${part}-${i}`}
                  />
                ))}
              </SimpleGrid>
              <TextInput
                label={t('clientCard.addresses.street')}
                value={row.street}
                onChange={(e) => update(i, { street: e.currentTarget.value }, 'street')}
                error={errorFor(`addresses.${i}.street`)}
                data-testid={`address-street-${i}`}
              />
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyAddress(nextKind())])} data-testid="address-add">
          {t('clientCard.addresses.add')}
        </Button>
      </Group>
    </Stack>
  );
}

export function AddressesView({ addresses }: { addresses: AddressDto[] }) {
  const { t } = useTranslation();
  if (addresses.length === 0) return <Text size="sm" c="dimmed">{t('clientCard.addresses.empty')}</Text>;
  return (
    <Stack gap="xs">
      {addresses.map((a) => (
        <div key={a.id} data-testid="address-item">
          <Text size="xs" c="dimmed" fw={600}>
            {t(`clientCard.addressKinds.${a.kind}`)}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {addressLine(a) || '—'}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
