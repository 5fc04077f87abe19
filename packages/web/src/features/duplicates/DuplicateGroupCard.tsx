import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsJoin } from '@tabler/icons-react';
import type { ClientType, DuplicateGroup, DuplicateRecord } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../ui/format';

export const cardPath = (type: ClientType, id: string) => `/${type === 'organization' ? 'organizations' : 'persons'}/${id}`;

function RecordLine({ type, record }: { type: ClientType; record: DuplicateRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const details = [
    record.inn && t('duplicates.inn', { inn: record.inn }),
    record.position,
    record.organization?.name,
    record.phone,
    record.email,
  ].filter(Boolean);
  return (
    <div style={{ minWidth: 0 }}>
      <Anchor component={Link} to={cardPath(type, record.id)} fw={500} style={{ overflowWrap: 'anywhere' }}>
        {record.name}
      </Anchor>
      {details.length > 0 && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {details.join(' · ')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {[record.responsible?.name, t('duplicates.createdAt', { at: fmt.date(record.createdAt) })].filter(Boolean).join(' · ')}
      </Text>
    </div>
  );
}

/** One group of likely duplicates: why they look alike, the records, and the way to merge some or all of them. */
export function DuplicateGroupCard({ type, group }: { type: ClientType; group: DuplicateGroup }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>(() => group.records.map((r) => r.id));
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  // Keep the order the group lists them in: the first stays the suggested survivor.
  const ids = group.records.map((r) => r.id).filter((id) => selected.includes(id));

  return (
    <Paper withBorder radius="md" p="md" data-testid="duplicate-group">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Group gap="xs" style={{ minWidth: 0 }}>
            <Badge variant="light" color={group.reason === 'name' ? 'grape' : 'orange'}>
              {t(`duplicates.reasons.${group.reason}`)}
            </Badge>
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {group.key}
            </Text>
          </Group>
          <Button
            size="xs"
            leftSection={<IconArrowsJoin size={16} />}
            disabled={ids.length < 2}
            onClick={() => void navigate(`/duplicates/merge?type=${type}&ids=${ids.join(',')}`)}
            data-testid="duplicate-merge"
          >
            {t('duplicates.merge', { count: ids.length })}
          </Button>
        </Group>
        {group.records.map((record) => (
          <Group key={record.id} wrap="nowrap" align="flex-start" gap="sm">
            <Checkbox
              mt={3}
              checked={selected.includes(record.id)}
              onChange={(e) => toggle(record.id, e.currentTarget.checked)}
              aria-label={t('duplicates.include', { name: record.name })}
            />
            <RecordLine type={type} record={record} />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
