import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ImportJobDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { Empty, ErrorState } from '../../ui/states';
import { ReportButton } from './ImportJobStep';
import { STATUS_COLORS } from './importModel';
import { useRecentImports } from './useImports';

function StatusBadge({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[job.status]} style={{ flexShrink: 0 }}>
      {t(`import.status.${job.status}`)}
    </Badge>
  );
}

function Counts({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (job.status === 'rejected') return <Text size="sm">{t('import.recent.rejectedRows', { count: job.rejectedCount })}</Text>;
  if (job.status !== 'done') return <Text size="sm">{t('import.job.processed', { done: fmt.number(job.processedRows), total: fmt.number(job.totalRows) })}</Text>;
  return (
    <Text size="sm">
      {t('import.recent.counts', { created: fmt.number(job.createdCount), updated: fmt.number(job.updatedCount), skipped: fmt.number(job.skippedCount) })}
    </Text>
  );
}

/** The user's latest imports: what came in, what was rejected, and the report to fix. */
export function RecentImports() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = useRecentImports();
  const rows = query.data?.items ?? [];

  const columns: Column<ImportJobDto>[] = [
    {
      key: 'file',
      header: t('import.recent.file'),
      render: (job) => (
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {job.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`import.objectTypes.${job.objectType}`)}
          </Text>
        </div>
      ),
    },
    { key: 'status', header: t('import.recent.status'), nowrap: true, render: (job) => <StatusBadge job={job} /> },
    { key: 'result', header: t('import.recent.result'), render: (job) => <Counts job={job} /> },
    { key: 'createdAt', header: t('import.recent.when'), nowrap: true, render: (job) => fmt.dateTime(job.createdAt) },
    { key: 'report', header: '', nowrap: true, render: (job) => (job.hasReport ? <ReportButton job={job} compact /> : null) },
  ];

  return (
    <Stack gap="sm" mt="xl">
      <Title order={3}>{t('import.recent.title')}</Title>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DataTable
          caption={t('import.recent.title')}
          rows={rows}
          columns={columns}
          rowKey={(job) => job.id}
          rowTestId={(job) => `import-recent-${job.id}`}
          loading={query.isPending}
          minWidth={760}
          renderCard={(job) => (
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                  {job.fileName}
                </Text>
                <StatusBadge job={job} />
              </Group>
              <Text size="xs" c="dimmed">
                {t(`import.objectTypes.${job.objectType}`)} · {fmt.dateTime(job.createdAt)}
              </Text>
              <Counts job={job} />
              {job.hasReport && <ReportButton job={job} compact />}
            </Stack>
          )}
          empty={<Empty icon={<IconFileImport size={28} />} title={t('import.recent.empty')} />}
        />
      )}
    </Stack>
  );
}
