import { Button, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { OBJECT_TYPES } from '@kontakt/shared/access';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../users/UserPicker';
import { AUDIT_ACTION_OPTIONS } from './auditModel';

export interface AuditFilterValues {
  actor: { id: string; name: string } | null;
  objectType: string | null;
  action: string | null;
  /** Calendar days (YYYY-MM-DD) in the user's time zone. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = { actor: null, objectType: null, action: null, from: '', to: '' };

export function AuditFilters({ value, onChange, canPickActor }: { value: AuditFilterValues; onChange: (v: AuditFilterValues) => void; canPickActor: boolean }) {
  const { t } = useTranslation();
  const set = <K extends keyof AuditFilterValues>(key: K, v: AuditFilterValues[K]) => onChange({ ...value, [key]: v });
  const any = value.actor || value.objectType || value.action || value.from || value.to;
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: canPickActor ? 5 : 4 }} spacing="sm">
        {canPickActor && (
          <UserPicker
            label={t('audit.actor')}
            placeholder={t('audit.anyone')}
            value={value.actor?.id ?? null}
            selected={value.actor}
            onChange={(id, name) => set('actor', id && name ? { id, name } : null)}
            data-testid="audit-actor"
          />
        )}
        <Select
          label={t('audit.objectType')}
          placeholder={t('audit.anyObject')}
          clearable
          data={[...OBJECT_TYPES, 'api_token', 'group', 'saved_view'].map((o) => ({ value: o, label: t(`objects.${o}`) }))}
          value={value.objectType}
          onChange={(v) => set('objectType', v)}
          data-testid="audit-object-type"
        />
        <Select
          label={t('audit.action')}
          placeholder={t('audit.anyAction')}
          clearable
          searchable
          data={AUDIT_ACTION_OPTIONS.map((a) => ({ value: a, label: t(`auditActions.${a}`) }))}
          value={value.action}
          onChange={(v) => set('action', v)}
          data-testid="audit-action"
        />
        <TextInput label={t('audit.from')} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set('from', e.currentTarget.value)} data-testid="audit-from" />
        <TextInput label={t('audit.to')} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set('to', e.currentTarget.value)} data-testid="audit-to" />
      </SimpleGrid>
      {any && (
        <Button variant="subtle" size="xs" mt="xs" leftSection={<IconFilterOff size={14} />} onClick={() => onChange(EMPTY_AUDIT_FILTERS)}>
          {t('common.resetFilters')}
        </Button>
      )}
    </Paper>
  );
}
