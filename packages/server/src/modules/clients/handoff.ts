import type { Kysely } from 'kysely';
import type { NOTIFICATION_KINDS } from '@kontakt/shared';
import type { ClientType, DB } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import { newId } from '../../platform/ids.js';
import { notifyMany, type NotifyInput } from '../../platform/notifications/notify.js';

export interface Handoff {
  recordType: ClientType;
  recordId: string;
  recordName: string;
  before: { id: string; name: string } | null;
  after: { id: string; name: string } | null;
}

/**
 * Audit entries in one statement per thousand: a bulk action over 10,000 records writes 10,000 entries,
 * and one insert per entry would be most of its time. Rows are exactly what `recordAudit` writes.
 */
export async function recordAuditMany(db: Kysely<DB>, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  const rows = entries.map((entry) => ({
    id: newId(),
    actor_id: ctx.actorId,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    object_label: entry.objectLabel ?? null,
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? JSON.stringify(entry.changes) : null,
    request_id: ctx.requestId,
    ip: ctx.ip,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('audit_log').values(rows.slice(i, i + 1000)).execute();
}

/**
 * A change of the responsible manager (item 12): its own history entry, so the card's history shows
 * "handed over from A to B", and an in-app notification to the new manager unless they did it themselves.
 * Runs inside the transaction of the change, so neither exists without the other.
 */
export async function recordHandoffs(db: Kysely<DB>, actor: Actor, ctx: RequestContext, handoffs: readonly Handoff[]): Promise<void> {
  const notes: NotifyInput[] = [];
  const entries: AuditEntry[] = [];
  for (const h of handoffs) {
    entries.push({
      action: 'handoff',
      objectType: h.recordType,
      objectId: h.recordId,
      objectLabel: h.recordName,
      changes: { responsible: { before: h.before, after: h.after } },
    });
    if (h.after && h.after.id !== actor.userId) {
      notes.push({
        userId: h.after.id,
        kind: 'client_handoff' satisfies (typeof NOTIFICATION_KINDS)[number],
        params: { recordType: h.recordType, recordName: h.recordName, actorName: actor.name },
        recordType: h.recordType,
        recordId: h.recordId,
        actorId: actor.userId,
      });
    }
  }
  await recordAuditMany(db, ctx, entries);
  await notifyMany(db, notes);
}
