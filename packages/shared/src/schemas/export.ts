import { z } from 'zod';
import { taskListQuerySchema } from './tasks.js';

/**
 * Export of the list as the user sees it: the same filter (filters.ts JSON), sort and columns
 * (comma-separated keys of the field catalog or `custom.<key>`), limited to the records the user may view.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcard'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  filter: z.string().max(20000).optional(),
  sort: z.string().max(80).default('name'),
  q: z.string().trim().max(200).optional(),
  /** Comma-separated column keys in display order; the default columns when omitted. */
  columns: z.string().max(4000).optional(),
  /** CSV delimiter: `;` opens in Excel with a Russian locale, `,` elsewhere. */
  delimiter: z.enum(['semicolon', 'comma', 'tab']).default('semicolon'),
});
export type ExportQuery = z.input<typeof exportQuerySchema>;

/** Export of a task list: the list's own view and filters, columns from TASK_EXPORT_COLUMNS (task-labels.ts). */
export const TASK_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const taskExportQuerySchema = taskListQuerySchema.omit({ limit: true, cursor: true, withTotal: true }).extend({
  format: z.enum(TASK_EXPORT_FORMATS).default('csv'),
  columns: z.string().max(4000).optional(),
  delimiter: z.enum(['semicolon', 'comma', 'tab']).default('semicolon'),
});
export type TaskExportQuery = z.input<typeof taskExportQuerySchema>;
