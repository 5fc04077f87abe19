import { Alert, Button, CopyButton, Group, Modal, SimpleGrid, Code, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown once: the server keeps only hashes of these codes. */
export function RecoveryCodesModal({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('twoFactor.recoveryCodesTitle')} centered closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {t('twoFactor.recoveryCodesWarning')}
        </Alert>
        <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
          {codes.map((code) => (
            <Code key={code} ta="center" fz="sm" py={6}>
              {code}
            </Code>
          ))}
        </SimpleGrid>
        <Group justify="space-between">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                {copied ? t('common.copied') : t('twoFactor.copyAll')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose} data-testid="recovery-codes-done">
            {t('twoFactor.savedCodes')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
