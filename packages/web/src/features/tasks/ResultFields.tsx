import { Chip, Group, Input, NumberInput, Rating, Stack, Textarea } from '@mantine/core';
import type { TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { resultLabel } from './taskModel';

export interface ResultValues {
  resultKey: string | null;
  resultText: string;
  minutesSpent: number | '';
  interest: number;
}

/**
 * The result of a done task: one of the type's result options, a note, the time spent and — for a contact —
 * how interested the client was (1…5 stars).
 */
export function ResultFields({
  type,
  value,
  onChange,
  errorFor,
  compact = false,
}: {
  type: TaskTypeDto | undefined;
  value: ResultValues;
  onChange: (patch: Partial<ResultValues>) => void;
  errorFor?: (field: string) => string | undefined;
  /** In a popover: no note, smaller controls. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const options = type?.results ?? [];
  return (
    <Stack gap="xs">
      {options.length > 0 && (
        <Input.Wrapper label={t('tasks.fields.result')} error={errorFor?.('resultKey')}>
          <Chip.Group value={value.resultKey ?? ''} onChange={(key) => onChange({ resultKey: (key as string) || null })}>
            <Group gap={6} mt={4} role="radiogroup" aria-label={t('tasks.fields.result')}>
              {options.map((r) => (
                <Chip key={r.key} value={r.key} size={compact ? 'xs' : 'sm'} wrapperProps={{ 'data-testid': `result-${r.key}` }}>
                  {resultLabel(r.key, type, t)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
      )}
      {!compact && (
        <Textarea
          label={t('tasks.fields.resultText')}
          value={value.resultText}
          onChange={(e) => onChange({ resultText: e.currentTarget.value })}
          error={errorFor?.('resultText')}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="result-text"
        />
      )}
      <Group gap="md" align="flex-end" wrap="wrap">
        <NumberInput
          label={t('tasks.fields.minutesSpent')}
          value={value.minutesSpent}
          onChange={(n) => onChange({ minutesSpent: typeof n === 'number' ? n : '' })}
          error={errorFor?.('minutesSpent')}
          min={0}
          max={44640}
          w={150}
          size={compact ? 'xs' : 'sm'}
          data-testid="result-minutes"
        />
        {type?.isContact !== false && (
          <Input.Wrapper label={t('tasks.fields.interest')} error={errorFor?.('interest')}>
            <Rating
              value={value.interest}
              onChange={(interest) => onChange({ interest: interest === value.interest ? 0 : interest })}
              count={5}
              mt={6}
              aria-label={t('tasks.fields.interest')}
              data-testid="result-interest"
            />
          </Input.Wrapper>
        )}
      </Group>
    </Stack>
  );
}
