import { z } from 'zod';
import { versionSchema } from './common.js';

export const companySettingsSchema = z.object({ name: z.string(), version: z.number() });
export const updateCompanySettingsBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  version: versionSchema,
});
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  version: z.string(),
});
