import { Alert, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconDownload, IconFileX } from '@tabler/icons-react';
import type { ImportJobDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { importApi } from './importApi';
import { progressPercent } from './importModel';
import { Stat } from './ImportPreviewStep';

/** The CSV of rejected rows; `compact` in the recent imports table, where the full wording is too long. */
export function ReportButton({ job, compact = false }: { job: Pick<ImportJobDto, 'id'>; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={importApi.reportUrl(job.id)}
      download
      size={compact ? 'xs' : 'sm'}
      variant="light"
      color="orange"
      leftSection={<IconDownload size={16} />}
      aria-label={t('import.job.downloadReport')}
      data-testid={compact ? `import-report-${job.id}` : 'import-report'}
    >
      {compact ? t('import.recent.report') : t('import.job.downloadReport')}
    </Button>
  );
}

/** Step 5: the background job's progress, then what it did — or why nothing was written. */
export function ImportJobStep({ job, onAgain }: { job: ImportJobDto; onAgain: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const listPath = job.objectType === 'organization' ? '/organizations' : '/persons';
  const percent = progressPercent(job);

  if (job.status === 'uploaded' || job.status === 'running') {
    return (
      <Stack gap="xs" data-testid="import-running">
        <Text fw={500}>{job.status === 'uploaded' ? t('import.job.queued') : t('import.job.running')}</Text>
        <Progress value={percent} size="lg" striped animated aria-label={t('import.job.progress')} data-testid="import-progress" />
        <Text size="sm" c="dimmed">
          {t('import.job.processed', { done: fmt.number(job.processedRows), total: fmt.number(job.totalRows) })}
        </Text>
      </Stack>
    );
  }

  const again = (
    <Button variant="default" onClick={onAgain} data-testid="import-again">
      {job.status === 'done' ? t('import.job.another') : t('import.job.uploadFixed')}
    </Button>
  );

  if (job.status === 'done') {
    return (
      <Stack gap="md" data-testid="import-result">
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('import.job.done')}>
          {job.finishedAt && <Text size="sm">{t('import.job.finishedAt', { at: fmt.dateTime(job.finishedAt) })}</Text>}
        </Alert>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Stat label={t('import.job.created')} value={job.createdCount} color="teal" testId="import-created" />
          <Stat label={t('import.job.updated')} value={job.updatedCount} color="blue" testId="import-updated" />
          <Stat label={t('import.job.skipped')} value={job.skippedCount} testId="import-skipped" />
        </SimpleGrid>
        <Group gap="xs">
          <Button component={Link} to={listPath} data-testid="import-open-list">
            {t(`import.job.openList.${job.objectType}`)}
          </Button>
          {again}
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="import-rejected">
      <Alert
        color={job.status === 'rejected' ? 'orange' : 'red'}
        icon={job.status === 'rejected' ? <IconFileX size={18} /> : <IconAlertCircle size={18} />}
        title={job.status === 'rejected' ? t('import.job.rejected', { count: job.rejectedCount }) : t('import.job.failed')}
        role="alert"
      >
        <Text size="sm">{job.status === 'rejected' ? t('import.job.rejectedHint') : (job.error ?? t('import.job.failedHint'))}</Text>
      </Alert>
      <Group gap="xs">
        {job.hasReport && <ReportButton job={job} />}
        {again}
      </Group>
    </Stack>
  );
}
