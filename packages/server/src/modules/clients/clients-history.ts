import type { AuditEntryDto } from '@kontakt/shared';
import type { Kysely } from 'kysely';
import type { ClientType, DB } from '../../db/schema.js';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { clientOwnership } from './ownership.js';

/**
 * The card's history tab: the record's own audit entries, newest first. Anyone who may view the record
 * may read them (the audit right governs the company-wide log, not a card's past); the identity document
 * never enters these entries. Ids are UUIDv7, so the cursor is the last id and the index
 * (object_type, object_id, id DESC) answers every page directly.
 */
export async function clientHistory(
  db: Kysely<DB>,
  actor: Actor,
  type: ClientType,
  id: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditEntryDto>> {
  const table = type === 'organization' ? 'organizations' : 'persons';
  const record = await db.selectFrom(table).select(['responsible_id', 'created_by']).where('id', '=', id).executeTakeFirst();
  const department = record?.responsible_id
    ? await db.selectFrom('users').select('department_id').where('id', '=', record.responsible_id).executeTakeFirst()
    : undefined;
  if (!record || !can(actor, 'view', type, clientOwnership({ ...record, responsible_department_id: department?.department_id ?? null }))) {
    throw notFound();
  }
  if (query.cursor !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(query.cursor)) {
    throw new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
  }
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('users.name as actor_name')
    .where('audit_log.object_type', '=', type)
    .where('audit_log.object_id', '=', id);
  if (query.cursor) select = select.where('audit_log.id', '<', query.cursor);
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
      requestId: null,
      ip: null,
    })),
    nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null,
  };
}
