import { z } from 'zod';
import { listQueryBase, refSchema } from './common.js';
import { AUDIT_ACTIONS } from '../audit-actions.js';

export { AUDIT_ACTIONS, type AuditAction } from '../audit-actions.js';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: refSchema.nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z.object({
  ...listQueryBase,
  actorId: z.uuid().optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
