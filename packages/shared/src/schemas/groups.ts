import { z } from 'zod';
import { CLIENT_TYPES } from './clients.js';
import { optionalText, versionSchema } from './common.js';

/**
 * Groups of clients: any organization or person in any number of groups. A shared group is seen by
 * everyone; a personal one only by its owner.
 */
export const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  shared: z.boolean(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  /** All members, including records the reader may not open. */
  memberCount: z.number().int(),
  /** May the reader rename, share or delete it. */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type GroupDto = z.infer<typeof groupSchema>;

export const groupListQuerySchema = z.object({
  /** Only the groups this organization or person is in. */
  recordId: z.uuid().optional(),
});
export const groupListSchema = z.object({ items: z.array(groupSchema) });

const name = z.string().trim().min(1).max(200);
const description = optionalText(2000);

export const createGroupSchema = z.object({ name, description, shared: z.boolean().default(false) });
export type CreateGroupInput = z.input<typeof createGroupSchema>;

export const updateGroupSchema = z.object({ version: versionSchema, name: name.optional(), description, shared: z.boolean().optional() });
export type UpdateGroupInput = z.input<typeof updateGroupSchema>;

/** Most records a single bulk call adds or removes (a list's "select all" sends ids page by page). */
export const GROUP_BULK_MAX = 10_000;

export const addGroupMembersSchema = z.object({
  recordType: z.enum(CLIENT_TYPES),
  ids: z.array(z.uuid()).min(1).max(GROUP_BULK_MAX),
});
export type AddGroupMembersInput = z.input<typeof addGroupMembersSchema>;

export const removeGroupMembersSchema = z.object({ ids: z.array(z.uuid()).min(1).max(GROUP_BULK_MAX) });

export const groupMembersResultSchema = z.object({
  /** Records newly added (or removed); those already in the group (or not in it) are not counted. */
  changed: z.number().int(),
  memberCount: z.number().int(),
});
export type GroupMembersResult = z.infer<typeof groupMembersResultSchema>;
