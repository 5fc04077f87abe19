import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto } from '@kontakt/shared';
import { ACTIONS, SCOPES } from '@kontakt/shared/access';
import { flattenChanges } from './auditModel';

const isAction = (part: string) => (ACTIONS as readonly string[]).includes(part);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

function useValueText() {
  const { t } = useTranslation();
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') return (SCOPES as readonly string[]).includes(value) ? t(`scopes.${value}`) : value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    return JSON.stringify(value);
  };
}

/** The labels of dotted paths: `permissions.user.view` reads "Права · Сотрудники · Просмотр". */
function useFieldLabel() {
  const { t } = useTranslation();
  return (path: string, objectType: string) =>
    path
      .split('.')
      .map((part, i, parts) => {
        if (i > 0 && isAction(part)) return t(`actions.${part}`);
        // A person has a name where other records have a title.
        if (i === 0 && part === 'name' && objectType === 'user') return t('fields.name');
        const field = t(`auditFields.${part}`, { defaultValue: '' });
        const object = t(`objects.${part}`, { defaultValue: '' });
        // `user.view` inside a role's permissions names an object, not a field.
        const objectFirst = i > 0 || isAction(parts[i + 1] ?? '');
        return (objectFirst ? object || field : field || object) || part;
      })
      .join(' · ');
}

export function AuditChanges({ entry }: { entry: AuditEntryDto }) {
  const valueText = useValueText();
  const fieldLabel = useFieldLabel();
  const rows = flattenChanges(entry.changes);
  if (rows.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {rows.slice(0, 12).map((row) => (
        <Text key={row.field} size="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text span size="xs" fw={600}>
            {fieldLabel(row.field, entry.objectType)}:
          </Text>{' '}
          {/* A new value where there was none (creation) reads better without a struck-out dash. */}
          {!isEmpty(row.before) && (
            <>
              <Text span size="xs" c="red" td="line-through">
                {valueText(row.before)}
              </Text>{' '}
              →{' '}
            </>
          )}
          <Text span size="xs" c={isEmpty(row.after) ? 'dimmed' : 'teal'}>
            {valueText(row.after)}
          </Text>
        </Text>
      ))}
      {rows.length > 12 && (
        <Text size="xs" c="dimmed">
          +{rows.length - 12}
        </Text>
      )}
    </Stack>
  );
}
