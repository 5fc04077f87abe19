import { ActionIcon, Anchor, Button, Grid, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAt, IconBrandTelegram, IconDeviceLandlinePhone, IconPhone, IconPlus, IconPrinter, IconTrash, IconWorld } from '@tabler/icons-react';
import type { ContactPointDto } from '@kontakt/shared';
import { CONTACT_KINDS, MESSENGERS, formatPhone } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { CheckedInput } from '../../ui/CheckedInput';
import { contactHref, contactProblem, emptyContact, type ContactKind, type ContactRow } from './clientModel';
import { useFieldHint } from './useFieldHint';

const ICONS = { phone: IconPhone, fax: IconPrinter, email: IconAt, messenger: IconBrandTelegram, website: IconWorld } as const;

interface ContactsEditorProps {
  rows: ContactRow[];
  onChange: (rows: ContactRow[]) => void;
  errorFor: (field: string) => string | undefined;
  clearField: (field: string) => void;
  /** Fires when a phone or email loses focus (the create form checks for duplicates then). */
  onValueBlur?: (row: ContactRow) => void;
}

/** Rows of phones, faxes, emails, messengers and websites, each with its kind and an optional label. */
export function ContactsEditor({ rows, onChange, errorFor, clearField, onValueBlur }: ContactsEditorProps) {
  const { t } = useTranslation();
  const hint = useFieldHint();
  const update = (i: number, patch: Partial<ContactRow>, field: string) => {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    clearField(`contacts.${i}.${field}`);
    clearField(`contacts.${i}`);
  };
  return (
    <Stack gap="xs">
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <Grid key={row.id ?? `new-${i}`} gap="xs" align="flex-start" data-testid={`contact-row-${i}`}>
            <Grid.Col span={{ base: row.kind === 'messenger' ? 6 : 5, sm: 3 }}>
              <NativeSelect
                aria-label={t('clientCard.contacts.kindN', { n })}
                data={CONTACT_KINDS.map((k) => ({ value: k, label: t(`clientCard.contactKinds.${k}`) }))}
                value={row.kind}
                onChange={(e) => {
                  const kind = e.currentTarget.value as ContactKind;
                  update(i, { kind, messenger: kind === 'messenger' ? row.messenger || 'telegram' : '' }, 'kind');
                }}
                data-testid={`contact-kind-${i}`}
              />
            </Grid.Col>
            {row.kind === 'messenger' && (
              <Grid.Col span={{ base: 6, sm: 2 }}>
                <NativeSelect
                  aria-label={t('clientCard.contacts.messengerN', { n })}
                  data={MESSENGERS.map((m) => ({ value: m, label: t(`clientCard.messengers.${m}`) }))}
                  value={row.messenger || 'telegram'}
                  onChange={(e) => update(i, { messenger: e.currentTarget.value }, 'messenger')}
                  error={errorFor(`contacts.${i}.messenger`)}
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: row.kind === 'messenger' ? 12 : 7, sm: row.kind === 'messenger' ? 3 : 5 }}>
              <CheckedInput
                aria-label={t('clientCard.contacts.valueN', { n })}
                placeholder={t(`clientCard.contactPlaceholders.${row.kind}`)}
                type={row.kind === 'email' ? 'email' : row.kind === 'phone' || row.kind === 'fax' ? 'tel' : 'text'}
                value={row.value}
                hint={hint(contactProblem(row))}
                error={errorFor(`contacts.${i}.value`) ?? errorFor(`contacts.${i}`)}
                onChange={(value) => update(i, { value }, 'value')}
                onBlur={() => onValueBlur?.(row)}
                data-testid={`contact-value-${i}`}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 10, sm: 3 }}>
              <TextInput
                aria-label={t('clientCard.contacts.labelN', { n })}
                placeholder={t('clientCard.contacts.labelPlaceholder')}
                value={row.label}
                onChange={(e) => update(i, { label: e.currentTarget.value }, 'label')}
                error={errorFor(`contacts.${i}.label`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 2, sm: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('clientCard.contacts.removeN', { n })}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                data-testid={`contact-remove-${i}`}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        );
      })}
      <Group gap="xs">
        {(['phone', 'email', 'messenger', 'website', 'fax'] as const).map((kind) => (
          <Button
            key={kind}
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...rows, emptyContact(kind)])}
            data-testid={`contact-add-${kind}`}
          >
            {t(`clientCard.contactKinds.${kind}`)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

function displayValue(c: ContactPointDto): string {
  if ((c.kind === 'phone' || c.kind === 'fax') && c.normalized.startsWith('+')) return formatPhone(c.normalized);
  return c.value;
}

/** The read-only list: one line per contact with its icon, a link where one makes sense, and its label. */
export function ContactsView({ contacts }: { contacts: ContactPointDto[] }) {
  const { t } = useTranslation();
  if (contacts.length === 0) return <Text size="sm" c="dimmed">{t('clientCard.contacts.empty')}</Text>;
  return (
    <Stack gap={6}>
      {contacts.map((c) => {
        const Icon = c.kind === 'phone' && c.label?.toLowerCase().includes('раб') ? IconDeviceLandlinePhone : ICONS[c.kind];
        const href = contactHref(c);
        const text = displayValue(c);
        return (
          <Group key={c.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="contact-item">
            <Icon size={18} stroke={1.6} style={{ flex: 'none', marginTop: 2 }} aria-label={t(`clientCard.contactKinds.${c.kind}`)} />
            <div style={{ minWidth: 0 }}>
              {href ? (
                <Anchor href={href} size="sm" target={c.kind === 'website' || c.kind === 'messenger' ? '_blank' : undefined} rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
                  {text}
                </Anchor>
              ) : (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {text}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {[c.kind === 'messenger' && c.messenger ? t(`clientCard.messengers.${c.messenger}`, { defaultValue: c.messenger }) : t(`clientCard.contactKinds.${c.kind}`), c.label]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
          </Group>
        );
      })}
    </Stack>
  );
}
