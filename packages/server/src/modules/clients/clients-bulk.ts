import { sql, type Kysely } from 'kysely';
import type { Action, BulkActionBody } from '@kontakt/shared';
import type { ClientType, DB } from '../../db/schema.js';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { activeUserIds } from './clients.queries.js';
import { recordAuditMany, recordHandoffs, type Handoff } from './handoff.js';
import { clientOwnership } from './ownership.js';
import { settleOpenTasksOfDeletedClients } from '../tasks/client-tasks.js';

interface BulkRow {
  id: string;
  name: string;
  responsible_id: string | null;
  responsible_name: string | null;
  responsible_department_id: string | null;
  created_by: string | null;
  deleted_at: Date | null;
  merged_into_id: string | null;
  kind: string | null;
}

const TABLE = { organization: 'organizations', person: 'persons' } as const;

const RIGHT: Record<BulkActionBody['action'], Action> = {
  setResponsible: 'edit',
  addToGroup: 'edit',
  removeFromGroup: 'edit',
  setKind: 'edit',
  delete: 'delete',
  restore: 'delete',
};

/**
 * Bulk actions of a list: all or nothing. Every record is locked and checked with the action's right on
 * its own ownership first; one record the actor may not touch refuses the whole request, before anything
 * is written. Each changed record gets its own audit entry (and a handoff entry and notification when its
 * responsible changes), written in batches inside the same transaction.
 */
export async function runBulkAction(
  db: Kysely<DB>,
  actor: Actor,
  ctx: RequestContext,
  type: ClientType,
  body: BulkActionBody,
): Promise<{ affected: number }> {
  if (body.action === 'setKind' && type !== 'organization') throw fieldError('action', 'invalid_value');
  const ids = [...new Set(body.ids)];
  const table = sql.raw(TABLE[type]);
  const nameColumn = sql.raw(type === 'organization' ? 'name' : 'full_name');
  const kindColumn = type === 'organization' ? sql`t.kind` : sql`NULL::text`;

  return db.transaction().execute(async (trx) => {
    // Locked in id order, so two bulk actions over overlapping sets cannot deadlock.
    const { rows } = await sql<BulkRow>`
      SELECT t.id, t.${nameColumn} AS name, t.responsible_id, u.name AS responsible_name,
        u.department_id AS responsible_department_id, t.created_by, t.deleted_at, t.merged_into_id, ${kindColumn} AS kind
      FROM ${table} t LEFT JOIN users u ON u.id = t.responsible_id
      WHERE t.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
      ORDER BY t.id
      FOR UPDATE OF t`.execute(trx);
    // Unknown, invisible and untouchable ids all answer the same 403, so a bulk call cannot probe for ids.
    const allowed = (r: BulkRow) => can(actor, 'view', type, clientOwnership(r)) && can(actor, RIGHT[body.action], type, clientOwnership(r));
    if (rows.length !== ids.length || !rows.every(allowed)) throw new AppError('forbidden');
    const editing = body.action !== 'delete' && body.action !== 'restore';
    if (editing && rows.some((r) => r.deleted_at)) throw new AppError('record_deleted');

    const entries: AuditEntry[] = [];
    const audit = (r: BulkRow, action: AuditEntry['action'], changes?: AuditEntry['changes']) =>
      entries.push({ action, objectType: type, objectId: r.id, objectLabel: r.name, ...(changes ? { changes } : {}) });
    let changed: BulkRow[] = [];
    const bump = async (target: BulkRow[], set: ReturnType<typeof sql>) => {
      if (target.length === 0) return;
      await sql`
        UPDATE ${table} SET ${set}, version = version + 1
        WHERE id IN (${sql.join(target.map((r) => sql`${r.id}::uuid`))})`.execute(trx);
    };

    switch (body.action) {
      case 'setResponsible': {
        const next = body.responsibleId;
        let after: { id: string; name: string } | null = null;
        if (next) {
          if (!(await activeUserIds(trx, [next])).has(next)) throw fieldError('responsibleId', 'not_found');
          const user = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', next).executeTakeFirstOrThrow();
          after = { id: user.id, name: user.name };
        }
        changed = rows.filter((r) => r.responsible_id !== next);
        await bump(changed, sql`responsible_id = ${next}, updated_at = now()`);
        const handoffs: Handoff[] = changed.map((r) => ({
          recordType: type,
          recordId: r.id,
          recordName: r.name,
          before: r.responsible_id ? { id: r.responsible_id, name: r.responsible_name ?? '' } : null,
          after,
        }));
        await recordHandoffs(trx, actor, ctx, handoffs);
        return { affected: changed.length };
      }
      case 'setKind': {
        changed = rows.filter((r) => r.kind !== body.kind);
        await bump(changed, sql`kind = ${body.kind}, updated_at = now()`);
        for (const r of changed) audit(r, 'update', { kind: { before: r.kind, after: body.kind } });
        break;
      }
      case 'addToGroup':
      case 'removeFromGroup': {
        const group = await trx
          .selectFrom('groups')
          .select(['id', 'name'])
          .where('id', '=', body.groupId)
          .where((eb) => eb.or([eb('shared', '=', true), eb('owner_id', '=', actor.userId)]))
          .executeTakeFirst();
        if (!group) throw fieldError('groupId', 'not_found');
        const members = await trx
          .selectFrom('group_members')
          .select('record_id')
          .where('group_id', '=', group.id)
          .where('record_id', 'in', ids)
          .execute();
        const inGroup = new Set(members.map((m) => m.record_id));
        const ref = { id: group.id, name: group.name };
        if (body.action === 'addToGroup') {
          changed = rows.filter((r) => !inGroup.has(r.id));
          for (let i = 0; i < changed.length; i += 1000) {
            await trx
              .insertInto('group_members')
              .values(changed.slice(i, i + 1000).map((r) => ({ group_id: group.id, record_type: type, record_id: r.id, added_by: actor.userId })))
              .execute();
          }
          for (const r of changed) audit(r, 'update', { groups: { before: null, after: ref } });
        } else {
          changed = rows.filter((r) => inGroup.has(r.id));
          if (changed.length > 0) {
            await trx.deleteFrom('group_members').where('group_id', '=', group.id).where('record_id', 'in', changed.map((r) => r.id)).execute();
          }
          for (const r of changed) audit(r, 'update', { groups: { before: ref, after: null } });
        }
        break;
      }
      case 'delete': {
        changed = rows.filter((r) => !r.deleted_at);
        await settleOpenTasksOfDeletedClients(trx, actor, ctx, type, changed.map((r) => r.id), body.openTasks);
        await bump(changed, sql`deleted_at = now(), deleted_by = ${actor.userId}::uuid`);
        for (const r of changed) audit(r, 'delete');
        break;
      }
      case 'restore': {
        changed = rows.filter((r) => r.deleted_at);
        if (changed.some((r) => r.merged_into_id)) throw new AppError('record_merged');
        await bump(changed, sql`deleted_at = NULL, deleted_by = NULL, updated_at = now()`);
        for (const r of changed) audit(r, 'restore');
        break;
      }
    }
    await recordAuditMany(trx, ctx, entries);
    return { affected: changed.length };
  });
}
