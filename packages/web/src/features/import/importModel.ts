import type { ImportJobDto, ImportMapping, ImportStatus, ImportUploadResult } from '@kontakt/shared';

export const FINISHED: readonly ImportStatus[] = ['done', 'failed', 'rejected'];
export const isFinished = (status: ImportStatus) => FINISHED.includes(status);

/** Accepted files, by extension: what the server can read. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.txt', '.xlsx'] as const;
export const ACCEPT_ATTRIBUTE = [
  ...ACCEPTED_EXTENSIONS,
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');

export function hasAcceptedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export type FieldOption = ImportUploadResult['fields'][number];

/** Up to `limit` non-empty sample values of a column, so the user recognizes what it holds. */
export function sampleValues(upload: ImportUploadResult, column: number, limit = 3): string[] {
  const values: string[] = [];
  for (const row of upload.sampleRows) {
    const value = row[column]?.trim();
    if (value && !values.includes(value)) values.push(value);
    if (values.length >= limit) break;
  }
  return values;
}

/**
 * Single-valued fields chosen for more than one column: the later column would silently win, so the
 * mapping screen points them out. Phones and emails may take several columns.
 */
export function conflictingColumns(mapping: ImportMapping, fields: readonly FieldOption[]): Set<number> {
  const multiple = new Set(fields.filter((f) => f.multiple).map((f) => f.key));
  const seen = new Map<string, number[]>();
  mapping.forEach((key, column) => {
    if (!key || multiple.has(key)) return;
    seen.set(key, [...(seen.get(key) ?? []), column]);
  });
  const conflicts = new Set<number>();
  for (const columns of seen.values()) if (columns.length > 1) columns.forEach((c) => conflicts.add(c));
  return conflicts;
}

export const mappedCount = (mapping: ImportMapping) => mapping.filter(Boolean).length;

/** Share of the file processed, 0–100, for the progress bar. */
export function progressPercent(job: Pick<ImportJobDto, 'processedRows' | 'totalRows' | 'status'>): number {
  if (job.status === 'done') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}

export const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
  rejected: 'orange',
};
