/**
 * Endpoints of the client base that the cards, create forms and recycle bin use. Shapes follow
 * packages/shared/src/schemas/clients.ts; links, groups and duplicate checks are typed here loosely enough
 * to survive small server changes (see normalizeLink / normalizeCandidates).
 */
import type {
  AuditEntryDto,
  ClientType,
  CreateOrganizationBody,
  CreatePersonBody,
  DuplicateCheckBody,
  DuplicateCheckResult,
  OrganizationDto,
  OrganizationListItem,
  PersonDto,
  PersonListItem,
  UpdateOrganizationBody,
  UpdatePersonBody,
} from '@kontakt/shared';
import { http, type Page } from '../../api/client';

const enc = encodeURIComponent;

export interface GroupDto {
  id: string;
  name: string;
  shared: boolean;
  description?: string | null;
}

export interface LinkDto {
  id: string;
  label: string;
  /** The record on the other end, seen from the card that asked. */
  other: { type: ClientType; id: string; name: string };
  /** True when this card is the link's source ("A recommended B" shown on A). */
  outgoing: boolean;
}

/** A filter of the filter-builder language for "records whose <field> is this id". */
function byRef(field: string, id: string): string {
  return JSON.stringify({ match: 'all', conditions: [{ field, op: 'in', value: [id] }] });
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** The server may answer links as `{ from, to }` refs or flat ids; the card only needs "the other end". */
export function normalizeLink(raw: Raw, recordId: string): LinkDto {
  const ref = (side: 'from' | 'to') => {
    const obj = raw[side] as Raw | undefined;
    return {
      type: (str(obj?.type ?? raw[`${side}Type`]) || 'organization') as ClientType,
      id: str(obj?.id ?? raw[`${side}Id`]),
      name: str(obj?.name ?? raw[`${side}Name`]),
    };
  };
  const from = ref('from');
  const to = ref('to');
  const outgoing = from.id === recordId;
  return { id: str(raw.id), label: str(raw.label), other: outgoing ? to : from, outgoing };
}

/** History may come as a page or a bare list. */
function toEntries(raw: Page<AuditEntryDto> | AuditEntryDto[]): AuditEntryDto[] {
  return Array.isArray(raw) ? raw : raw.items;
}

function records<Dto, Create, Update, Item>(base: string) {
  return {
    get: (id: string) => http.get<Dto>(`${base}/${enc(id)}`),
    create: (body: Create) => http.post<Dto>(base, body),
    update: (id: string, body: Update) => http.patch<Dto>(`${base}/${enc(id)}`, body),
    remove: (id: string, version?: number) => http.del(`${base}/${enc(id)}`, { version }),
    restore: (id: string) => http.post<Dto>(`${base}/${enc(id)}/restore`),
    history: (id: string) => http.get<Page<AuditEntryDto> | AuditEntryDto[]>(`${base}/${enc(id)}/history`, { limit: 100 }).then(toEntries),
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
    list: (cursor?: string) => http.get<Page<GroupDto>>('/groups', { limit: 200, cursor }),
    create: (body: { name: string; shared: boolean }) => http.post<GroupDto>('/groups', body),
    addMembers: (groupId: string, recordType: ClientType, ids: string[]) =>
      http.post<unknown>(`/groups/${enc(groupId)}/members`, { recordType, ids }),
    removeMembers: (groupId: string, recordType: ClientType, ids: string[]) =>
      http.post<unknown>(`/groups/${enc(groupId)}/members/remove`, { recordType, ids }),
  },
  links: {
    list: (recordId: string) =>
      http
        .get<{ items: Raw[] } | Raw[]>('/links', { recordId })
        .then((raw) => (Array.isArray(raw) ? raw : raw.items).map((l) => normalizeLink(l, recordId))),
    create: (body: { fromType: ClientType; fromId: string; toType: ClientType; toId: string; label: string }) =>
      http.post<Raw>('/links', body),
    remove: (id: string) => http.del(`/links/${enc(id)}`),
  },
  duplicates: {
    check: (body: DuplicateCheckBody) => http.post<DuplicateCheckResult>('/duplicates/check', body),
  },
};
