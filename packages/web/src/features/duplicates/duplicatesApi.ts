import type { ClientType, DuplicateGroup, MergeBody, MergeResult } from '@kontakt/shared';
import { http } from '../../api/client';

/** The duplicates finder (groups of likely duplicates, keyset pages) and the merge of a group into one record. */
export const duplicatesApi = {
  groups: (type: ClientType, cursor?: string) =>
    http.get<{ items: DuplicateGroup[]; nextCursor: string | null }>('/duplicates', { type, cursor, limit: 20 }),
  merge: (body: MergeBody) => http.post<MergeResult>('/duplicates/merge', body),
};
