import type { ComponentType } from 'react';
import { Group, MultiSelect, NumberInput, SegmentedControl, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/ru';
import 'dayjs/locale/uk';
import type { FilterCondition } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { valueShape, type FilterFieldInfo } from './filterModel';

/** A picker of records (users, organizations, persons, groups) that yields their ids. */
export interface RefPickerProps {
  value: string[];
  onChange: (ids: string[]) => void;
  'aria-label': string;
}
export type RefPickers = Partial<Record<'user' | 'organization' | 'person' | 'group', ComponentType<RefPickerProps>>>;

type Scalar = string | number | boolean;

interface ValueEditorProps {
  field: FilterFieldInfo;
  condition: FilterCondition;
  onChange: (value: FilterCondition['value']) => void;
  pickers: RefPickers;
}

const asList = (v: FilterCondition['value']): Scalar[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const asText = (v: Scalar | undefined) => (v === undefined ? '' : String(v));

/** The value input that fits the field's type and the chosen operator. */
export function ValueEditor({ field, condition, onChange, pickers }: ValueEditorProps) {
  const { t, i18n } = useTranslation();
  const shape = valueShape(condition.op);
  const label = t('filterBuilder.value', { field: field.label });
  if (shape === 'none') return null;

  if (field.type === 'boolean') {
    return (
      <SegmentedControl
        aria-label={label}
        value={condition.value === false ? 'false' : 'true'}
        onChange={(v) => onChange(v === 'true')}
        data={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
      />
    );
  }

  if (field.type === 'enum' || field.type === 'multi_enum') {
    return (
      <MultiSelect
        aria-label={label}
        placeholder={t('filterBuilder.choose')}
        data={field.options ?? []}
        value={asList(condition.value).map(String)}
        onChange={onChange}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
    );
  }

  if (field.type === 'user' || field.type === 'organization' || field.type === 'person' || field.type === 'group') {
    const Picker = pickers[field.type];
    if (Picker) return <Picker aria-label={label} value={asList(condition.value).map(String)} onChange={onChange} />;
  }

  if (field.type === 'date' || field.type === 'datetime') {
    const locale = i18n.language;
    const format = locale === 'en' ? 'MMM D, YYYY' : 'DD.MM.YYYY';
    if (shape === 'pair') {
      const [from, to] = asList(condition.value).map(asText);
      return (
        <DatePickerInput
          type="range"
          aria-label={label}
          placeholder={t('filterBuilder.period')}
          locale={locale}
          valueFormat={format}
          value={[from || null, to || null]}
          onChange={([a, b]) => onChange([a ?? '', b ?? ''])}
          allowSingleDateInRange
          popoverProps={{ withinPortal: true }}
        />
      );
    }
    return (
      <DatePickerInput
        aria-label={label}
        placeholder={t('filterBuilder.date')}
        locale={locale}
        valueFormat={format}
        value={asText(asList(condition.value)[0]) || null}
        onChange={(v) => onChange(v ?? '')}
        popoverProps={{ withinPortal: true }}
      />
    );
  }

  if (field.type === 'number' || field.type === 'money') {
    const number = (value: Scalar | undefined, set: (v: Scalar) => void, aria: string) => (
      <NumberInput
        aria-label={aria}
        value={value === undefined || value === '' ? '' : Number(value)}
        onChange={(v) => set(v === '' ? '' : v)}
        decimalScale={field.type === 'money' ? 2 : undefined}
        style={{ flex: 1 }}
      />
    );
    if (shape === 'pair') {
      const [from, to] = asList(condition.value);
      return (
        <Group gap="xs" wrap="nowrap">
          {number(from, (v) => onChange([v, to ?? '']), t('filterBuilder.from'))}
          {number(to, (v) => onChange([from ?? '', v]), t('filterBuilder.to'))}
        </Group>
      );
    }
    return number(asList(condition.value)[0], (v) => onChange(v), label);
  }

  // Text: "is one of" takes several values, typed as tags; everything else one string.
  if (shape === 'list') {
    return (
      <MultiSelect
        aria-label={label}
        data={asList(condition.value).map(String)}
        value={asList(condition.value).map(String)}
        onChange={onChange}
        searchable
      />
    );
  }
  return (
    <TextInput
      aria-label={label}
      placeholder={t('filterBuilder.text')}
      value={asText(asList(condition.value)[0])}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
