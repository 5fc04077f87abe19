import { useEffect, useRef, type ReactNode } from 'react';
import { Box, Button, Center, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { LoadingState } from './states';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
  /** Keep short values (dates, badges) on one line so columns do not jump while scrolling. */
  nowrap?: boolean;
}

interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  onRowClick?: (row: T) => void;
  loading?: boolean;
  empty?: ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  caption?: string;
  /** On phones the rows become these cards instead of a sideways-scrolling table. */
  renderCard?: (row: T) => ReactNode;
}

/** Past this many rows only the visible ones are rendered; shorter lists stay plain and searchable with Ctrl+F. */
const VIRTUAL_FROM = 150;
const ROW_HEIGHT = 45;

/**
 * A list page's table with keyset paging: "load more" fetches the next page (`nextCursor`), and once the
 * list grows long it switches to virtual scrolling that asks for the next page near the end by itself.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, loading, empty, hasMore, loadingMore, onLoadMore, renderCard } = props;
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  if (loading) return <LoadingState />;
  if (rows.length === 0) return <>{empty}</>;

  const virtual = rows.length >= VIRTUAL_FROM;
  return (
    <Box>
      {phone && renderCard ? (
        <Stack gap="xs">
          {rows.map((row) => (
            <Paper
              key={props.rowKey(row)}
              withBorder
              radius="md"
              p="sm"
              data-testid={props.rowTestId?.(row)}
              onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
              style={props.onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {renderCard(row)}
            </Paper>
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {virtual ? <VirtualTable {...props} /> : <PlainTable {...props} />}
        </Paper>
      )}
      {hasMore && onLoadMore && (
        <Center mt="md">
          <Button variant="default" onClick={onLoadMore} loading={loadingMore} data-testid="load-more">
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
      <Text size="xs" c="dimmed" ta="center" mt="xs">
        {hasMore ? t('common.shownSoFar', { count: rows.length }) : t('common.shownAll', { count: rows.length })}
      </Text>
    </Box>
  );
}

function Head<T>({ columns }: { columns: Column<T>[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={c.key} style={{ width: c.width, whiteSpace: 'nowrap' }}>
            {c.header}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

function Row<T>({ row, props }: { row: T; props: DataTableProps<T> }) {
  const { columns, onRowClick, rowTestId } = props;
  return (
    <Table.Tr
      data-testid={rowTestId?.(row)}
      onClick={onRowClick ? () => onRowClick(row) : undefined}
      style={onRowClick ? { cursor: 'pointer' } : undefined}
    >
      {columns.map((c) => (
        <Table.Td key={c.key} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
          {c.render(row)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

function PlainTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, minWidth = 700, caption } = props;
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table highlightOnHover verticalSpacing="sm" aria-label={caption}>
        <Head columns={columns} />
        <Table.Tbody>
          {rows.map((row) => (
            <Row key={rowKey(row)} row={row} props={props} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VirtualTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, minWidth = 700, caption, hasMore, loadingMore, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && last.index >= rows.length - 10 && hasMore && !loadingMore) onLoadMore?.();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);
  return (
    <div ref={scrollRef} style={{ maxHeight: 'max(420px, calc(100dvh - 300px))', overflow: 'auto' }} tabIndex={0} aria-label={caption}>
      <Table highlightOnHover verticalSpacing="sm" stickyHeader miw={minWidth}>
        <Head columns={columns} />
        <Table.Tbody>
          {top > 0 && (
            <tr aria-hidden>
              <td colSpan={columns.length} style={{ height: top, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            return row === undefined ? null : <Row key={rowKey(row)} row={row} props={props} />;
          })}
          {bottom > 0 && (
            <tr aria-hidden>
              <td colSpan={columns.length} style={{ height: bottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
