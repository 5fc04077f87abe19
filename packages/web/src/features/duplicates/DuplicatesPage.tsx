import { useMemo } from 'react';
import { Button, Center, Stack, Tabs, Text } from '@mantine/core';
import { IconBuilding, IconCopyCheck, IconUsers } from '@tabler/icons-react';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../ui/states';
import { DuplicateGroupCard } from './DuplicateGroupCard';
import { useDuplicateGroups } from './useDuplicates';

/** The duplicates finder over the whole base, one tab per record type. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const type: ClientType = params.get('type') === 'person' ? 'person' : 'organization';
  const groups = useDuplicateGroups(type);
  const items = useMemo(() => groups.data?.pages.flatMap((p) => p.items) ?? [], [groups.data]);

  return (
    <>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      <Tabs value={type} onChange={(value) => setParams(value === 'person' ? { type: 'person' } : {}, { replace: true })} mb="md">
        <Tabs.List>
          <Tabs.Tab value="organization" leftSection={<IconBuilding size={16} />} data-testid="duplicates-tab-organization">
            {t('duplicates.tabs.organization')}
          </Tabs.Tab>
          <Tabs.Tab value="person" leftSection={<IconUsers size={16} />} data-testid="duplicates-tab-person">
            {t('duplicates.tabs.person')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {groups.isPending ? (
        <LoadingState />
      ) : groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<IconCopyCheck size={28} />} title={t('duplicates.empty')} description={t('duplicates.emptyHint')} />
      ) : (
        <Stack gap="sm">
          {items.map((group) => (
            <DuplicateGroupCard key={`${group.reason}:${group.key}:${group.records.map((r) => r.id).join()}`} type={type} group={group} />
          ))}
          {groups.hasNextPage ? (
            <Center mt="sm">
              <Button variant="default" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage} data-testid="load-more">
                {t('common.loadMore')}
              </Button>
            </Center>
          ) : (
            <Text size="xs" c="dimmed" ta="center">
              {t('duplicates.shownAll', { count: items.length })}
            </Text>
          )}
        </Stack>
      )}
    </>
  );
}
