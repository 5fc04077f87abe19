import { useEffect, useMemo, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

export interface Named {
  id: string;
  name: string;
}

export interface SearchPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  /** The current choice's name, so it shows before any search has run. */
  selected?: Named | null;
  onChange: (id: string | null, name: string | null) => void;
  /** Records that may not be picked (an organization cannot be its own parent, nor a user their own manager). */
  excludeIds?: readonly string[];
}

/**
 * A select that asks the server as the user types (`useOptions` runs the query), so it works at any size
 * of the base; employees, organizations and persons are picked this way.
 */
export function SearchPicker({
  value,
  selected,
  onChange,
  excludeIds,
  useOptions,
  ...rest
}: SearchPickerProps & { useOptions: (query: string) => { data: readonly Named[] | undefined; isFetching: boolean } }) {
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
  // Once something is picked, the search box shows its name; searching by it would hide everything else.
  const query = known && debounced === known.name ? '' : debounced;
  const options = useOptions(query);

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
