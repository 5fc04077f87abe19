import { ActionIcon, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys, useOs } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SearchPalette } from './SearchPalette';

/** The header's search field (a button that opens the palette) and Ctrl+K / ⌘K from any page. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const [opened, palette] = useDisclosure(false);
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  // Also inside inputs: Ctrl+K types nothing there, and the user expects the palette everywhere.
  useHotkeys([['mod+K', () => palette.toggle()]], []);

  return (
    <>
      <UnstyledButton
        onClick={palette.open}
        visibleFrom="sm"
        aria-label={t('search.open', { keys: `${mod}+K` })}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="global-search"
        px="sm"
        h={36}
        w={{ sm: 220, md: 300 }}
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-default)',
        }}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <IconSearch size={16} style={{ opacity: 0.6, flexShrink: 0 }} />
            <Text size="sm" c="dimmed" truncate>
              {t('search.short')}
            </Text>
          </Group>
          <Kbd size="xs">{mod} K</Kbd>
        </Group>
      </UnstyledButton>
      <ActionIcon variant="default" size="lg" hiddenFrom="sm" onClick={palette.open} aria-label={t('search.title')} data-testid="global-search-mobile">
        <IconSearch size={18} />
      </ActionIcon>
      <SearchPalette opened={opened} onClose={palette.close} />
    </>
  );
}
