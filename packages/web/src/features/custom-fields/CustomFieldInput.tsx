import { Anchor, Checkbox, MultiSelect, NativeSelect, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ClientType, CustomFieldDefDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../ui/format';
import { UserPicker } from '../users/UserPicker';
import { clientsApi } from '../client-card/clientsApi';
import { RecordPicker } from '../client-card/RecordPicker';
import type { FormValue } from './customFieldModel';
import { isEmptyValue } from './customFieldModel';
import { DateField, DateTimeField } from '../../ui/DateField';

/** The name of a user, organization or person a custom field points at (fetched once, then cached). */
export function useRefName(type: 'user' | ClientType, id: string | null) {
  return useQuery({
    queryKey: ['ref-name', type, id],
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async (): Promise<string> => {
      if (!id) return '';
      if (type === 'user') return (await api.users.get(id)).name;
      if (type === 'organization') return (await clientsApi.organizations.get(id)).name;
      return (await clientsApi.persons.get(id)).fullName;
    },
  });
}

interface CustomFieldInputProps {
  def: CustomFieldDefDto;
  value: FormValue;
  onChange: (value: FormValue) => void;
  error?: string;
}

/** One input per field type; labels and test ids carry the field's key so tests and screen readers find them. */
export function CustomFieldInput({ def, value, onChange, error }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const testId = `custom-${def.key}`;
  const common = { label: def.label, required: def.required, error, 'data-testid': testId };
  const text = typeof value === 'string' ? value : '';
  const refId = typeof value === 'string' && value ? value : null;
  const refName = useRefName(def.type === 'user' || def.type === 'organization' || def.type === 'person' ? def.type : 'user', def.type === 'user' || def.type === 'organization' || def.type === 'person' ? refId : null);

  switch (def.type) {
    case 'long_text':
      return <Textarea {...common} autosize minRows={2} maxRows={8} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return <TextInput {...common} inputMode="decimal" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'money':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          rightSection={<Text size="xs" c="dimmed">₽</Text>}
        />
      );
    case 'date':
      return <DateField {...common} value={text} onChange={onChange} />;
    case 'datetime':
      return <DateTimeField {...common} value={text} onChange={onChange} />;
    case 'checkbox':
      return (
        <Checkbox
          label={def.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          data-testid={testId}
          mt="xs"
        />
      );
    case 'choice':
      return (
        <NativeSelect
          {...common}
          data={[{ value: '', label: t('customFields.notChosen') }, ...def.options.map((o) => ({ value: o.value, label: o.label }))]}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'multi_choice':
      return (
        <MultiSelect
          {...common}
          data={def.options.map((o) => ({ value: o.value, label: o.label }))}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
          clearable
        />
      );
    case 'user':
      return (
        <UserPicker
          {...common}
          key={refName.data ? 'named' : 'unnamed'}
          value={refId}
          selected={refId && refName.data ? { id: refId, name: refName.data } : null}
          onChange={(id) => onChange(id)}
        />
      );
    case 'organization':
    case 'person':
      return (
        <RecordPicker
          {...common}
          key={refName.data ? 'named' : 'unnamed'}
          type={def.type}
          value={refId}
          selected={refId && refName.data ? { id: refId, name: refName.data } : null}
          onChange={(id) => onChange(id)}
        />
      );
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

function RefLink({ type, id }: { type: 'user' | ClientType; id: string }) {
  const name = useRefName(type, id);
  const path = type === 'user' ? 'users' : type === 'organization' ? 'organizations' : 'persons';
  return (
    <Anchor component={Link} to={`/${path}/${id}`} size="sm">
      {name.data || (name.isPending ? '…' : id.slice(0, 8))}
    </Anchor>
  );
}

/** A stored value as text: choices by their labels, money and numbers in the user's locale, links as links. */
export function CustomFieldValue({ def, value }: { def: CustomFieldDefDto; value: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (def.type === 'checkbox') return <>{value === true ? t('common.yes') : t('common.no')}</>;
  if (isEmptyValue(value)) return null;
  switch (def.type) {
    case 'choice':
      return <>{def.options.find((o) => o.value === value)?.label ?? String(value)}</>;
    case 'multi_choice':
      return <>{(Array.isArray(value) ? value : []).map((v) => def.options.find((o) => o.value === v)?.label ?? String(v)).join(', ')}</>;
    case 'money': {
      const n = Number(value);
      return <>{Number.isFinite(n) ? new Intl.NumberFormat(fmt.locale, { style: 'currency', currency: 'RUB' }).format(n) : String(value)}</>;
    }
    case 'number': {
      const n = Number(value);
      return <>{Number.isFinite(n) ? fmt.number(n) : String(value)}</>;
    }
    case 'date':
      return <>{fmt.date(`${String(value)}T12:00:00Z`)}</>;
    case 'datetime':
      return <>{fmt.dateTime(String(value))}</>;
    case 'user':
    case 'organization':
    case 'person':
      return <RefLink type={def.type} id={String(value)} />;
    default:
      return <>{String(value)}</>;
  }
}
