import { useState } from 'react';
import { Alert, Button, Group, Paper, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconArrowLeft, IconArrowRight, IconDatabaseImport, IconReload } from '@tabler/icons-react';
import type { ClientType, DuplicateStrategy, ImportMapping, ImportPreview, ImportUploadResult } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorTitle } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { LoadingState } from '../../ui/states';
import { ImportFileStep } from './ImportFileStep';
import { ImportJobStep } from './ImportJobStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportStrategyStep } from './ImportStrategyStep';
import { conflictingColumns, mappedCount } from './importModel';
import { RecentImports } from './RecentImports';
import { useCommitImport, useImportJob, usePreviewImport, useUploadImport } from './useImports';

const STEPS = ['file', 'mapping', 'strategy', 'preview', 'job'] as const;
/** Long button labels wrap on a phone instead of running off the screen. */
const WRAP = { label: { whiteSpace: 'normal', textAlign: 'center', paddingBlock: 6 } } as const;

/** The import wizard: file → columns → duplicates → check → import, and the recent imports under it. */
export default function ImportPage() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [params] = useSearchParams();
  const [objectType, setObjectType] = useState<ClientType>(params.get('type') === 'person' ? 'person' : 'organization');
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<ImportUploadResult | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [strategy, setStrategy] = useState<DuplicateStrategy>('skip');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | undefined>();

  const uploadFile = useUploadImport();
  const previewImport = usePreviewImport(upload?.id);
  const commit = useCommitImport(upload?.id);
  const job = useImportJob(jobId);

  const restart = () => {
    uploadFile.reset();
    previewImport.reset();
    commit.reset();
    setUpload(null);
    setPreview(null);
    setJobId(undefined);
    setStep(0);
  };

  const onFile = (file: File) => {
    previewImport.reset();
    uploadFile.mutate(
      { file, objectType },
      {
        onSuccess: (result) => {
          setUpload(result);
          setMapping(result.headers.map((_, i) => result.suggestedMapping[i] ?? null));
          setPreview(null);
          setStep(1);
        },
      },
    );
  };

  const check = () =>
    previewImport.mutate({ mapping, duplicateStrategy: strategy }, { onSuccess: (result) => (setPreview(result), setStep(3)) });
  const run = () => commit.mutate({ mapping, duplicateStrategy: strategy }, { onSuccess: (created) => (setJobId(created.id), setStep(4)) });

  const mappingInvalid = mappedCount(mapping) === 0 || conflictingColumns(mapping, upload?.fields ?? []).size > 0;
  const requestError = previewImport.error ?? commit.error;
  const back = (to: number) => (
    <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(to)} data-testid="import-back">
      {t('import.back')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Stepper
          active={step === 4 && job.data?.status === 'done' ? STEPS.length : step}
          onStepClick={(next) => next < step && step < 4 && setStep(next)}
          allowNextStepsSelect={false}
          size="sm"
          mb="lg"
        >
          {STEPS.map((key) => (
            <Stepper.Step key={key} label={phone ? undefined : t(`import.steps.${key}`)} aria-label={t(`import.steps.${key}`)} />
          ))}
        </Stepper>
        {phone && (
          <Text fw={600} mb="sm">
            {t('import.stepOf', { n: step + 1, total: STEPS.length, name: t(`import.steps.${STEPS[step]}`) })}
          </Text>
        )}

        {step === 0 && (
          <ImportFileStep
            objectType={objectType}
            onObjectType={(type) => (setObjectType(type), uploadFile.reset())}
            uploading={uploadFile.isPending}
            error={uploadFile.error}
            onFile={onFile}
          />
        )}
        {step === 1 && upload && <ImportMappingStep upload={upload} mapping={mapping} onChange={setMapping} />}
        {step === 2 && <ImportStrategyStep objectType={objectType} value={strategy} onChange={setStrategy} />}
        {step === 3 && preview && <ImportPreviewStep preview={preview} />}
        {step === 4 && (job.data ? <ImportJobStep job={job.data} onAgain={restart} /> : <LoadingState />)}
        {step === 4 && job.isError && !job.data && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} title={errorTitle(job.error)} role="alert" />
        )}

        {requestError != null && step > 0 && step < 4 && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} title={errorTitle(requestError)} role="alert" mt="md" data-testid="import-request-error" />
        )}

        {step > 0 && step < 4 && (
          <Group justify="space-between" mt="lg" gap="xs" align="flex-start">
            {back(step - 1)}
            <Group gap="xs" justify="flex-end" style={{ flex: '1 1 auto' }}>
              {step === 1 && (
                <Button rightSection={<IconArrowRight size={16} />} disabled={mappingInvalid} onClick={() => setStep(2)} data-testid="import-next">
                  {t('import.next')}
                </Button>
              )}
              {step === 2 && (
                <Button rightSection={<IconArrowRight size={16} />} loading={previewImport.isPending} onClick={check} data-testid="import-check">
                  {t('import.check')}
                </Button>
              )}
              {step === 3 && preview && (
                <>
                  <Button variant="default" leftSection={<IconReload size={16} />} onClick={restart} styles={WRAP} h="auto" mih={36} data-testid="import-upload-fixed">
                    {t('import.job.uploadFixed')}
                  </Button>
                  <Button
                    leftSection={<IconDatabaseImport size={16} />}
                    loading={commit.isPending}
                    onClick={run}
                    color={preview.invalid > 0 ? 'orange' : undefined}
                    styles={WRAP}
                    h="auto"
                    mih={36}
                    data-testid="import-commit"
                  >
                    {preview.invalid > 0 ? t('import.commitWithErrors') : t('import.commit', { count: preview.toCreate + preview.toUpdate })}
                  </Button>
                </>
              )}
            </Group>
          </Group>
        )}
      </Paper>
      <RecentImports />
    </>
  );
}
