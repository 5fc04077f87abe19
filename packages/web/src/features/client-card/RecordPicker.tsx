import { useMemo, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useRecordOptions } from './useClientCard';

interface RecordPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  type: ClientType;
  value: string | null;
  /** The current choice's name, so it shows before any search has run. */
  selected?: { id: string; name: string } | null;
  onChange: (id: string | null, name: string | null) => void;
  /** Records that may not be picked (an organization cannot be its own parent). */
  excludeIds?: string[];
}

/** Picks an organization or a person by typing part of the name; the server searches within the user's rights. */
export function RecordPicker({ type, value, selected, onChange, excludeIds, ...rest }: RecordPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(selected?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState(selected ?? null);
  const query = known && debounced === known.name ? '' : debounced;
  const options = useRecordOptions(type, query);

  const data = useMemo(() => {
    const items = (options.data ?? []).filter((r) => !excludeIds?.includes(r.id)).map((r) => ({ value: r.id, label: r.name }));
    if (known && !items.some((i) => i.value === known.id)) items.unshift({ value: known.id, label: known.name });
    return items;
  }, [options.data, excludeIds, known]);

  return (
    <Select
      {...rest}
      searchable
      clearable
      value={value}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('common.nothingFound')}
      onChange={(id, option) => {
        setKnown(id && option ? { id, name: option.label } : null);
        onChange(id, option?.label ?? null);
      }}
    />
  );
}
