import { z } from 'zod';
import { CLIENT_TYPES } from './clients.js';
import { versionSchema } from './common.js';
import { viewDefinitionSchema } from './filters.js';

/** Saved list views: columns, filter and sort under a name; personal, or shared with everyone. */
export const savedViewSchema = z.object({
  id: z.uuid(),
  objectType: z.enum(CLIENT_TYPES),
  name: z.string(),
  shared: z.boolean(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  definition: viewDefinitionSchema,
  /** May the reader change or delete it. */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedViewDto = z.infer<typeof savedViewSchema>;

export const savedViewListQuerySchema = z.object({ objectType: z.enum(CLIENT_TYPES) });
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });

const name = z.string().trim().min(1).max(200);

export const createSavedViewSchema = z.object({
  objectType: z.enum(CLIENT_TYPES),
  name,
  shared: z.boolean().default(false),
  definition: viewDefinitionSchema,
});
export type CreateSavedViewInput = z.input<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z.object({
  version: versionSchema,
  name: name.optional(),
  shared: z.boolean().optional(),
  definition: viewDefinitionSchema.optional(),
});
export type UpdateSavedViewInput = z.input<typeof updateSavedViewSchema>;
