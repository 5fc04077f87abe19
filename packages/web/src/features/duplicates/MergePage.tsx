import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconArrowsJoin } from '@tabler/icons-react';
import { isLocale, type ClientType, type OrganizationDto, type PersonDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCustomFieldDefs } from '../custom-fields/useCustomFields';
import { cardPath } from './DuplicateGroupCard';
import { MergeFieldTable } from './MergeFieldTable';
import { MergeUnited } from './MergeUnited';
import { defaultChoices, mergeRows, parseIds, toMergeBody, type MergeRecord } from './mergeModel';
import { useLinksOf, useMerge, useMergeRecords, usePersonsOf } from './useDuplicates';

const recordName = (type: ClientType, r: MergeRecord) => (type === 'organization' ? (r as OrganizationDto).name : (r as PersonDto).fullName);

/** Merge screen: pick the card that stays and the surviving value of each field; everything related moves to it. */
export default function MergePage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const type: ClientType = params.get('type') === 'person' ? 'person' : 'organization';
  const ids = useMemo(() => parseIds(params.get('ids')), [params]);

  const loaded = useMergeRecords(type, ids);
  const customDefs = useCustomFieldDefs(type);
  const links = useLinksOf(ids);
  const persons = usePersonsOf(ids, type === 'organization');
  const merge = useMerge();
  const [survivorId, setSurvivorId] = useState(ids[0] ?? '');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);

  const records = loaded.records;
  const rows = useMemo(
    () =>
      mergeRows(type, records, {
        locale: isLocale(i18n.language) ? i18n.language : 'ru',
        customDefs: customDefs.data ?? [],
        formatDate: (iso) => fmt.date(iso),
        words: { yes: t('common.yes'), no: t('common.no'), document: t('duplicates.mergeScreen.document') },
      }),
    [type, records, customDefs.data, i18n.language, fmt, t],
  );
  // Defaults follow the survivor: its filled-in values, then the first record that has one.
  useEffect(() => setChoices(defaultChoices(rows, records, survivorId)), [rows, records, survivorId]);

  const title = t(`duplicates.mergeScreen.title.${type}`);
  if (ids.length < 2) {
    return (
      <>
        <PageHeader title={title} />
        <Alert color="orange" icon={<IconAlertCircle size={18} />} title={t('duplicates.mergeScreen.needTwo')}>
          <Anchor component={Link} to="/duplicates">
            {t('duplicates.mergeScreen.toFinder')}
          </Anchor>
        </Alert>
      </>
    );
  }
  if (loaded.pending) return <LoadingState minHeight="50vh" />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.refetch} />;

  const names = records.map((r) => recordName(type, r));
  const survivor = records.find((r) => r.id === survivorId) ?? records[0]!;
  const allLinks = links.flatMap((q) => q.data ?? []);
  const allPersons = persons.data?.flat() ?? [];

  const submit = () =>
    merge.mutate(toMergeBody(type, records, survivor.id, choices), {
      onSuccess: (result) => {
        setConfirming(false);
        notifySuccess(t('duplicates.mergeScreen.done', { count: records.length }));
        void navigate(cardPath(type, result.survivorId), { replace: true });
      },
      onError: (error) => {
        setConfirming(false);
        notifyError(error, { onConflict: loaded.refetch });
      },
    });

  return (
    <>
      <PageHeader
        title={title}
        description={t('duplicates.mergeScreen.description', { count: records.length })}
        actions={
          <Button component={Link} to={`/duplicates${type === 'person' ? '?type=person' : ''}`} variant="default" leftSection={<IconArrowLeft size={16} />}>
            {t('duplicates.mergeScreen.toFinder')}
          </Button>
        }
      />
      <Stack gap="lg">
        <MergeFieldTable
          type={type}
          records={records}
          names={names}
          rows={rows}
          survivorId={survivor.id}
          choices={choices}
          onSurvivor={setSurvivorId}
          onChoose={(rowId, recordId) => setChoices((c) => ({ ...c, [rowId]: recordId }))}
        />
        <MergeUnited type={type} records={records} links={allLinks} persons={allPersons} />
        <Group justify="flex-end" gap="xs">
          <Button component={Link} to="/duplicates" variant="default">
            {t('common.cancel')}
          </Button>
          <Button leftSection={<IconArrowsJoin size={18} />} onClick={() => setConfirming(true)} data-testid="merge-submit">
            {t('duplicates.mergeScreen.submit', { count: records.length })}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('duplicates.mergeScreen.confirmTitle')}
        message={
          <Text size="sm">
            {t('duplicates.mergeScreen.confirmText', { count: records.length - 1, name: names[records.indexOf(survivor)] })}
          </Text>
        }
        confirmLabel={t('duplicates.mergeScreen.confirm')}
        color="blue"
        loading={merge.isPending}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
