import type { z } from 'zod';
import type { auditListQuerySchema, AuditEntryDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';

type ListQuery = z.output<typeof auditListQuerySchema>;

/** The audit log, newest first. Ids are UUIDv7, so the cursor is simply the last id seen. */
export function makeAuditService({ db }: ServiceDeps) {
  async function list(actor: Actor, query: ListQuery): Promise<Page<AuditEntryDto>> {
    assertCan(actor, 'view', 'audit');
    const cursor = query.cursor;
    if (cursor !== undefined && !/^[0-9a-f-]{36}$/.test(cursor)) {
      throw new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
    }
    let select = db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select('users.name as actor_name')
      .where(scopeFilter(actor, 'view', 'audit'));
    if (query.actorId) select = select.where('audit_log.actor_id', '=', query.actorId);
    if (query.objectType) select = select.where('audit_log.object_type', '=', query.objectType);
    if (query.objectId) select = select.where('audit_log.object_id', '=', query.objectId);
    if (query.action) select = select.where('audit_log.action', '=', query.action);
    if (query.from) select = select.where('audit_log.at', '>=', new Date(query.from));
    if (query.to) select = select.where('audit_log.at', '<', new Date(query.to));
    if (cursor) select = select.where('audit_log.id', '<', cursor);
    const rows = await select.orderBy('audit_log.id', 'desc').limit(query.limit + 1).execute();
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    return {
      items: page.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        objectLabel: row.object_label,
        changes: row.changes,
        requestId: row.request_id,
        ip: row.ip,
      })),
      nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
  return { list };
}

export type AuditService = ReturnType<typeof makeAuditService>;
