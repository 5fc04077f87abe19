import { z } from 'zod';
import { CLIENT_TYPES, type ClientType } from './clients.js';

/**
 * Import of organizations and persons from CSV (UTF-8 or Windows-1251, `;` `,` or tab) and XLSX:
 * upload → column mapping → preview (every row validated) → commit as a background job. Either the whole
 * file is written or nothing is; rejected rows come back as a CSV report that can be fixed and re-imported.
 */
export const DUPLICATE_STRATEGIES = ['skip', 'update', 'create'] as const;
export type DuplicateStrategy = (typeof DUPLICATE_STRATEGIES)[number];

export const IMPORT_STATUSES = ['uploaded', 'running', 'done', 'failed', 'rejected'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportFieldDef {
  key: string;
  /** Several columns may feed it (two phone columns give two phones). */
  multiple?: boolean;
}

const addressParts = (kind: string) =>
  ['postalCode', 'region', 'city', 'street'].map((part) => ({ key: `address.${kind}.${part}` }));

/** Built-in fields a column can be mapped to; custom fields add `custom.<key>`. */
export const IMPORT_FIELDS: Record<ClientType, readonly ImportFieldDef[]> = {
  organization: [
    { key: 'name' },
    { key: 'fullName' },
    { key: 'kind' },
    { key: 'legalForm' },
    { key: 'inn' },
    { key: 'kpp' },
    { key: 'ogrn' },
    { key: 'okpo' },
    { key: 'industry' },
    { key: 'region' },
    { key: 'source' },
    { key: 'firstContactReason' },
    { key: 'website' },
    { key: 'notes' },
    { key: 'responsible' },
    { key: 'phone', multiple: true },
    { key: 'fax', multiple: true },
    { key: 'email', multiple: true },
    ...addressParts('legal'),
    ...addressParts('actual'),
    ...addressParts('postal'),
    { key: 'bank.bik' },
    { key: 'bank.name' },
    { key: 'bank.correspondentAccount' },
    { key: 'bank.account' },
  ],
  person: [
    { key: 'fullName' },
    { key: 'lastName' },
    { key: 'firstName' },
    { key: 'middleName' },
    { key: 'gender' },
    { key: 'birthDate' },
    { key: 'position' },
    { key: 'department' },
    { key: 'organization' },
    { key: 'influence' },
    { key: 'preferences' },
    { key: 'notes' },
    { key: 'responsible' },
    { key: 'phone', multiple: true },
    { key: 'email', multiple: true },
    ...addressParts('actual'),
  ],
};

/** For each column of the file (in order), the field it feeds, or null to ignore the column. */
export const importMappingSchema = z.array(z.string().max(100).nullable()).max(500);
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importObjectTypeSchema = z.enum(CLIENT_TYPES);

export const importUploadResultSchema = z.object({
  id: z.uuid(),
  objectType: importObjectTypeSchema,
  fileName: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  totalRows: z.number().int(),
  suggestedMapping: importMappingSchema,
  /** Fields a column can be mapped to: built-in keys and `custom.<key>` of active custom fields, with labels. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), multiple: z.boolean() })),
});
export type ImportUploadResult = z.infer<typeof importUploadResultSchema>;

export const importPreviewBodySchema = z.object({
  mapping: importMappingSchema,
  duplicateStrategy: z.enum(DUPLICATE_STRATEGIES).default('skip'),
});
export type ImportPreviewBody = z.input<typeof importPreviewBodySchema>;

/** Commit uses the mapping of the last preview unless the body gives one. */
export const importCommitBodySchema = z.object({
  mapping: importMappingSchema.optional(),
  duplicateStrategy: z.enum(DUPLICATE_STRATEGIES).optional(),
});

export const importRowErrorSchema = z.object({
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importPreviewSchema = z.object({
  totalRows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Rows matching an existing record or an earlier row of the file. */
  duplicates: z.number().int(),
  /** What commit would do with the valid rows under the chosen strategy. */
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  toSkip: z.number().int(),
  /** The first 100 errors. */
  errors: z.array(importRowErrorSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importJobSchema = z.object({
  id: z.uuid(),
  objectType: importObjectTypeSchema,
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  skippedCount: z.number().int(),
  rejectedCount: z.number().int(),
  duplicateStrategy: z.enum(DUPLICATE_STRATEGIES).nullable(),
  hasReport: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof importJobSchema>;

export const importJobListSchema = z.object({ items: z.array(importJobSchema) });
