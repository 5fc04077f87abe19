import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from './cells';
import { DEFAULT_COLUMNS, LOCKED_COLUMN, type ListField } from './listModel';
import type { ClientType } from '@kontakt/shared';

interface ColumnChooserProps {
  type: ClientType;
  fields: readonly ListField[];
  columns: readonly string[];
  onChange: (columns: string[]) => void;
}

/** Which columns the list shows and in what order; the name column always comes first. */
export function ColumnChooser({ type, fields, columns, onChange }: ColumnChooserProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const available = fields.filter((f) => f.column);
  const shown = columns.filter((c) => available.some((f) => f.key === c));
  const hidden = available.filter((f) => !shown.includes(f.key));
  const byKey = new Map(available.map((f) => [f.key, f]));
  const match = (f: ListField) => !search || fieldLabel(f, t).toLowerCase().includes(search.toLowerCase());

  const move = (index: number, delta: number) => {
    const next = [...shown];
    const target = index + delta;
    if (target < 1 || target >= next.length) return;
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange(next);
  };

  return (
    <Popover position="bottom-end" width={320} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="columns-button">
          {t('clients.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('clients.columns')}>
        <Stack gap="xs">
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder={t('clients.findColumn')}
            aria-label={t('clients.findColumn')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap={4} role="list" aria-label={t('clients.shownColumns')}>
              {shown.map((key, index) => {
                const field = byKey.get(key);
                if (!field || !match(field)) return null;
                const label = fieldLabel(field, t);
                const locked = key === LOCKED_COLUMN;
                return (
                  <Group key={key} justify="space-between" wrap="nowrap" gap={4} role="listitem">
                    <Checkbox
                      size="xs"
                      label={label}
                      checked
                      disabled={locked}
                      onChange={() => onChange(shown.filter((c) => c !== key))}
                      data-testid={`column-toggle-${key}`}
                    />
                    {!locked && (
                      <Group gap={0} wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray" size="sm" disabled={index <= 1} onClick={() => move(index, -1)} aria-label={t('clients.moveUp', { column: label })}>
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="gray" size="sm" disabled={index >= shown.length - 1} onClick={() => move(index, 1)} aria-label={t('clients.moveDown', { column: label })}>
                          <IconArrowDown size={14} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Group>
                );
              })}
              {hidden.some(match) && (
                <Text size="xs" c="dimmed" mt="xs" fw={600}>
                  {t('clients.hiddenColumns')}
                </Text>
              )}
              {hidden.filter(match).map((field) => (
                <Checkbox
                  key={field.key}
                  size="xs"
                  label={fieldLabel(field, t)}
                  checked={false}
                  onChange={() => onChange([...shown, field.key])}
                  data-testid={`column-toggle-${field.key}`}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Button size="xs" variant="subtle" onClick={() => onChange(DEFAULT_COLUMNS[type])}>
            {t('clients.defaultColumns')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
