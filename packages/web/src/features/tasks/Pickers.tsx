import { useMemo, useState } from 'react';
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SearchPicker, type SearchPickerProps } from '../../ui/SearchPicker';
import { useUserOptions } from '../users/useUsers';
import type { Named } from './taskModel';
import { tasksApi } from './tasksApi';

interface EmployeesPickerProps extends Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: Named[];
  onChange: (value: Named[]) => void;
}

/** Several employees picked by typing part of a name (active ones; the server searches), names kept with ids. */
export function EmployeesPicker({ value, onChange, ...rest }: EmployeesPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const found = useUserOptions(q);
  const data = useMemo(() => {
    const byId = new Map(value.map((u) => [u.id, u.name]));
    for (const u of found.data?.items ?? []) if (!byId.has(u.id)) byId.set(u.id, u.name);
    return [...byId].map(([id, name]) => ({ value: id, label: name }));
  }, [value, found.data]);
  return (
    <MultiSelect
      {...rest}
      data={data}
      value={value.map((u) => u.id)}
      onChange={(ids) => {
        onChange(ids.map((id) => ({ id, name: data.find((o) => o.value === id)?.label ?? id })));
        setText('');
      }}
      searchable
      searchValue={text}
      onSearchChange={setText}
      filter={({ options }) => options}
      hidePickedOptions
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function useParentOptions(query: string, excludeId?: string) {
  const found = useQuery({
    queryKey: ['tasks', 'parent-options', query],
    queryFn: () => tasksApi.list({ q: query || undefined, open: true, limit: 20, sort: '-at' }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  // Only projects and stages hold children: a task on the third level cannot be a parent.
  const items = found.data?.items.filter((task) => task.depth < 2 && task.id !== excludeId).map((task) => ({ id: task.id, name: task.title }));
  return { data: items, isFetching: found.isFetching };
}

/** Picks the parent task (a project or a stage) by typing part of its title. */
export function ParentTaskPicker({ excludeId, ...rest }: Omit<SearchPickerProps, 'excludeIds'> & { excludeId?: string }) {
  return <SearchPicker {...rest} useOptions={(query) => useParentOptions(query, excludeId)} />;
}
