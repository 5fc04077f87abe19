import { Group, Text, UnstyledButton } from '@mantine/core';
import { FilterChip } from '../../ui/FilterChip';
import { CURRENT_USER_TOKEN, type Filter, type FilterCondition } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { operatorLabel } from '../../ui/filter-builder/FilterBuilder';
import { valueShape, type FilterFieldInfo } from '../../ui/filter-builder/filterModel';

interface FilterSummaryProps {
  fields: FilterFieldInfo[];
  filter: Filter;
  onRemove: (index: number) => void;
  onEdit: () => void;
  onClear: () => void;
}

const REF_TYPES = new Set(['user', 'organization', 'person', 'group']);

/** The applied conditions as removable chips, so the user sees why the list is short. */
export function FilterSummary({ fields, filter, onRemove, onEdit, onClear }: FilterSummaryProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (filter.conditions.length === 0) return null;
  const byKey = new Map(fields.map((f) => [f.key, f]));

  const valueText = (c: FilterCondition, field: FilterFieldInfo | undefined): string => {
    const shape = valueShape(c.op);
    if (shape === 'none') return '';
    const list = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
    if (field?.type === 'boolean') return c.value === false ? t('common.no') : t('common.yes');
    if (field && REF_TYPES.has(field.type)) {
      const others = list.filter((v) => v !== CURRENT_USER_TOKEN).length;
      const parts = list.includes(CURRENT_USER_TOKEN) ? [t('filterBuilder.me')] : [];
      if (others > 0) parts.push(t('clients.filter.records', { count: others }));
      return parts.join(', ');
    }
    const labels = list.map((v) => {
      if (field?.type === 'date' || field?.type === 'datetime') return fmt.date(String(v));
      return field?.options?.find((o) => o.value === v)?.label ?? String(v);
    });
    return shape === 'pair' ? labels.join(' — ') : labels.join(', ');
  };

  return (
    <Group gap={6} mb="sm" wrap="wrap" aria-label={t('clients.filter.applied')} role="list">
      {filter.conditions.length > 1 && (
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {filter.match === 'any' ? t('clients.filter.anyOf') : t('clients.filter.allOf')}
        </Text>
      )}
      {filter.conditions.map((c, i) => {
        const field = byKey.get(c.field);
        const name = field?.label ?? t('clients.filter.unknownField');
        // "Responsible: me" reads better than "Responsible any of me"; other operators say what they do.
        const label =
          c.op === 'in' || (c.op === 'eq' && field?.type === 'boolean')
            ? `${name}: ${valueText(c, field)}`
            : `${name} ${(field ? operatorLabel(t, field.type, c.op) : t(`filterBuilder.ops.${c.op}`)).toLowerCase()} ${valueText(c, field)}`.trim();
        return (
          <FilterChip
            key={i}
            label={label}
            removeLabel={t('clients.filter.removeCondition', { condition: label })}
            onRemove={() => onRemove(i)}
            onEdit={onEdit}
          />
        );
      })}
      <UnstyledButton onClick={onClear} fz="xs" c="dimmed" td="underline" data-testid="filter-clear">
        {t('common.resetFilters')}
      </UnstyledButton>
    </Group>
  );
}
