import type { z } from 'zod';
import {
  scopeOf,
  type addGroupMembersSchema,
  type createGroupSchema,
  type groupListQuerySchema,
  type GroupDto,
  type GroupMembersResult,
  type removeGroupMembersSchema,
  type updateGroupSchema,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import * as q from './groups.queries.js';

type ListQuery = z.output<typeof groupListQuerySchema>;
type CreateBody = z.output<typeof createGroupSchema>;
type UpdateBody = z.output<typeof updateGroupSchema>;
type AddBody = z.output<typeof addGroupMembersSchema>;
type RemoveBody = z.output<typeof removeGroupMembersSchema>;

const visibleTo = (actor: Actor, row: { shared: boolean; owner_id: string }) => row.shared || row.owner_id === actor.userId;

/** The owner changes a group; a shared one also whoever may edit every organization (a head of sales, an administrator). */
function mayEdit(actor: Actor, row: { shared: boolean; owner_id: string }): boolean {
  return row.owner_id === actor.userId || (row.shared && scopeOf(actor.permissions, 'organization', 'edit') === 'all');
}

function toGroupDto(actor: Actor, row: q.GroupJoinedRow): GroupDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    shared: row.shared,
    owner: { id: row.owner_id, name: row.owner_name },
    memberCount: Number(row.member_count),
    canEdit: mayEdit(actor, row),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

const audited = (g: GroupDto) => ({ name: g.name, description: g.description, shared: g.shared });

export function makeGroupsService({ db }: ServiceDeps) {
  /** A group the actor may see; a personal group of someone else is "not found", not "forbidden". */
  async function visibleGroup(executor: typeof db, actor: Actor, id: string): Promise<q.GroupJoinedRow> {
    const row = await q.findGroup(executor, id);
    if (!row || !visibleTo(actor, row)) throw notFound();
    return row;
  }

  async function list(actor: Actor, query: ListQuery): Promise<{ items: GroupDto[] }> {
    // The groups of a record say something about it: only for records the reader may see.
    if (query.recordId) {
      const seen = await Promise.all(
        (['organization', 'person'] as const).map((type) => q.visibleRecordIds(db, type, [query.recordId!], scopeFilter(actor, 'view', type), { includeDeleted: true })),
      );
      if (!seen.some((ids) => ids.size > 0)) throw notFound();
    }
    const rows = await q.listVisibleGroups(db, actor.userId, query.recordId);
    return { items: rows.map((row) => toGroupDto(actor, row)) };
  }

  async function get(actor: Actor, id: string): Promise<GroupDto> {
    return toGroupDto(actor, await visibleGroup(db, actor, id));
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<GroupDto> {
    const id = newId();
    return db.transaction().execute(async (trx) => {
      await q.insertGroup(trx, { id, name: body.name, description: body.description ?? null, shared: body.shared, owner_id: actor.userId });
      const created = toGroupDto(actor, (await q.findGroup(trx, id))!);
      await recordAudit(trx, ctx, { action: 'create', objectType: 'group', objectId: id, objectLabel: created.name, changes: diffChanges(null, audited(created)) });
      return created;
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<GroupDto> {
    return db.transaction().execute(async (trx) => {
      const before = await visibleGroup(trx, actor, id);
      if (!mayEdit(actor, before)) throw forbidden();
      // Only the owner turns their personal group into a shared one or back.
      if (body.shared !== undefined && body.shared !== before.shared && before.owner_id !== actor.userId) throw forbidden();
      if (before.version !== body.version) throw versionConflict();
      const ok = await q.updateGroupVersioned(trx, id, body.version, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.shared !== undefined ? { shared: body.shared } : {}),
      });
      if (!ok) throw versionConflict();
      const after = toGroupDto(actor, (await q.findGroup(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'group',
        objectId: id,
        objectLabel: after.name,
        changes: diffChanges(audited(toGroupDto(actor, before)), audited(after)),
      });
      return after;
    });
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const before = await visibleGroup(trx, actor, id);
      if (!mayEdit(actor, before)) throw forbidden();
      await q.deleteGroup(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        objectType: 'group',
        objectId: id,
        objectLabel: before.name,
        changes: diffChanges({ ...audited(toGroupDto(actor, before)), memberCount: Number(before.member_count) }, null),
      });
    });
  }

  /**
   * Adds records the actor may see; an id they may not see (or that does not exist) fails the whole call,
   * naming its position, so nobody learns which hidden records exist.
   */
  async function addMembers(actor: Actor, ctx: RequestContext, id: string, body: AddBody): Promise<GroupMembersResult> {
    const ids = [...new Set(body.ids.map((i) => i.toLowerCase()))];
    return db.transaction().execute(async (trx) => {
      const group = await visibleGroup(trx, actor, id);
      const visible = await q.visibleRecordIds(trx, body.recordType, ids, scopeFilter(actor, 'view', body.recordType));
      const problems = new Problems();
      body.ids.forEach((recordId, index) => {
        if (!visible.has(recordId.toLowerCase())) problems.add(`ids.${index}`, 'not_found');
      });
      problems.throwIfAny();
      const changed = await q.addMembers(trx, id, body.recordType, ids, actor.userId);
      const memberCount = await q.memberCount(trx, id);
      if (changed > 0) {
        await recordAudit(trx, ctx, {
          action: 'update',
          objectType: 'group',
          objectId: id,
          objectLabel: group.name,
          changes: { memberCount: { before: memberCount - changed, after: memberCount } },
        });
      }
      return { changed, memberCount };
    });
  }

  /** Removes the given records the actor may see; others are left alone and not counted. */
  async function removeMembers(actor: Actor, ctx: RequestContext, id: string, body: RemoveBody): Promise<GroupMembersResult> {
    return db.transaction().execute(async (trx) => {
      const group = await visibleGroup(trx, actor, id);
      const changed = await q.removeMembers(trx, id, body.ids, {
        organization: scopeFilter(actor, 'view', 'organization'),
        person: scopeFilter(actor, 'view', 'person'),
      });
      const memberCount = await q.memberCount(trx, id);
      if (changed > 0) {
        await recordAudit(trx, ctx, {
          action: 'update',
          objectType: 'group',
          objectId: id,
          objectLabel: group.name,
          changes: { memberCount: { before: memberCount + changed, after: memberCount } },
        });
      }
      return { changed, memberCount };
    });
  }

  return { list, get, create, update, remove, addMembers, removeMembers };
}

export type GroupsService = ReturnType<typeof makeGroupsService>;
