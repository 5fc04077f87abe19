import { useEffect, useMemo, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUserOptions } from './useUsers';

interface UserPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  /** The current choice's name, so it shows before any search has run. */
  selected?: { id: string; name: string } | null;
  onChange: (id: string | null, name: string | null) => void;
  /** Users who may not be picked (a user cannot be their own manager). */
  excludeId?: string;
}

/** Picks an employee by typing part of a name; the server searches, so it works for any company size. */
export function UserPicker({ value, selected, onChange, excludeId, ...rest }: UserPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(selected?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState(selected ?? null);
  // Cleared from outside (a "reset filters" button): drop the old name from the search box too.
  useEffect(() => {
    if (value === null && known !== null) {
      setKnown(null);
      setSearch('');
    }
  }, [value, known]);
  // Once a user is picked, the search box shows their name; searching by it would hide everyone else.
  const query = known && debounced === known.name ? '' : debounced;
  const options = useUserOptions(query);

  const data = useMemo(() => {
    const items = (options.data?.items ?? [])
      .filter((u) => u.id !== excludeId)
      .map((u) => ({ value: u.id, label: u.name }));
    if (known && !items.some((i) => i.value === known.id)) items.unshift({ value: known.id, label: known.name });
    return items;
  }, [options.data, excludeId, known]);

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
