import { z } from 'zod';
import { CLIENT_TYPES } from './clients.js';

/**
 * Labelled links between two records ("recommended by", "branch of", "competitor of"), shown on both
 * cards. The other record's name is given only when the reader may see that record.
 */
export const LINK_RECORD_TYPES = CLIENT_TYPES;
export type LinkRecordType = (typeof LINK_RECORD_TYPES)[number];

/** Labels the web app offers; any other text is allowed too. */
export const SUGGESTED_LINK_LABELS = ['recommended_by', 'branch_of', 'competitor_of', 'partner_of', 'subsidiary_of'] as const;

export const linkSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  /** `outgoing`: this record → the other ("A recommended by B" on A's card); `incoming`: the other → this. */
  direction: z.enum(['outgoing', 'incoming']),
  other: z.object({
    type: z.enum(LINK_RECORD_TYPES),
    id: z.uuid(),
    /** Null when the reader may not see the other record. */
    name: z.string().nullable(),
    visible: z.boolean(),
    /** In the recycle bin (only said of records the reader may see). */
    deleted: z.boolean(),
  }),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
});
export type LinkDto = z.infer<typeof linkSchema>;

export const linkListQuerySchema = z.object({ recordId: z.uuid() });
export const linkListSchema = z.object({ items: z.array(linkSchema) });

export const createLinkSchema = z.object({
  fromType: z.enum(LINK_RECORD_TYPES),
  fromId: z.uuid(),
  toType: z.enum(LINK_RECORD_TYPES),
  toId: z.uuid(),
  label: z.string().trim().min(1).max(200),
});
export type CreateLinkInput = z.input<typeof createLinkSchema>;
