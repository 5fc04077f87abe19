import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Box, Center, Checkbox, Group, Loader, Paper, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';

// Translations of this component live in features/clients/locales under `listUi` (merged globally).

export interface VirtualColumn<T> {
  key: string;
  /** Plain text: the header, the sort button's label and the phone card's caption. */
  header: string;
  render: (row: T) => ReactNode;
  /** Width in pixels; the table never squeezes below the sum, it scrolls sideways instead. */
  width: number;
  sortable?: boolean;
}

export interface VirtualTableProps<T> {
  rows: T[];
  columns: VirtualColumn<T>[];
  rowKey: (row: T) => string;
  /** The accessible name of the table. */
  caption: string;
  loading?: boolean;
  empty?: ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  sort?: { field: string; descending: boolean };
  onSort?: (field: string) => void;
  /** With a selection the rows get checkboxes, and the header a "select all loaded" box. */
  selected?: ReadonlySet<string>;
  onSelectionChange?: (next: Set<string>) => void;
  /** The row's name, for its checkbox's label. */
  rowLabel?: (row: T) => string;
  onRowClick?: (row: T) => void;
  rowTestId?: (row: T) => string;
  /** On phones each row becomes this card. */
  renderCard?: (row: T) => ReactNode;
}

const ROW_HEIGHT = 44;
/** Light enough that coloured badges in a selected row stay readable. */
const SELECTED_BG = 'light-dark(var(--mantine-color-blue-0), var(--mantine-color-dark-5))';
const CARD_HEIGHT = 96;
const CHECK_WIDTH = 44;
/** Ask for the next keyset page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

/** Clicks on links, buttons and checkboxes inside a row do their own thing, not "open the row". */
function fromControl(event: MouseEvent): boolean {
  return (event.target as HTMLElement).closest('a, button, input, label, [role="checkbox"]') !== null;
}

/**
 * A long list in a fixed-height scroll box: only the visible rows are rendered, the next keyset page loads
 * as the end comes near, column widths stay fixed while scrolling, and on phones rows turn into cards.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, loading, empty, renderCard } = props;
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (loading) return <SkeletonRows columns={props.columns.length} phone={phone} />;
  if (rows.length === 0) return <>{empty}</>;
  return phone && renderCard ? <CardList {...props} renderCard={renderCard} /> : <GridTable {...props} />;
}

function useInfiniteTail<T>(props: VirtualTableProps<T>, lastIndex: number | undefined) {
  const { rows, hasMore, loadingMore, onLoadMore } = props;
  useEffect(() => {
    if (lastIndex !== undefined && lastIndex >= rows.length - PREFETCH_ROWS && hasMore && !loadingMore) onLoadMore?.();
  }, [lastIndex, rows.length, hasMore, loadingMore, onLoadMore]);
}

function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

function SelectAll<T>({ rows, rowKey, selected, onSelectionChange }: VirtualTableProps<T>) {
  const { t } = useTranslation();
  if (!selected || !onSelectionChange) return null;
  const all = rows.length > 0 && rows.every((r) => selected.has(rowKey(r)));
  const some = !all && rows.some((r) => selected.has(rowKey(r)));
  return (
    <Checkbox
      aria-label={t('listUi.selectAllLoaded', { count: rows.length })}
      checked={all}
      indeterminate={some}
      onChange={() => onSelectionChange(all ? new Set() : new Set(rows.map(rowKey)))}
      data-testid="select-all"
    />
  );
}

function SortButton({ column, sort, onSort }: { column: { key: string; header: string }; sort?: VirtualTableProps<unknown>['sort']; onSort: (f: string) => void }) {
  const { t } = useTranslation();
  const active = sort?.field === column.key;
  const Icon = !active ? IconArrowsSort : sort?.descending ? IconArrowDown : IconArrowUp;
  return (
    <UnstyledButton
      onClick={() => onSort(column.key)}
      aria-label={t('listUi.sortBy', { field: column.header })}
      style={{ font: 'inherit', fontWeight: 600, display: 'inline-flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}
    >
      <Text span inherit truncate>
        {column.header}
      </Text>
      <Icon size={14} style={{ flexShrink: 0, opacity: active ? 1 : 0.35 }} />
    </UnstyledButton>
  );
}

function GridTable<T>(props: VirtualTableProps<T>) {
  const { t } = useTranslation();
  const { rows, columns, rowKey, caption, sort, onSort, selected, onSelectionChange, onRowClick, rowTestId, rowLabel } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useInfiniteTail(props, last?.index);

  const selectable = Boolean(selected && onSelectionChange);
  const span = columns.length + (selectable ? 1 : 0);
  const minWidth = columns.reduce((sum, c) => sum + c.width, selectable ? CHECK_WIDTH : 0);
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);

  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <div
        ref={scrollRef}
        style={{ maxHeight: 'max(360px, calc(100dvh - 270px))', overflow: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={caption}
      >
        <Table
          highlightOnHover
          stickyHeader
          verticalSpacing={0}
          aria-label={caption}
          aria-rowcount={rows.length + 1}
          style={{ tableLayout: 'fixed', width: '100%', minWidth }}
        >
          <colgroup>
            {selectable && <col style={{ width: CHECK_WIDTH }} />}
            {columns.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
          <Table.Thead>
            <Table.Tr style={{ height: ROW_HEIGHT }}>
              {selectable && (
                <Table.Th>
                  <SelectAll {...props} />
                </Table.Th>
              )}
              {columns.map((c) => {
                const active = sort?.field === c.key;
                return (
                  <Table.Th
                    key={c.key}
                    style={{ whiteSpace: 'nowrap', overflow: 'hidden' }}
                    aria-sort={active ? (sort?.descending ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sortable && onSort ? <SortButton column={c} sort={sort} onSort={onSort} /> : <Text span fw={600} size="sm" truncate>{c.header}</Text>}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {top > 0 && (
              <tr aria-hidden>
                <td colSpan={span} style={{ height: top, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              const id = rowKey(row);
              const checked = selected?.has(id) ?? false;
              return (
                <Table.Tr
                  key={id}
                  data-testid={rowTestId?.(row)}
                  aria-rowindex={item.index + 2}
                  aria-selected={selectable ? checked : undefined}
                  bg={checked ? SELECTED_BG : undefined}
                  onClick={onRowClick ? (e) => !fromControl(e) && onRowClick(row) : undefined}
                  style={{ height: ROW_HEIGHT, cursor: onRowClick ? 'pointer' : undefined }}
                >
                  {selectable && (
                    <Table.Td>
                      <Checkbox
                        aria-label={t('listUi.selectRow', { name: rowLabel?.(row) ?? id })}
                        checked={checked}
                        onChange={() => onSelectionChange?.(toggle(selected ?? new Set(), id))}
                      />
                    </Table.Td>
                  )}
                  {columns.map((c) => (
                    <Table.Td key={c.key} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden>
                <td colSpan={span} style={{ height: bottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
        <Tail {...props} />
      </div>
    </Paper>
  );
}

function Tail<T>({ hasMore, loadingMore, onLoadMore }: VirtualTableProps<T>) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center py="sm">
      {loadingMore ? (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        </Group>
      ) : (
        <UnstyledButton onClick={onLoadMore} c="blue" fz="sm" data-testid="load-more">
          {t('common.loadMore')}
        </UnstyledButton>
      )}
    </Center>
  );
}

/** Where an element starts on the page; the window scrolls the cards, so the virtualizer needs it. */
function usePageTop(ref: React.RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  const measure = useRef(() => {
    const el = ref.current;
    if (!el) return;
    const next = Math.round(el.getBoundingClientRect().top + window.scrollY);
    setTop((old) => (old === next ? old : next));
  });
  // After every render (a bulk bar or filter chips above may have moved the list), and on resizes.
  useLayoutEffect(() => measure.current());
  useEffect(() => {
    const observer = new ResizeObserver(() => measure.current());
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return top;
}

/** On phones the page itself scrolls the cards: no box inside a box to fight with the thumb. */
function CardList<T>(props: VirtualTableProps<T> & { renderCard: (row: T) => ReactNode }) {
  const { t } = useTranslation();
  const { rows, rowKey, caption, selected, onSelectionChange, onRowClick, rowTestId, rowLabel, renderCard } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const pageTop = usePageTop(listRef);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
    gap: 8,
    scrollMargin: pageTop,
  });
  const items = virtualizer.getVirtualItems();
  useInfiniteTail(props, items[items.length - 1]?.index);
  const selectable = Boolean(selected && onSelectionChange);

  return (
    <Box>
      {selectable && (
        <Group gap="xs" mb="xs" px={4}>
          <SelectAll {...props} />
          <Text size="sm" c="dimmed">
            {t('listUi.selectAllShort')}
          </Text>
        </Group>
      )}
      <div ref={listRef} role="list" aria-label={caption} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          const id = rowKey(row);
          const checked = selected?.has(id) ?? false;
          return (
            <div
              key={id}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="listitem"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start - pageTop}px)` }}
            >
              <Paper
                withBorder
                radius="md"
                p="sm"
                data-testid={rowTestId?.(row)}
                bg={checked ? SELECTED_BG : undefined}
                onClick={onRowClick ? (e) => !fromControl(e) && onRowClick(row) : undefined}
                style={{ cursor: onRowClick ? 'pointer' : undefined }}
              >
                <Group align="flex-start" wrap="nowrap" gap="sm">
                  {selectable && (
                    <Checkbox
                      mt={2}
                      aria-label={t('listUi.selectRow', { name: rowLabel?.(row) ?? id })}
                      checked={checked}
                      onChange={() => onSelectionChange?.(toggle(selected ?? new Set(), id))}
                    />
                  )}
                  <Box style={{ flex: 1, minWidth: 0 }}>{renderCard(row)}</Box>
                </Group>
              </Paper>
            </div>
          );
        })}
      </div>
      <Tail {...props} />
    </Box>
  );
}

function SkeletonRows({ columns, phone }: { columns: number; phone: boolean }) {
  const { t } = useTranslation();
  if (phone) {
    return (
      <Stack gap="xs" role="status" aria-label={t('common.loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={84} radius="md" />
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" role="status" aria-label={t('common.loading')}>
      <Stack gap="md">
        <Skeleton height={14} width="40%" />
        {Array.from({ length: 10 }, (_, i) => (
          <Group key={i} gap="md" wrap="nowrap">
            {Array.from({ length: Math.min(columns, 6) }, (_, j) => (
              <Skeleton key={j} height={12} style={{ flex: j === 0 ? 2 : 1 }} />
            ))}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
