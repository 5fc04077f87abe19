import { Group, Radio, Stack, Text } from '@mantine/core';
import { DUPLICATE_STRATEGIES, type ClientType, type DuplicateStrategy } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';

/** Step 3: what to do with a row that matches an existing record (same INN, phone or email). */
export function ImportStrategyStep({ objectType, value, onChange }: { objectType: ClientType; value: DuplicateStrategy; onChange: (v: DuplicateStrategy) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t(`import.strategy.intro.${objectType}`)}
      </Text>
      <Radio.Group value={value} onChange={(v) => onChange(v as DuplicateStrategy)} aria-label={t('import.steps.strategy')}>
        <Stack gap="xs">
          {DUPLICATE_STRATEGIES.map((strategy) => (
            <Radio.Card key={strategy} value={strategy} radius="md" p="md" data-testid={`import-strategy-${strategy}`}>
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator />
                <div>
                  <Text fw={500}>{t(`import.strategy.${strategy}.label`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`import.strategy.${strategy}.description`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
