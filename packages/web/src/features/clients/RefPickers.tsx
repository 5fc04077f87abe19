import { useMemo, useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { CURRENT_USER_TOKEN } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { RefPickerProps, RefPickers } from '../../ui/filter-builder/ValueEditor';
import { clientsApi } from './clientsApi';
import { useGroups } from './useClients';

interface Option {
  value: string;
  label: string;
}

interface RemotePickerProps extends RefPickerProps {
  kind: string;
  search: (q: string) => Promise<Option[]>;
  /** The label of a chosen id the current search did not return (from a link or a saved view). */
  resolve: (id: string) => Promise<string>;
  /** Options always offered first (such as "me"). */
  fixed?: Option[];
}

/** Several records picked by typing part of a name; the server searches, so it works at any size. */
function RemoteMultiPicker({ kind, search, resolve, fixed = [], value, onChange, ...rest }: RemotePickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['picker', kind, q],
    queryFn: () => search(q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const fixedIds = new Set(fixed.map((o) => o.value));
  const unknown = value.filter((id) => !fixedIds.has(id) && !picked[id] && !found.data?.some((o) => o.value === id));
  const resolved = useQueries({
    queries: unknown.map((id) => ({
      queryKey: ['record-name', kind, id],
      queryFn: () => resolve(id),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });

  const data = useMemo(() => {
    const byId = new Map<string, string>();
    for (const o of fixed) byId.set(o.value, o.label);
    for (const [id, label] of Object.entries(picked)) byId.set(id, label);
    unknown.forEach((id, i) => byId.set(id, resolved[i]?.data ?? t('filterBuilder.unknownRecord')));
    for (const o of found.data ?? []) if (!byId.has(o.value)) byId.set(o.value, o.label);
    return [...byId].map(([v, label]) => ({ value: v, label }));
  }, [fixed, picked, unknown, resolved, found.data, t]);

  return (
    <MultiSelect
      {...rest}
      data={data}
      value={value}
      onChange={(ids) => {
        const labels = Object.fromEntries(data.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label]));
        setPicked((p) => ({ ...p, ...labels }));
        onChange(ids);
      }}
      searchable
      searchValue={text}
      onSearchChange={setText}
      filter={({ options }) => options}
      placeholder={t('filterBuilder.typeToSearch')}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function UserMultiPicker(props: RefPickerProps) {
  const { t } = useTranslation();
  const fixed = useMemo(() => [{ value: CURRENT_USER_TOKEN, label: t('filterBuilder.me') }], [t]);
  return (
    <RemoteMultiPicker
      {...props}
      kind="user"
      fixed={fixed}
      search={async (q) => (await api.users.list({ q: q || undefined, limit: 20, sort: 'name' })).items.map((u) => ({ value: u.id, label: u.name }))}
      resolve={async (id) => (await api.users.get(id)).name}
      data-testid="picker-user"
    />
  );
}

export function OrganizationMultiPicker(props: RefPickerProps) {
  return (
    <RemoteMultiPicker
      {...props}
      kind="organization"
      search={async (q) => (await clientsApi.findOrganizations(q)).items.map((o) => ({ value: o.id, label: o.name }))}
      resolve={(id) => clientsApi.recordName('organization', id)}
    />
  );
}

export function PersonMultiPicker(props: RefPickerProps) {
  return (
    <RemoteMultiPicker
      {...props}
      kind="person"
      search={async (q) => (await clientsApi.findPersons(q)).items.map((p) => ({ value: p.id, label: p.fullName }))}
      resolve={(id) => clientsApi.recordName('person', id)}
    />
  );
}

/** Groups are few (per company), so they load whole and filter in the browser. */
export function GroupMultiPicker({ value, onChange, ...rest }: RefPickerProps) {
  const { t } = useTranslation();
  const groups = useGroups();
  const data = (groups.data ?? []).map((g) => ({ value: g.id, label: g.name }));
  for (const id of value) if (!data.some((o) => o.value === id)) data.push({ value: id, label: t('filterBuilder.unknownRecord') });
  return (
    <MultiSelect
      {...rest}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      placeholder={t('filterBuilder.choose')}
      nothingFoundMessage={groups.isPending ? t('common.loading') : t('clients.noGroups')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export const CLIENT_PICKERS: RefPickers = {
  user: UserMultiPicker,
  organization: OrganizationMultiPicker,
  person: PersonMultiPicker,
  group: GroupMultiPicker,
};
