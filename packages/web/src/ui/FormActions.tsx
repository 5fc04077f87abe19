import { Button, Group, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The Cancel + submit pair at the foot of every dialog form. */
export function FormActions({
  submitLabel,
  onCancel,
  loading,
  color,
  testId,
}: {
  submitLabel: string;
  onCancel?: () => void;
  loading?: boolean;
  color?: MantineColor;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button variant="default" onClick={onCancel} disabled={loading}>
          {t('common.cancel')}
        </Button>
      )}
      <Button type="submit" color={color} loading={loading} data-testid={testId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
