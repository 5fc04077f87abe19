import { useState, type FormEvent } from 'react';
import { Button, Chip, Divider, Group, Input, Stack, Switch, Text, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { WorkingHours } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCompanyWorkingHours, useSaveCompanyWorkingHours, useSaveUserWorkingHours, useUserWorkingHours } from './useCalendar';

const FIELDS = ['workingHours.days', 'workingHours.from', 'workingHours.to'] as const;
/** ISO weekdays in the order a Russian week runs. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Days as chips, the start and end of the day as times. */
function HoursEditor({
  value,
  onChange,
  disabled,
  errors,
}: {
  value: WorkingHours;
  onChange: (v: WorkingHours) => void;
  disabled?: boolean;
  errors: ReturnType<typeof useFormErrors>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Input.Wrapper label={t('calendar.hours.days')} error={errors.errorFor('workingHours.days')}>
        <Chip.Group
          multiple
          value={value.days.map(String)}
          onChange={(days) => {
            errors.clearField('workingHours.days');
            onChange({ ...value, days: days.map(Number).sort((a, b) => a - b) });
          }}
        >
          <Group gap={6} mt={4}>
            {WEEKDAYS.map((d) => (
              <Chip key={d} value={String(d)} size="xs" disabled={disabled}>
                {t(`calendar.weekdays.${d}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <Group grow>
        <TimeInput
          label={t('calendar.hours.from')}
          value={value.from}
          disabled={disabled}
          onChange={(e) => {
            errors.clearField('workingHours.from');
            onChange({ ...value, from: e.currentTarget.value });
          }}
          error={errors.errorFor('workingHours.from')}
        />
        <TimeInput
          label={t('calendar.hours.to')}
          value={value.to}
          disabled={disabled}
          onChange={(e) => {
            errors.clearField('workingHours.to');
            onChange({ ...value, to: e.currentTarget.value });
          }}
          error={errors.errorFor('workingHours.to')}
        />
      </Group>
    </Stack>
  );
}

function UserHours({ user }: { user: { id: string; name: string } }) {
  const { t } = useTranslation();
  const hours = useUserWorkingHours(user.id);
  const save = useSaveUserWorkingHours();
  const errors = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<{ own: boolean; hours: WorkingHours } | null>(null);
  if (hours.isPending) return <LoadingState minHeight={80} />;
  if (hours.error) return <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />;
  const data = hours.data;
  const current = draft ?? { own: data.own !== null, hours: data.own ?? data.company };

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { userId: user.id, hours: current.own ? current.hours : null, version: data.version },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          setDraft(null);
          errors.clear();
        },
        onError: errors.handle,
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert problem={errors.problem} onReload={() => void hours.refetch().then(() => setDraft(null))} />
        <Switch
          label={t('calendar.hours.own', { name: user.name })}
          checked={current.own}
          disabled={!data.canEdit}
          onChange={(e) => setDraft({ ...current, own: e.currentTarget.checked })}
          data-testid="hours-own"
        />
        <HoursEditor value={current.hours} onChange={(h) => setDraft({ ...current, hours: h })} disabled={!data.canEdit || !current.own} errors={errors} />
        {!current.own && (
          <Text size="xs" c="dimmed">
            {t('calendar.hours.companyApplies')}
          </Text>
        )}
        {data.canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!draft} data-testid="hours-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function CompanyHours() {
  const { t } = useTranslation();
  const hours = useCompanyWorkingHours();
  const save = useSaveCompanyWorkingHours();
  const errors = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<WorkingHours | null>(null);
  if (hours.isPending) return <LoadingState minHeight={80} />;
  if (hours.error) return <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />;
  const data = hours.data;
  const current = draft ?? data.workingHours;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { hours: current, version: data.version },
          {
            onSuccess: () => {
              notifySuccess(t('common.saved'));
              setDraft(null);
              errors.clear();
            },
            onError: errors.handle,
          },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={5}>{t('calendar.hours.company')}</Title>
        <FormAlert problem={errors.problem} onReload={() => void hours.refetch().then(() => setDraft(null))} />
        <HoursEditor value={current} onChange={setDraft} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!draft}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An employee's working hours (their own, or the company's) and, for administrators, the company's. */
export function WorkingHoursPanel({ user }: { user: { id: string; name: string } }) {
  const companyEditor = useCan('settings', 'edit');
  return (
    <Stack>
      <UserHours user={user} />
      {companyEditor && (
        <>
          <Divider />
          <CompanyHours />
        </>
      )}
    </Stack>
  );
}
