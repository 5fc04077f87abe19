import { z } from 'zod';
import { LOCALES } from '../locale.js';
import { emailSchema, passwordSchema, personName, phoneSchema, refSchema, timeZoneSchema, versionSchema } from './common.js';
import { SCOPES } from '../access.js';

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export const loginBodySchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  /** TOTP code or a recovery code, when the account has two-factor login on. */
  code: z.string().trim().max(32).optional(),
});

export const setupBodySchema = z.object({
  companyName: z.string().trim().min(1).max(200),
  name: personName,
  email: emailSchema,
  password: passwordSchema,
  language: z.enum(LOCALES).optional(),
});

export const permissionsSchema = z.record(z.string(), z.record(z.string(), z.enum(SCOPES)));

export const meSchema = z.object({
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
  theme: z.enum(THEMES),
  twoFactorEnabled: z.boolean(),
  version: z.number(),
});
export type MeDto = z.infer<typeof meSchema>;

export const sessionInfoSchema = z.object({
  user: meSchema,
  csrfToken: z.string(),
  permissions: permissionsSchema,
  company: z.object({ name: z.string() }),
  /** The user's role requires two-factor login and the user has not turned it on yet. */
  twoFactorSetupRequired: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const setupStatusSchema = z.object({ needed: z.boolean() });

export const updateMeBodySchema = z.object({
  name: personName.optional(),
  position: z.string().trim().max(200).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  language: z.enum(LOCALES).optional(),
  timeZone: timeZoneSchema.optional(),
  theme: z.enum(THEMES).optional(),
  version: versionSchema,
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

export const twoFactorSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const twoFactorEnableBodySchema = z.object({ code: z.string().trim().min(6).max(10) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const passwordConfirmBodySchema = z.object({ password: z.string().min(1).max(256) });

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Lifetime in days; omitted means the token never expires. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export const createdApiTokenSchema = z.object({ token: z.string(), item: apiTokenSchema });

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
