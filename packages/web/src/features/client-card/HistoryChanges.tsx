import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';
import { SUGGESTED_LINK_LABELS, type AuditEntryDto, type ClientType, type CustomFieldDefDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { CustomFieldValue } from '../custom-fields/CustomFieldInput';
import { useCustomFieldDefs } from '../custom-fields/useCustomFields';
import { addressLine } from './clientModel';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

interface Row {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
  /** Custom fields render their values through the field's definition. */
  def?: CustomFieldDefDto;
}

/** Reads the client card's audit values the way the card shows them: names, not ids; kinds in words; lists joined. */
function useValueText() {
  const { t } = useTranslation();
  return (field: string, value: unknown): string => {
    if (isEmpty(value)) return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (field === 'kind') return t(`clientCard.kinds.${str(value)}`, { defaultValue: str(value) });
    if (field === 'gender') return t(`clientCard.genders.${str(value)}`, { defaultValue: str(value) });
    if (field === 'influence') return t(`clientCard.influences.${str(value)}`, { defaultValue: str(value) });
    if (field === 'document' && typeof value === 'string') return t('clientCard.history.documentChanged');
    if (field === 'link' && isObj(value)) {
      const label = str(value.label);
      const text = (SUGGESTED_LINK_LABELS as readonly string[]).includes(label) ? t(`clientCard.linkLabels.${label}`) : label;
      return `${text} (${t(`clientCard.links.${value.otherType === 'person' ? 'person' : 'organization'}`)})`;
    }
    if (Array.isArray(value)) {
      return value
        .map((item) => {
          if (!isObj(item)) return str(item);
          if (field === 'contacts') return [str(item.value), item.label ? `(${str(item.label)})` : ''].filter(Boolean).join(' ');
          if (field === 'addresses') return `${t(`clientCard.addressKinds.${str(item.kind)}`, { defaultValue: '' })}: ${addressLine(item as never)}`;
          if (field === 'bankAccounts') return [str(item.bankName), str(item.account)].filter(Boolean).join(' ');
          if (field === 'employments') return [isObj(item.organization) ? str(item.organization.name) : '', str(item.position)].filter(Boolean).join(', ');
          return str(item.name ?? item.value ?? JSON.stringify(item));
        })
        .join('; ');
    }
    if (isObj(value)) return str(value.name ?? value.label ?? JSON.stringify(value));
    return str(value);
  };
}

function rowsOf(entry: AuditEntryDto, defs: CustomFieldDefDto[], label: (field: string) => string): Row[] {
  const rows: Row[] = [];
  for (const [field, change] of Object.entries(entry.changes ?? {})) {
    if (field === 'custom' && (isObj(change.before) || isObj(change.after))) {
      const before = isObj(change.before) ? change.before : {};
      const after = isObj(change.after) ? change.after : {};
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
        const def = defs.find((d) => d.key === key);
        rows.push({ field: `custom.${key}`, label: def?.label ?? key, before: before[key], after: after[key], def });
      }
      continue;
    }
    if (JSON.stringify(change.before) === JSON.stringify(change.after)) continue;
    if (isEmpty(change.before) && isEmpty(change.after)) continue;
    rows.push({ field, label: label(field), before: change.before, after: change.after });
  }
  return rows;
}

/** The changes of one history entry, one line per field: old value struck out, new value beside it. */
export function HistoryChanges({ entry, type }: { entry: AuditEntryDto; type: ClientType }) {
  const { t } = useTranslation();
  const defs = useCustomFieldDefs(type);
  const valueText = useValueText();
  const label = (field: string) =>
    t(`clientCard.fields.${field}`, { defaultValue: '' }) ||
    t(`clientCard.history.fields.${field}`, { defaultValue: '' }) ||
    t(`auditFields.${field}`, { defaultValue: field });
  const rows = rowsOf(entry, defs.data ?? [], label);
  if (rows.length === 0) return null;
  const show = (row: Row, value: unknown): ReactNode =>
    row.def && !isEmpty(value) ? <CustomFieldValue def={row.def} value={value} /> : valueText(row.field, value);
  return (
    <Stack gap={2}>
      {rows.map((row) => (
        <Text key={row.field} size="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="history-change">
          <Text span size="xs" fw={600}>
            {row.label}:
          </Text>{' '}
          {!isEmpty(row.before) && (
            <>
              <Text span size="xs" c="red" td="line-through">
                {show(row, row.before)}
              </Text>{' '}
              →{' '}
            </>
          )}
          <Text span size="xs" c={isEmpty(row.after) ? 'dimmed' : 'teal'}>
            {isEmpty(row.after) ? '—' : show(row, row.after)}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
