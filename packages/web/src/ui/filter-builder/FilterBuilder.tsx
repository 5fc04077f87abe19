import { ActionIcon, Box, Button, Flex, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Filter, FilterCondition, FilterFieldType, FilterOperator } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { isComplete, newCondition, operatorsFor, withOperator, type FilterFieldInfo } from './filterModel';
import { ValueEditor, type RefPickers } from './ValueEditor';

// Translations live in features/clients/locales under `filterBuilder` (merged globally).

interface FilterBuilderProps {
  fields: FilterFieldInfo[];
  value: Filter;
  onChange: (filter: Filter) => void;
  pickers: RefPickers;
  /** The most conditions a filter may hold (the server's limit). */
  max?: number;
}

/** Conditions over a catalog of fields — field, then an operator that fits its type, then a value — joined by AND or OR. */
export function FilterBuilder({ fields, value, onChange, pickers, max = 30 }: FilterBuilderProps) {
  const { t } = useTranslation();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const fieldData = groupedFieldOptions(fields);

  const setCondition = (index: number, next: FilterCondition) =>
    onChange({ ...value, conditions: value.conditions.map((c, i) => (i === index ? next : c)) });
  const remove = (index: number) => onChange({ ...value, conditions: value.conditions.filter((_, i) => i !== index) });
  const add = () => {
    const first = fields[0];
    if (first) onChange({ ...value, conditions: [...value.conditions, newCondition(first)] });
  };

  return (
    <Stack gap="sm" data-testid="filter-builder">
      {value.conditions.length > 1 && (
        <Group gap="xs">
          <Text size="sm">{t('filterBuilder.matchLabel')}</Text>
          <SegmentedControl
            size="xs"
            aria-label={t('filterBuilder.matchLabel')}
            value={value.match}
            onChange={(m) => onChange({ ...value, match: m === 'any' ? 'any' : 'all' })}
            data={[
              { value: 'all', label: t('filterBuilder.matchAll') },
              { value: 'any', label: t('filterBuilder.matchAny') },
            ]}
          />
        </Group>
      )}
      {value.conditions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('filterBuilder.none')}
        </Text>
      )}
      {value.conditions.map((condition, index) => {
        const field = byKey.get(condition.field);
        const incomplete = !isComplete(condition);
        return (
          <Box
            key={index}
            p="xs"
            role="group"
            aria-label={t('filterBuilder.condition', { n: index + 1 })}
            data-testid={`filter-condition-${index}`}
            style={{
              border: `1px solid var(--mantine-color-${incomplete ? 'orange-4' : 'default-border'})`,
              borderRadius: 'var(--mantine-radius-md)',
            }}
          >
            {index > 0 && (
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
                {value.match === 'any' ? t('filterBuilder.or') : t('filterBuilder.and')}
              </Text>
            )}
            <Flex gap="xs" wrap="wrap" align="flex-start">
              <Select
                aria-label={t('filterBuilder.field')}
                data={fieldData}
                value={condition.field}
                searchable
                // Typing part of a field's name and pressing Enter picks it, without reaching for the mouse.
                selectFirstOptionOnChange
                allowDeselect={false}
                onChange={(key) => {
                  const next = key ? byKey.get(key) : undefined;
                  if (next) setCondition(index, newCondition(next));
                }}
                style={{ flex: '1 1 180px' }}
                comboboxProps={{ withinPortal: true }}
              />
              {field && (
                <Select
                  aria-label={t('filterBuilder.operator')}
                  data={operatorsFor(field.type).map((op) => ({ value: op, label: operatorLabel(t, field.type, op) }))}
                  value={condition.op}
                  allowDeselect={false}
                  onChange={(op) => op && setCondition(index, withOperator(condition, field.type, op as FilterOperator))}
                  style={{ flex: '1 1 150px' }}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={() => remove(index)}
                aria-label={t('filterBuilder.remove')}
                data-testid={`filter-remove-${index}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Flex>
            {field ? (
              <Box mt={6}>
                <ValueEditor field={field} condition={condition} onChange={(v) => setCondition(index, { ...condition, value: v })} pickers={pickers} />
              </Box>
            ) : (
              <Text size="sm" c="orange" mt={6}>
                {t('filterBuilder.unknownField')}
              </Text>
            )}
          </Box>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          disabled={value.conditions.length >= max || fields.length === 0}
          data-testid="filter-add"
        >
          {t('filterBuilder.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function groupedFieldOptions(fields: FilterFieldInfo[]) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  const plain: Array<{ value: string; label: string }> = [];
  for (const f of fields) {
    const item = { value: f.key, label: f.label };
    if (!f.group) plain.push(item);
    else groups.set(f.group, [...(groups.get(f.group) ?? []), item]);
  }
  return [...plain, ...[...groups].map(([group, items]) => ({ group, items }))];
}

export { isComplete };

/** Dates read better as "after" and "before" than as "greater" and "less". */
export function operatorLabel(t: (key: string) => string, type: FilterFieldType, op: FilterOperator): string {
  return type === 'date' || type === 'datetime' ? t(`filterBuilder.dateOps.${op}`) : t(`filterBuilder.ops.${op}`);
}
