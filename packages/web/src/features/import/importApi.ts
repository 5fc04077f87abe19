import type { ClientType, ImportJobDto, ImportMapping, ImportPreview, ImportPreviewBody, ImportUploadResult } from '@kontakt/shared';
import { apiUrl, http, upload } from '../../api/client';

const path = (id: string, tail = '') => `/imports/${encodeURIComponent(id)}${tail}`;

/** The import endpoints: upload → preview → commit → poll the job; the report is a file the browser fetches. */
export const importApi = {
  upload: (file: File, objectType: ClientType) => {
    const form = new FormData();
    // Fields before the file: a streaming multipart parser sees the object type first.
    form.append('objectType', objectType);
    form.append('file', file, file.name);
    return upload<ImportUploadResult>('/imports', form);
  },
  preview: (id: string, body: ImportPreviewBody) => http.post<ImportPreview>(path(id, '/preview'), body),
  commit: (id: string, body: { mapping: ImportMapping; duplicateStrategy: ImportPreviewBody['duplicateStrategy'] }) =>
    http.post<ImportJobDto>(path(id, '/commit'), body),
  get: (id: string) => http.get<ImportJobDto>(path(id)),
  recent: () => http.get<{ items: ImportJobDto[] }>('/imports'),
  reportUrl: (id: string) => apiUrl(path(id, '/report')),
};
