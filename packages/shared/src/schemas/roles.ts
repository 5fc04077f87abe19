import { z } from 'zod';
import { BUILT_IN_ROLES } from '../access.js';
import { listQueryBase, versionSchema } from './common.js';
import { permissionsSchema } from './auth.js';

export const roleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  builtIn: z.enum(BUILT_IN_ROLES).nullable(),
  permissions: permissionsSchema,
  requireTwoFactor: z.boolean(),
  userCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type RoleDto = z.infer<typeof roleSchema>;

export const roleListQuerySchema = z.object({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(40).default('name'),
});

export const createRoleBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullable().optional(),
  /** Start from another role's permissions ("copy role"); explicit permissions win. */
  copyFromId: z.uuid().optional(),
  permissions: permissionsSchema.optional(),
  requireTwoFactor: z.boolean().optional(),
});

export const updateRoleBodySchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  permissions: permissionsSchema.optional(),
  requireTwoFactor: z.boolean().optional(),
  version: versionSchema,
});
