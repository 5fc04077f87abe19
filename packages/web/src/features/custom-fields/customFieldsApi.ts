import type { ClientType, CreateCustomFieldInput, CustomFieldDefDto, UpdateCustomFieldInput } from '@kontakt/shared';
import { http } from '../../api/client';

const itemsOf = <T,>(raw: { items: T[] } | T[]): T[] => (Array.isArray(raw) ? raw : raw.items);

export const customFieldsApi = {
  list: (objectType: ClientType, includeInactive = false) =>
    http
      .get<{ items: CustomFieldDefDto[] } | CustomFieldDefDto[]>('/custom-fields', {
        objectType,
        includeInactive: includeInactive ? 'true' : undefined,
      })
      .then(itemsOf),
  create: (body: CreateCustomFieldInput) => http.post<CustomFieldDefDto>('/custom-fields', body),
  update: (id: string, body: UpdateCustomFieldInput) => http.patch<CustomFieldDefDto>(`/custom-fields/${encodeURIComponent(id)}`, body),
  remove: (id: string) => http.del(`/custom-fields/${encodeURIComponent(id)}`),
};
