import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Group, Kbd, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconSearch, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { errorTitle } from '../../ui/notify';
import { KindBadge } from '../clients/cells';
import { moveActive, searchItems, subtitleOf, type SearchItem } from './searchModel';
import { useGlobalSearch } from './searchApi';

interface SearchPaletteProps {
  opened: boolean;
  onClose: () => void;
}

/** The Ctrl+K window: one box, results grouped by type, ↑ ↓ to move, Enter to open, Esc to close. */
export function SearchPalette({ opened, onClose }: SearchPaletteProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      size="lg"
      padding={0}
      yOffset="10vh"
      radius="md"
      title={undefined}
      aria-label={t('search.title')}
      transitionProps={{ duration: 0 }}
    >
      <PaletteBody onClose={onClose} />
    </Modal>
  );
}

function PaletteBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const listId = useId();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const search = useGlobalSearch(q);
  const items = useMemo(() => (q ? searchItems(search.data) : []), [q, search.data]);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => setActive(items.length > 0 ? 0 : -1), [items]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const open = (item: SearchItem) => {
    onClose();
    void navigate(item.path);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => moveActive(a, e.key === 'ArrowDown' ? 1 : -1, items.length));
    } else if (e.key === 'Enter') {
      const item = items[active];
      if (item) {
        e.preventDefault();
        open(item);
      }
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;
  const typing = text.trim() !== q || (search.isFetching && !search.isPlaceholderData);
  const organizations = items.filter((i) => i.type === 'organization');
  const persons = items.filter((i) => i.type === 'person');

  return (
    <Box>
      <TextInput
        size="lg"
        variant="unstyled"
        px="md"
        py={4}
        data-autofocus
        // Focus on mount, not after the opening animation, so keys typed right after Ctrl+K are not lost.
        autoFocus
        placeholder={t('search.placeholder')}
        leftSection={search.isFetching ? <Loader size="xs" /> : <IconSearch size={20} />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t('search.title')}
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        aria-autocomplete="list"
        data-testid="search-input"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      />
      <Box ref={listRef} id={listId} role="listbox" aria-label={t('search.results')} mah="60vh" style={{ overflowY: 'auto' }} p="xs">
        {!q && (
          <Text size="sm" c="dimmed" p="sm">
            {t('search.hint')}
          </Text>
        )}
        {q && search.isError && (
          <Text size="sm" c="red" p="sm" role="alert">
            {isApiError(search.error) ? errorTitle(search.error) : t('errors.unexpected')}
          </Text>
        )}
        {q && search.isSuccess && items.length === 0 && !typing && (
          <Text size="sm" c="dimmed" p="sm" data-testid="search-empty">
            {t('search.nothing', { q })}
          </Text>
        )}
        <Section title={t('search.organizations')} items={organizations} offset={0} active={active} optionId={optionId} onOpen={open} onHover={setActive} />
        <Section title={t('search.persons')} items={persons} offset={organizations.length} active={active} optionId={optionId} onOpen={open} onHover={setActive} />
      </Box>
      <Group gap="md" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} visibleFrom="sm">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('search.keyMove')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> {t('search.keyOpen')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Esc</Kbd> {t('search.keyClose')}
        </Text>
      </Group>
    </Box>
  );
}

interface SectionProps {
  title: string;
  items: SearchItem[];
  offset: number;
  active: number;
  optionId: (i: number) => string;
  onOpen: (item: SearchItem) => void;
  onHover: (i: number) => void;
}

function Section({ title, items, offset, active, optionId, onOpen, onHover }: SectionProps) {
  if (items.length === 0) return null;
  return (
    <Stack gap={2} mb="xs" role="group" aria-label={title}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={6} pb={2}>
        {title}
      </Text>
      {items.map((item, i) => (
        <Result key={item.hit.id} item={item} index={offset + i} active={active === offset + i} id={optionId(offset + i)} onOpen={onOpen} onHover={onHover} />
      ))}
    </Stack>
  );
}

function Result({ item, index, active, id, onOpen, onHover }: { item: SearchItem; index: number; active: boolean; id: string; onOpen: (i: SearchItem) => void; onHover: (i: number) => void }) {
  const { t } = useTranslation();
  const subtitle = subtitleOf(item);
  const Icon = item.type === 'organization' ? IconBuilding : IconUser;
  const matched = item.hit.matched;
  const matchText =
    matched === 'name'
      ? null
      : matched === 'similar_name'
        ? t('search.matched.similar_name')
        : `${t(`search.matched.${matched}`)}: ${item.hit.matchedValue ?? (item.type === 'organization' ? item.hit.inn : '') ?? ''}`;
  return (
    <UnstyledButton
      id={id}
      role="option"
      aria-selected={active}
      data-index={index}
      tabIndex={-1}
      onClick={() => onOpen(item)}
      onMouseMove={() => !active && onHover(index)}
      px="sm"
      py={8}
      data-testid={`search-result-${item.type}`}
      style={{ borderRadius: 'var(--mantine-radius-sm)', background: active ? 'var(--mantine-primary-color-light)' : undefined, display: 'block', width: '100%' }}
    >
      <Group gap="sm" wrap="nowrap">
        <Icon size={18} style={{ flexShrink: 0, opacity: 0.6 }} />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {item.hit.name}
          </Text>
          {(subtitle || matchText) && (
            <Text size="xs" c="dimmed" truncate>
              {/* What matched comes first: on a phone the line is cut short, and it says why the row is here. */}
              {matchText && (
                <Text span inherit c="blue" data-testid="search-matched">
                  {matchText}
                </Text>
              )}
              {subtitle && matchText && ' · '}
              {subtitle}
            </Text>
          )}
        </Box>
        {item.type === 'organization' && <KindBadge kind={item.hit.kind} />}
      </Group>
    </UnstyledButton>
  );
}
