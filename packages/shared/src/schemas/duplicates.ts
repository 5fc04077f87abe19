import { z } from 'zod';
import { listQueryBase, refSchema, versionSchema } from './common.js';
import { CLIENT_TYPES, CONTACT_KINDS } from './clients.js';

/**
 * Duplicates: a check while creating or importing a record, a finder over the whole base, and merging
 * several records into one survivor that keeps every related record.
 */

/** `similar_name` = a name close to the typed one (a typo or a letter apart), not the same. */
export const DUPLICATE_REASONS = ['inn', 'phone', 'email', 'name', 'similar_name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const duplicateCheckBodySchema = z.object({
  type: z.enum(CLIENT_TYPES),
  /** Organization name, or a person's full name ("Иванов Иван Иванович"). */
  name: z.string().trim().max(1000).optional(),
  inn: z.string().trim().max(20).optional(),
  contacts: z
    .array(z.object({ kind: z.enum(CONTACT_KINDS), value: z.string().trim().max(200) }))
    .max(50)
    .optional(),
  /** The record being edited, so it does not report itself. */
  excludeId: z.uuid().optional(),
});
export type DuplicateCheckBody = z.input<typeof duplicateCheckBodySchema>;

/** A record as a duplicate list shows it; enough to tell records apart and to open the card. */
export const duplicateRecordSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Organizations only. */
  inn: z.string().nullable(),
  /** Persons only: position and the primary organization (when the actor may view it). */
  position: z.string().nullable(),
  organization: refSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  responsible: refSchema.nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type DuplicateRecord = z.infer<typeof duplicateRecordSchema>;

export const duplicateMatchSchema = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  /** What matched: the INN, the phone or email as stored in the record, or the record's name. */
  value: z.string(),
});

export const duplicateCandidateSchema = duplicateRecordSchema.extend({ matches: z.array(duplicateMatchSchema).min(1) });
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const duplicateCheckResultSchema = z.object({
  items: z.array(duplicateCandidateSchema),
  /** Likely duplicates the actor may not view: only their number is told, never who they are. */
  hiddenCount: z.number().int(),
});
export type DuplicateCheckResult = z.infer<typeof duplicateCheckResultSchema>;

export const duplicateGroupsQuerySchema = z.object({
  type: z.enum(CLIENT_TYPES),
  ...listQueryBase,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DuplicateGroupsQuery = z.input<typeof duplicateGroupsQuerySchema>;

export const duplicateGroupSchema = z.object({
  reason: z.enum(['inn', 'phone', 'email', 'name']),
  /** The shared value: INN, normalized phone or email, lower-cased name. */
  key: z.string(),
  records: z.array(duplicateRecordSchema),
});
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

export const duplicateGroupPageSchema = z.object({ items: z.array(duplicateGroupSchema), nextCursor: z.string().nullable() });

/** Fields whose surviving value the user picks on the merge screen (the API's names). */
export const ORGANIZATION_MERGE_FIELDS = [
  'kind',
  'name',
  'fullName',
  'legalForm',
  'inn',
  'kpp',
  'ogrn',
  'okpo',
  'industry',
  'region',
  'source',
  'firstContactReason',
  'responsibleId',
  'parentId',
  'website',
  'notes',
] as const;
export const PERSON_MERGE_FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'gender',
  'birthDate',
  'position',
  'department',
  'organizationId',
  'influence',
  'preferences',
  'notes',
  'responsibleId',
  /** The identity document as a whole (type, series, number, issued by, date). */
  'document',
] as const;

export const mergeBodySchema = z.object({
  type: z.enum(CLIENT_TYPES),
  survivorId: z.uuid(),
  mergedIds: z.array(z.uuid()).min(1).max(20),
  /**
   * Field → id of the record whose value wins. A field not named keeps the survivor's value, or takes the
   * first merged record's value when the survivor has none, so nothing filled in is lost.
   */
  fields: z.record(z.string().max(64), z.uuid()).optional(),
  /** Custom field key → id of the record whose value wins; same defaults as `fields`. */
  custom: z.record(z.string().max(64), z.uuid()).optional(),
  /** Record id → the version last read; a stale one answers 409. */
  versions: z.record(z.string(), versionSchema).optional(),
});
export type MergeBody = z.input<typeof mergeBodySchema>;

export const mergeResultSchema = z.object({
  survivorId: z.uuid(),
  version: z.number(),
  /** How many related rows each step moved to the survivor, by step name ("contacts", "employments"…). */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
