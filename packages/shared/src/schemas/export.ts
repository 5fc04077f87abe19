import { z } from 'zod';

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
