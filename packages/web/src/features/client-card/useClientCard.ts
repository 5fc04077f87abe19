import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ClientType, OrganizationDto, PersonDto } from '@kontakt/shared';
import type { DuplicateCheckBody } from '@kontakt/shared';
import { clientsApi } from './clientsApi';
import type { OpenTasksChoice } from '../clients/OpenTasksDialog';

/** Query keys start with the plural the list pages use too, so a change here refreshes their tables. */
export const clientKey = (type: ClientType) => (type === 'organization' ? 'organizations' : 'persons');
export const cardKey = (type: ClientType, id: string) => [clientKey(type), 'one', id] as const;
export const historyKey = (type: ClientType, id: string) => [clientKey(type), 'history', id] as const;
export const groupsKey = ['groups'] as const;
export const linksKey = (recordId: string) => ['links', recordId] as const;

/** Everything that shows client records except the card that was just written (it already has the answer). */
function refreshAround(client: QueryClient, type: ClientType, id: string) {
  void client.invalidateQueries({
    predicate: (q) => {
      const [head, kind, qid] = q.queryKey as unknown[];
      if (head !== 'organizations' && head !== 'persons' && head !== 'links') return false;
      return !(head === clientKey(type) && kind === 'one' && qid === id);
    },
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: cardKey('organization', id), queryFn: () => clientsApi.organizations.get(id) });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: cardKey('person', id), queryFn: () => clientsApi.persons.get(id) });
}

export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Parameters<typeof clientsApi.organizations.update>[1]) => clientsApi.organizations.update(id, body),
    onSuccess: (dto: OrganizationDto) => {
      client.setQueryData(cardKey('organization', id), dto);
      refreshAround(client, 'organization', id);
    },
  });
}

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Parameters<typeof clientsApi.persons.update>[1]) => clientsApi.persons.update(id, body),
    onSuccess: (dto: PersonDto) => {
      client.setQueryData(cardKey('person', id), dto);
      refreshAround(client, 'person', id);
    },
  });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: clientsApi.organizations.create,
    onSuccess: (dto) => {
      client.setQueryData(cardKey('organization', dto.id), dto);
      refreshAround(client, 'organization', dto.id);
    },
  });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: clientsApi.persons.create,
    onSuccess: (dto) => {
      client.setQueryData(cardKey('person', dto.id), dto);
      refreshAround(client, 'person', dto.id);
    },
  });
}

/** Delete moves a record to the recycle bin; restore brings it back. Both refresh the card in place. */
export function useRemoveRecord(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, openTasks }: { id: string; version?: number; openTasks?: OpenTasksChoice }) =>
      type === 'organization' ? clientsApi.organizations.remove(id, version, openTasks) : clientsApi.persons.remove(id, version, openTasks),
    onSuccess: (_void, { id }) => {
      void client.invalidateQueries({ queryKey: [clientKey(type)] });
      void client.invalidateQueries({ queryKey: cardKey(type, id) });
    },
  });
}

export function useRestoreRecord(type: ClientType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<void> => {
      await (type === 'organization' ? clientsApi.organizations.restore(id) : clientsApi.persons.restore(id));
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: [clientKey(type)] }),
  });
}

export function useHistory(type: ClientType, id: string, enabled: boolean) {
  return useQuery({
    queryKey: historyKey(type, id),
    queryFn: () => (type === 'organization' ? clientsApi.organizations.history(id) : clientsApi.persons.history(id)),
    enabled,
  });
}

export function usePersonsOf(organizationId: string, enabled = true) {
  return useQuery({
    queryKey: ['persons', 'of', organizationId],
    queryFn: () => clientsApi.personsOf(organizationId),
    enabled,
  });
}

export function useSubOrganizations(organizationId: string) {
  return useQuery({
    queryKey: ['organizations', 'children', organizationId],
    queryFn: () => clientsApi.subOrganizations(organizationId),
  });
}

export function useGroups(enabled = true) {
  return useQuery({
    queryKey: groupsKey,
    queryFn: clientsApi.groups.list,
    enabled,
    staleTime: 60_000,
  });
}

export function useGroupMembership(type: ClientType, recordId: string) {
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: cardKey(type, recordId) });
    void client.invalidateQueries({ queryKey: [clientKey(type), 'list'] });
  };
  const add = useMutation({
    mutationFn: (groupId: string) => clientsApi.groups.addMembers(groupId, type, [recordId]),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (groupId: string) => clientsApi.groups.removeMembers(groupId, [recordId]),
    onSuccess: done,
  });
  const create = useMutation({
    mutationFn: clientsApi.groups.create,
    onSuccess: () => void client.invalidateQueries({ queryKey: groupsKey }),
  });
  return { add, remove, create };
}

export function useLinks(recordId: string) {
  return useQuery({ queryKey: linksKey(recordId), queryFn: () => clientsApi.links.list(recordId) });
}

export function useLinkMutations() {
  const client = useQueryClient();
  // A link shows on both cards, so every cached link list may be stale afterwards.
  const done = () => void client.invalidateQueries({ queryKey: ['links'] });
  const create = useMutation({ mutationFn: clientsApi.links.create, onSuccess: done });
  const remove = useMutation({ mutationFn: clientsApi.links.remove, onSuccess: done });
  return { create, remove };
}

export function useDuplicateCheck() {
  return useMutation({ mutationFn: (body: DuplicateCheckBody) => clientsApi.duplicates.check(body) });
}

/** Organizations or persons by a typed name, for pickers (parent organization, employment, links). */
export function useRecordOptions(type: ClientType, q: string, enabled = true) {
  return useQuery({
    queryKey: [clientKey(type), 'options', q],
    queryFn: async (): Promise<{ id: string; name: string }[]> => {
      const query = { q: q || undefined, limit: 20 };
      if (type === 'organization') return (await clientsApi.organizations.list(query)).items.map((o) => ({ id: o.id, name: o.name }));
      return (await clientsApi.persons.list(query)).items.map((p) => ({ id: p.id, name: p.organization ? `${p.fullName} (${p.organization.name})` : p.fullName }));
    },
    enabled,
    staleTime: 10_000,
  });
}
