import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { ABSENCE_KINDS, type AbsenceDto, type AbsenceKind } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { addDays } from '../tasks/repeatModel';
import { dayOf } from '../tasks/taskModel';
import { useAbsences, useDeleteAbsence, useSaveAbsence, useUserWorkingHours } from './useCalendar';

const KIND_COLORS: Record<AbsenceKind, string> = { vacation: 'teal', sick_leave: 'red', business_trip: 'indigo', day_off: 'gray', other: 'yellow' };
const FIELDS = ['kind', 'startsOn', 'endsOn', 'note'] as const;

interface Draft {
  id?: string;
  version?: number;
  kind: AbsenceKind;
  startsOn: string;
  endsOn: string;
  note: string;
}
const EMPTY: Draft = { kind: 'vacation', startsOn: '', endsOn: '', note: '' };

/** Enter in a date field accepts the typed date; the form is sent by its button, not before the user is done. */
const keepEnter = (e: KeyboardEvent<HTMLInputElement>) => {
  if (e.key === 'Enter') e.preventDefault();
};

/** A day a number of days from today, to list absences that are not long over. */
/** A day counted from today in the user's time zone (in UTC, evenings east of Greenwich would be tomorrow). */
function daysFromToday(days: number, timeZone: string): string {
  return addDays(dayOf(new Date().toISOString(), timeZone), days);
}

/** An employee's absences from a month ago on, and a form to add or change one (when allowed). */
export function AbsencesPanel({ user }: { user: { id: string; name: string } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const absences = useAbsences(user.id, daysFromToday(-31, fmt.timeZone));
  const rights = useUserWorkingHours(user.id);
  const canEdit = rights.data?.canEdit ?? false;
  const save = useSaveAbsence();
  const remove = useDeleteAbsence();
  const errors = useFormErrors(FIELDS);
  const [draft, setDraftState] = useState<Draft>(EMPTY);
  // A new draft remounts the inputs: a date input keeps the text typed into it even when its value is cleared.
  const [formKey, setFormKey] = useState(0);
  const setDraft = (next: Draft) => {
    setDraftState(next);
    setFormKey((k) => k + 1);
  };
  const [deleting, setDeleting] = useState<AbsenceDto | null>(null);
  const set = (patch: Partial<Draft>) => {
    setDraftState((d) => ({ ...d, ...patch }));
    for (const key of Object.keys(patch)) errors.clearField(key);
  };
  const day = (value: string) => fmt.date(`${value}T12:00:00Z`);

  function submit(e: FormEvent) {
    e.preventDefault();
    const fields = { kind: draft.kind, startsOn: draft.startsOn, endsOn: draft.endsOn || draft.startsOn, note: draft.note.trim() || null };
    const body = draft.id ? { ...fields, version: draft.version! } : { ...fields, userId: user.id };
    save.mutate(
      { id: draft.id, body },
      {
        onSuccess: () => {
          notifySuccess(draft.id ? t('calendar.absences.updated') : t('calendar.absences.created'));
          setDraft(EMPTY);
          errors.clear();
        },
        onError: errors.handle,
      },
    );
  }

  return (
    <Stack>
      {absences.isPending ? (
        <LoadingState minHeight={80} />
      ) : absences.error ? (
        <ErrorState error={absences.error} onRetry={() => void absences.refetch()} />
      ) : absences.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('calendar.absences.none', { name: user.name })}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="absence-list">
          {absences.data.items.map((a) => (
            <Paper key={a.id} withBorder p="xs" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Badge color={KIND_COLORS[a.kind]} variant="light">
                      {t(`calendar.absenceKinds.${a.kind}`)}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {a.startsOn === a.endsOn ? day(a.startsOn) : `${day(a.startsOn)} – ${day(a.endsOn)}`}
                    </Text>
                  </Group>
                  {a.note && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {a.note}
                    </Text>
                  )}
                  {a.createdBy && a.createdBy.id !== a.user.id && (
                    <Text size="xs" c="dimmed">
                      {t('calendar.absences.enteredBy', { name: a.createdBy.name })}
                    </Text>
                  )}
                </Stack>
                {a.canEdit && (
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('calendar.absences.edit')} withArrow>
                      <ActionIcon
                        variant="subtle"
                        onClick={() => {
                          errors.clear();
                          setDraft({ id: a.id, version: a.version, kind: a.kind, startsOn: a.startsOn, endsOn: a.endsOn, note: a.note ?? '' });
                        }}
                        aria-label={t('calendar.absences.edit')}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common.delete')} withArrow>
                      <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(a)} aria-label={t('common.delete')}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}

      {canEdit && (
        <form key={formKey} onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={5}>{draft.id ? t('calendar.absences.editTitle') : t('calendar.absences.addTitle')}</Title>
            <FormAlert problem={errors.problem} onReload={() => void absences.refetch().then(() => setDraft(EMPTY))} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('calendar.absences.kind')}
                data={ABSENCE_KINDS.map((k) => ({ value: k, label: t(`calendar.absenceKinds.${k}`) }))}
                value={draft.kind}
                onChange={(v) => v && set({ kind: v as AbsenceKind })}
                allowDeselect={false}
                error={errors.errorFor('kind')}
                comboboxProps={{ withinPortal: true }}
                data-testid="absence-kind"
              />
              <DateField
                label={t('calendar.absences.startsOn')}
                value={draft.startsOn}
                onChange={(v) => set({ startsOn: v })}
                error={errors.errorFor('startsOn')}
                onKeyDown={keepEnter}
                required
                data-testid="absence-starts"
              />
              <DateField
                label={t('calendar.absences.endsOn')}
                value={draft.endsOn}
                onChange={(v) => set({ endsOn: v })}
                error={errors.errorFor('endsOn')}
                onKeyDown={keepEnter}
                placeholder={t('calendar.absences.sameDay')}
                data-testid="absence-ends"
              />
            </SimpleGrid>
            <TextInput
              label={t('calendar.absences.note')}
              value={draft.note}
              onChange={(e) => set({ note: e.currentTarget.value })}
              error={errors.errorFor('note')}
              maxLength={1000}
            />
            <Group justify="flex-end">
              {draft.id && (
                <Button variant="default" onClick={() => setDraft(EMPTY)}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={save.isPending} disabled={!draft.startsOn} data-testid="absence-save">
                {draft.id ? t('common.save') : t('calendar.absences.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {!canEdit && rights.data && (
        <Text size="sm" c="dimmed">
          {t('calendar.absences.readOnly')}
        </Text>
      )}

      <ConfirmDialog
        opened={deleting !== null}
        title={t('calendar.absences.deleteTitle')}
        message={deleting ? t('calendar.absences.deleteText', { kind: t(`calendar.absenceKinds.${deleting.kind}`), from: day(deleting.startsOn), to: day(deleting.endsOn) }) : ''}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, version: deleting.version },
            {
              onSuccess: () => {
                notifySuccess(t('calendar.absences.deleted'));
                setDeleting(null);
              },
              onError: (error) => {
                setDeleting(null);
                notifyError(error, { onConflict: () => void absences.refetch() });
              },
            },
          )
        }
      />
    </Stack>
  );
}
