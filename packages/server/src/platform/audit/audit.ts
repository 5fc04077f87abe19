import type { Kysely, Transaction } from 'kysely';
import type { AuditAction } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';

/** Who is acting and from where; every service call carries it so the audit log can say so. */
export interface RequestContext {
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  objectLabel?: string | null;
  changes?: Changes | null;
}

type Executor = Kysely<DB> | Transaction<DB>;

export async function recordAudit(db: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      actor_id: ctx.actorId,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      object_label: entry.objectLabel ?? null,
      changes: entry.changes && Object.keys(entry.changes).length > 0 ? JSON.stringify(entry.changes) : null,
      request_id: ctx.requestId,
      ip: ctx.ip,
    })
    .execute();
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Field-by-field before/after of the fields that changed; values are the API's (camelCase) view. */
export function diffChanges<T extends Record<string, unknown>>(before: Partial<T> | null, after: Partial<T> | null): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (!same(b, a)) changes[key] = { before: b, after: a };
  }
  return changes;
}
