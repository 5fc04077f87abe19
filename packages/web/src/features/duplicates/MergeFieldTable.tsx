import { Anchor, Badge, Paper, Radio, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { cardPath } from './DuplicateGroupCard';
import type { MergeRecord, MergeRow } from './mergeModel';

interface MergeFieldTableProps {
  type: ClientType;
  records: MergeRecord[];
  names: string[];
  rows: MergeRow[];
  survivorId: string;
  choices: Record<string, string>;
  onSurvivor: (id: string) => void;
  onChoose: (rowId: string, recordId: string) => void;
}

/**
 * The records side by side: which card stays (its id, history and links are kept), and for each field a radio
 * on the value that stays. Phones get one block per field instead of columns.
 */
export function MergeFieldTable(props: MergeFieldTableProps) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return phone ? <StackedFields {...props} /> : <SideBySide {...props} />;
}

function RecordHeading({ type, record, name, index }: { type: ClientType; record: MergeRecord; name: string; index: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {t('duplicates.mergeScreen.record', { n: index + 1 })}
      </Text>
      <Anchor component={Link} to={cardPath(type, record.id)} target="_blank" fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {t('duplicates.createdAt', { at: fmt.date(record.createdAt) })}
      </Text>
    </Stack>
  );
}

/** A field with one value among the records: shown once, with where it comes from when not every record has it. */
function SameValue({ row, total }: { row: MergeRow; total: number }) {
  const { t } = useTranslation();
  const everywhere = row.filled.length === total;
  return (
    <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
      {row.values[row.filled[0] ?? 0]?.text}{' '}
      <Badge size="xs" variant="light" color={everywhere ? 'gray' : 'blue'} style={{ verticalAlign: 'middle' }}>
        {everywhere ? t('duplicates.mergeScreen.same') : t('duplicates.mergeScreen.onlyIn', { count: row.filled.length, records: row.filled.map((i) => i + 1).join(', ') })}
      </Badge>
    </Text>
  );
}

function SideBySide({ type, records, names, rows, survivorId, choices, onSurvivor, onChoose }: MergeFieldTableProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={200 + records.length * 240} type="native">
        <Table verticalSpacing="sm" layout="fixed" aria-label={t('duplicates.mergeScreen.fieldsTable')} data-testid="merge-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: 200 }}>{t('duplicates.mergeScreen.field')}</Table.Th>
              {records.map((record, i) => (
                <Table.Th key={record.id} style={{ verticalAlign: 'top' }}>
                  <Stack gap={6}>
                    <RecordHeading type={type} record={record} name={names[i]!} index={i} />
                    <Radio
                      name="merge-survivor"
                      checked={survivorId === record.id}
                      onChange={() => onSurvivor(record.id)}
                      label={t('duplicates.mergeScreen.keepCard')}
                      data-testid={`merge-survivor-${i}`}
                    />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} data-testid={`merge-row-${row.id}`}>
                <Table.Td fw={500} style={{ verticalAlign: 'top' }}>
                  {row.label}
                </Table.Td>
                {row.same ? (
                  <Table.Td colSpan={records.length}>
                    <SameValue row={row} total={records.length} />
                  </Table.Td>
                ) : (
                  records.map((record, i) => {
                    const value = row.values[i]!;
                    return (
                      <Table.Td key={record.id} style={{ verticalAlign: 'top' }}>
                        {value.key === null ? (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        ) : (
                          <Radio
                            name={`merge-${row.id}`}
                            checked={choices[row.id] === record.id}
                            onChange={() => onChoose(row.id, record.id)}
                            label={<span style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{value.text}</span>}
                            aria-label={t('duplicates.mergeScreen.choose', { field: row.label, value: value.text })}
                            data-testid={`merge-choice-${row.id}-${i}`}
                          />
                        )}
                      </Table.Td>
                    );
                  })
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function StackedFields({ type, records, names, rows, survivorId, choices, onSurvivor, onChoose }: MergeFieldTableProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="merge-table">
      <Paper withBorder radius="md" p="sm">
        <Radio.Group label={t('duplicates.mergeScreen.whichCard')} value={survivorId} onChange={onSurvivor}>
          <Stack gap="xs" mt="xs">
            {records.map((record, i) => (
              <Radio key={record.id} value={record.id} label={<RecordHeading type={type} record={record} name={names[i]!} index={i} />} data-testid={`merge-survivor-${i}`} />
            ))}
          </Stack>
        </Radio.Group>
      </Paper>
      {rows.map((row) => (
        <Paper key={row.id} withBorder radius="md" p="sm" data-testid={`merge-row-${row.id}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            {row.label}
          </Text>
          {row.same ? (
            <SameValue row={row} total={records.length} />
          ) : (
            <Radio.Group value={choices[row.id] ?? null} onChange={(id) => onChoose(row.id, id)} aria-label={row.label}>
              <Stack gap={6}>
                {records.map((record, i) =>
                  row.values[i]!.key === null ? null : (
                    <Radio
                      key={record.id}
                      value={record.id}
                      label={<span style={{ overflowWrap: 'anywhere' }}>{row.values[i]!.text}</span>}
                      description={t('duplicates.mergeScreen.record', { n: i + 1 })}
                      data-testid={`merge-choice-${row.id}-${i}`}
                    />
                  ),
                )}
              </Stack>
            </Radio.Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
