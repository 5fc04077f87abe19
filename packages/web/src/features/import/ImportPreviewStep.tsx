import { Alert, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ImportPreview } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';

export function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId?: string }) {
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {fmt.number(value)}
      </Text>
    </Paper>
  );
}

/** Step 4: what the import would do, and the rows it would reject with the reason of each. */
export function ImportPreviewStep({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        <Stat label={t('import.preview.total')} value={preview.totalRows} testId="import-count-total" />
        <Stat label={t('import.preview.toCreate')} value={preview.toCreate} color="teal" testId="import-count-create" />
        <Stat label={t('import.preview.toUpdate')} value={preview.toUpdate} color="blue" testId="import-count-update" />
        <Stat label={t('import.preview.toSkip')} value={preview.toSkip} testId="import-count-skip" />
        <Stat label={t('import.preview.invalid')} value={preview.invalid} color={preview.invalid > 0 ? 'red' : undefined} testId="import-count-invalid" />
      </SimpleGrid>
      {preview.duplicates > 0 && (
        <Text size="sm" c="dimmed">
          {t('import.preview.duplicates', { count: preview.duplicates })}
        </Text>
      )}
      {preview.invalid === 0 ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('import.preview.allValid')} data-testid="import-preview-ok" />
      ) : (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('import.preview.hasErrors', { count: preview.invalid })} role="alert">
          <Text size="sm">{t('import.preview.allOrNothing')}</Text>
        </Alert>
      )}
      {preview.errors.length > 0 && (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={300} type="native" mah={420}>
            <Table verticalSpacing="xs" stickyHeader aria-label={t('import.preview.errorsTable')} data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ width: '4.5rem' }}>{t('import.preview.row')}</Table.Th>
                  <Table.Th style={{ width: '30%' }}>{t('import.preview.column')}</Table.Th>
                  <Table.Th>{t('import.preview.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.errors.map((e, i) => (
                  <Table.Tr key={`${e.row}-${e.field}-${i}`} data-testid={`import-error-row-${e.row}`}>
                    <Table.Td>{fmt.number(e.row)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.column ?? '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {preview.invalid > preview.errors.length && (
            <Text size="xs" c="dimmed" p="xs">
              {t('import.preview.moreErrors', { shown: preview.errors.length })}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
