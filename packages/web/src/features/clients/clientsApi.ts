/**
 * Endpoints of the client lists: keyset pages, counts, bulk actions, saved views, custom field
 * definitions, groups and export links. Shapes follow packages/shared/src/schemas/clients.ts and filters.ts.
 */
import type { BulkActionBody, ClientType, OrganizationListItem, PersonListItem, ViewDefinition } from '@kontakt/shared';
import { apiUrl, http, type Page } from '../../api/client';

export type ClientListItem = OrganizationListItem | PersonListItem;

/** The path segment of each client type: /api/v1/organizations, /api/v1/persons. */
export const CLIENT_PATH: Record<ClientType, string> = { organization: 'organizations', person: 'persons' };

export interface ClientListParams {
  filter?: string;
  sort?: string;
  q?: string;
}

export interface CustomFieldDef {
  id: string;
  key: string;
  label: string;
  type: string;
  /** Choices of a (multi) choice field: plain values, or values with their own labels. */
  options?: Array<string | { value: string; label?: string }>;
  active?: boolean;
  position?: number;
}

export interface GroupDto {
  id: string;
  name: string;
  shared?: boolean;
}

export interface SavedView {
  id: string;
  objectType: ClientType;
  name: string;
  shared: boolean;
  definition: ViewDefinition;
  owner?: { id: string; name: string } | null;
  /** May the reader change or delete it (the owner; a shared one also an administrator). */
  canEdit?: boolean;
  version?: number;
}

export type ExportFormat = 'csv' | 'xlsx' | 'vcard';

/** Lists answer `{ items }`, sometimes with a cursor; a bare array is accepted too. */
function itemsOf<T>(answer: { items: T[] } | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export const clientsApi = {
  list: <T extends ClientListItem>(type: ClientType, params: ClientListParams & { limit: number; cursor?: string }) =>
    http.get<Page<T>>(`/${CLIENT_PATH[type]}`, { ...params }),
  count: (type: ClientType, params: ClientListParams) =>
    http.get<{ total: number }>(`/${CLIENT_PATH[type]}/count`, { filter: params.filter, q: params.q }),
  bulk: (type: ClientType, body: BulkActionBody) => http.post<{ affected: number }>(`/${CLIENT_PATH[type]}/bulk`, body),
  customFields: (type: ClientType) =>
    http.get<{ items: CustomFieldDef[] } | CustomFieldDef[]>('/custom-fields', { objectType: type }).then(itemsOf),
  groups: () => http.get<{ items: GroupDto[] } | GroupDto[]>('/groups').then(itemsOf),
  views: (type: ClientType) => http.get<{ items: SavedView[] } | SavedView[]>('/views', { objectType: type }).then(itemsOf),
  createView: (body: { objectType: ClientType; name: string; shared: boolean; definition: ViewDefinition }) =>
    http.post<SavedView>('/views', body),
  updateView: (id: string, body: { name?: string; shared?: boolean; definition?: ViewDefinition; version?: number }) =>
    http.patch<SavedView>(`/views/${encodeURIComponent(id)}`, body),
  deleteView: (id: string) => http.del(`/views/${encodeURIComponent(id)}`),
  /** Organizations by part of the name, for pickers. */
  findOrganizations: (q: string) =>
    http.get<Page<OrganizationListItem>>('/organizations', { q: q || undefined, limit: 20, sort: 'name' }),
  findPersons: (q: string) => http.get<Page<PersonListItem>>('/persons', { q: q || undefined, limit: 20, sort: 'name' }),
  /** A record's name, to label an id that came from a link or a saved view. */
  recordName: async (type: ClientType | 'user', id: string): Promise<string> => {
    const path = type === 'user' ? 'users' : CLIENT_PATH[type];
    const record = await http.get<{ name?: string; fullName?: string }>(`/${path}/${encodeURIComponent(id)}`);
    return record.fullName ?? record.name ?? id;
  },
  exportUrl: (type: ClientType, format: ExportFormat, params: ClientListParams & { columns: string[] }) =>
    apiUrl(`/${CLIENT_PATH[type]}/export`, {
      format,
      filter: params.filter,
      sort: params.sort,
      q: params.q,
      columns: params.columns.join(','),
    }),
};
