import { z } from 'zod';
import { listQueryBase, refSchema, versionSchema } from './common.js';

export const departmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  head: refSchema.nullable(),
  userCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type DepartmentDto = z.infer<typeof departmentSchema>;

export const departmentListQuerySchema = z.object({
  ...listQueryBase,
  limit: z.coerce.number().int().min(1).max(500).default(500),
  q: z.string().trim().max(200).optional(),
  parentId: z.uuid().optional(),
  sort: z.string().max(40).default('name'),
});

export const createDepartmentBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  parentId: z.uuid().nullable().optional(),
  headId: z.uuid().nullable().optional(),
});

export const updateDepartmentBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  parentId: z.uuid().nullable().optional(),
  headId: z.uuid().nullable().optional(),
  version: versionSchema,
});

export const versionQuerySchema = z.object({ version: z.coerce.number().int().min(1) });
