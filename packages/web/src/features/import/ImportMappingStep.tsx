import { useMemo } from 'react';
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ImportMapping, ImportUploadResult } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { conflictingColumns, mappedCount, sampleValues } from './importModel';

interface ImportMappingStepProps {
  upload: ImportUploadResult;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Step 2: each column of the file → a field (built-in or custom), with a few of its values to recognize it. */
export function ImportMappingStep({ upload, mapping, onChange }: ImportMappingStepProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const data = useMemo(() => {
    const builtIn = upload.fields.filter((f) => !f.key.startsWith('custom.'));
    const custom = upload.fields.filter((f) => f.key.startsWith('custom.'));
    const group = (items: typeof builtIn) => items.map((f) => ({ value: f.key, label: f.label }));
    return [
      { group: t('import.mapping.builtInFields'), items: group(builtIn) },
      ...(custom.length > 0 ? [{ group: t('import.mapping.customFields'), items: group(custom) }] : []),
    ];
  }, [upload.fields, t]);
  const labels = useMemo(() => new Map(upload.fields.map((f) => [f.key, f.label])), [upload.fields]);
  const conflicts = conflictingColumns(mapping, upload.fields);

  const set = (column: number, key: string | null) => {
    const next = [...mapping];
    while (next.length < upload.headers.length) next.push(null);
    next[column] = key;
    onChange(next);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('import.mapping.hint', { file: upload.fileName, rows: fmt.number(upload.totalRows) })}
        </Text>
        <Badge variant="light" data-testid="import-mapped-count">
          {t('import.mapping.mapped', { count: mappedCount(mapping), total: upload.headers.length })}
        </Badge>
      </Group>
      {upload.headers.map((header, column) => {
        const samples = sampleValues(upload, column);
        const value = mapping[column] ?? null;
        const other = conflicts.has(column)
          ? upload.headers.filter((_, c) => c !== column && mapping[c] === value).join(', ')
          : '';
        return (
          <Paper key={`${column}-${header}`} withBorder radius="md" p="sm" data-testid={`import-column-${column}`}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {header || t('import.mapping.untitled', { n: column + 1 })}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {samples.length > 0 ? samples.join(' · ') : t('import.mapping.noSamples')}
                </Text>
              </Stack>
              <Select
                aria-label={t('import.mapping.fieldFor', { column: header || column + 1 })}
                placeholder={t('import.mapping.skip')}
                data={data}
                value={value}
                onChange={(key) => set(column, key)}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
                error={conflicts.has(column) ? t('import.mapping.conflict', { field: labels.get(value ?? '') ?? value, other }) : undefined}
                data-testid={`import-mapping-${column}`}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
          </Paper>
        );
      })}
    </Stack>
  );
}
