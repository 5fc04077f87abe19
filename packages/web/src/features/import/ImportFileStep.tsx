import { useRef, useState, type DragEvent } from 'react';
import { Alert, Button, List, Paper, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorTitle } from '../../ui/notify';
import { ACCEPT_ATTRIBUTE, hasAcceptedExtension } from './importModel';

interface ImportFileStepProps {
  objectType: ClientType;
  onObjectType: (type: ClientType) => void;
  uploading: boolean;
  error: unknown;
  onFile: (file: File) => void;
}

/** Step 1: what to import and the file, by drag and drop or the file dialog. */
export function ImportFileStep({ objectType, onObjectType, uploading, error, onFile }: ImportFileStepProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  const take = (file: File | undefined) => {
    if (!file) return;
    if (!hasAcceptedExtension(file.name)) {
      setLocalError(t('import.file.wrongType', { name: file.name }));
      return;
    }
    if (file.size === 0) {
      setLocalError(t('import.file.empty', { name: file.name }));
      return;
    }
    setLocalError(null);
    onFile(file);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  const details = isApiError(error) ? (error.problem.errors ?? []).map((e) => e.message) : [];
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={500} size="sm" id="import-type-label">
          {t('import.file.objectType')}
        </Text>
        <SegmentedControl
          aria-labelledby="import-type-label"
          value={objectType}
          onChange={(value) => onObjectType(value as ClientType)}
          data={[
            { value: 'organization', label: t('import.objectTypes.organization') },
            { value: 'person', label: t('import.objectTypes.person') },
          ]}
          data-testid="import-type"
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>

      <Paper
        withBorder
        radius="md"
        p="xl"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-dropzone"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-primary-color-filled)' : undefined,
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
          textAlign: 'center',
        }}
      >
        <Stack align="center" gap="sm">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconFileSpreadsheet size={28} />
          </ThemeIcon>
          <Text fw={500}>{t('import.file.drop')}</Text>
          <Text size="sm" c="dimmed" maw={520}>
            {t('import.file.formats')}
          </Text>
          <Button leftSection={<IconUpload size={18} />} loading={uploading} onClick={() => input.current?.click()} data-testid="import-choose">
            {t('import.file.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            hidden
            aria-label={t('import.file.choose')}
            data-testid="import-file"
            onChange={(e) => {
              take(e.currentTarget.files?.[0]);
              // The same file can be chosen again after it is fixed.
              e.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>

      {(localError || error != null) && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title={localError ?? errorTitle(error)} role="alert" data-testid="import-file-error">
          {!localError && details.length > 0 && (
            <List size="sm">
              {details.map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          )}
          <Text size="sm" mt={details.length > 0 ? 'xs' : 0}>
            {t('import.file.brokenHint')}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
