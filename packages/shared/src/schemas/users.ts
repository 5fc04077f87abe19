import { z } from 'zod';
import { LOCALES } from '../locale.js';
import {
  emailSchema,
  listQueryBase,
  passwordSchema,
  personName,
  phoneSchema,
  queryBoolean,
  refSchema,
  timeZoneSchema,
  versionSchema,
} from './common.js';

export const userSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  department: refSchema.nullable(),
  manager: refSchema.nullable(),
  role: refSchema,
  language: z.enum(LOCALES),
  timeZone: z.string(),
  active: z.boolean(),
  twoFactorEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type UserDto = z.infer<typeof userSchema>;

export const USER_SORTS = ['name', 'email', 'createdAt', 'lastLoginAt'] as const;

export const userListQuerySchema = z.object({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  departmentId: z.uuid().optional(),
  /** With departmentId: the employees of its sub-departments too (a head's whole team). */
  subdepartments: queryBoolean.optional(),
  roleId: z.uuid().optional(),
  active: queryBoolean.optional(),
  sort: z.string().max(40).default('name'),
  /** Also count every matching employee (one more query). */
  withTotal: queryBoolean.optional(),
});

const userFields = {
  name: personName,
  email: emailSchema,
  position: z.string().trim().max(200).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  managerId: z.uuid().nullable().optional(),
  roleId: z.uuid(),
  language: z.enum(LOCALES).optional(),
  timeZone: timeZoneSchema.optional(),
};

export const createUserBodySchema = z.object({ ...userFields, password: passwordSchema });

export const updateUserBodySchema = z.object({
  name: userFields.name.optional(),
  email: userFields.email.optional(),
  position: userFields.position,
  phone: userFields.phone,
  departmentId: userFields.departmentId,
  managerId: userFields.managerId,
  roleId: userFields.roleId.optional(),
  language: userFields.language,
  timeZone: userFields.timeZone,
  active: z.boolean().optional(),
  version: versionSchema,
});

export const resetPasswordBodySchema = z.object({ password: passwordSchema });
