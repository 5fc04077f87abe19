/**
 * Endpoints of the client base that the cards, create forms and recycle bin use; shapes are the shared
 * contracts (schemas/clients.ts, groups.ts, links.ts, duplicates.ts).
 */
import type {
  AuditEntryDto,
  ClientType,
  CreateGroupInput,
  CreateLinkInput,
  CreateOrganizationBody,
  CreatePersonBody,
  DuplicateCheckBody,
  DuplicateCheckResult,
  GroupDto,
  GroupMembersResult,
  LinkDto,
  OrganizationDto,
  OrganizationListItem,
  PersonDto,
  PersonListItem,
  UpdateOrganizationBody,
  UpdatePersonBody,
} from '@kontakt/shared';
import { http, type Page } from '../../api/client';

const enc = encodeURIComponent;

/** The merge screen reads links through this module too. */
export type { LinkDto };

/** A filter of the filter-builder language for "records whose <field> is this id". */
function byRef(field: string, id: string): string {
  return JSON.stringify({ match: 'all', conditions: [{ field, op: 'in', value: [id] }] });
}

function records<Dto, Create, Update, Item>(base: string) {
  return {
    get: (id: string) => http.get<Dto>(`${base}/${enc(id)}`),
    create: (body: Create) => http.post<Dto>(base, body),
    update: (id: string, body: Update) => http.patch<Dto>(`${base}/${enc(id)}`, body),
    remove: (id: string, version?: number, openTasks?: 'keep' | 'cancel') => http.del(`${base}/${enc(id)}`, { version, openTasks }),
    restore: (id: string) => http.post<Dto>(`${base}/${enc(id)}/restore`),
    history: (id: string) => http.get<Page<AuditEntryDto>>(`${base}/${enc(id)}/history`, { limit: 100 }).then((page) => page.items),
    list: (query: { q?: string; filter?: string; deleted?: boolean; limit?: number; cursor?: string; sort?: string }) =>
      http.get<Page<Item>>(base, { ...query }),
  };
}

export const clientsApi = {
  organizations: records<OrganizationDto, CreateOrganizationBody, UpdateOrganizationBody, OrganizationListItem>('/organizations'),
  persons: records<PersonDto, CreatePersonBody, UpdatePersonBody, PersonListItem>('/persons'),
  personsOf: (organizationId: string, cursor?: string) =>
    http.get<Page<PersonListItem>>('/persons', { filter: byRef('organization', organizationId), limit: 50, cursor, sort: 'name' }),
  subOrganizations: (organizationId: string, cursor?: string) =>
    http.get<Page<OrganizationListItem>>('/organizations', { filter: byRef('parent', organizationId), limit: 50, cursor, sort: 'name' }),
  groups: {
    list: () => http.get<{ items: GroupDto[] }>('/groups').then((r) => r.items),
    create: (body: CreateGroupInput) => http.post<GroupDto>('/groups', body),
    addMembers: (groupId: string, recordType: ClientType, ids: string[]) =>
      http.post<GroupMembersResult>(`/groups/${enc(groupId)}/members`, { recordType, ids }),
    removeMembers: (groupId: string, ids: string[]) => http.post<GroupMembersResult>(`/groups/${enc(groupId)}/members/remove`, { ids }),
  },
  links: {
    list: (recordId: string) => http.get<{ items: LinkDto[] }>('/links', { recordId }).then((r) => r.items),
    create: (body: CreateLinkInput) => http.post<LinkDto>('/links', body),
    remove: (id: string) => http.del(`/links/${enc(id)}`),
  },
  duplicates: {
    check: (body: DuplicateCheckBody) => http.post<DuplicateCheckResult>('/duplicates/check', body),
  },
};
