import type { z } from 'zod';
import {
  viewDefinitionSchema,
  type ClientType,
  type createSavedViewSchema,
  type SavedViewDto,
  type updateSavedViewSchema,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import { checkViewDefinition } from './view-definition.js';
import * as q from './views.queries.js';

type CreateBody = z.output<typeof createSavedViewSchema>;
type UpdateBody = z.output<typeof updateSavedViewSchema>;

const visibleTo = (actor: Actor, row: { shared: boolean; owner_id: string }) => row.shared || row.owner_id === actor.userId;

/** Only the owner changes a view; a shared one also an administrator (settings edit), to tidy up. */
const mayEdit = (actor: Actor, row: { shared: boolean; owner_id: string }) =>
  row.owner_id === actor.userId || (row.shared && can(actor, 'edit', 'settings'));

function toViewDto(actor: Actor, row: q.SavedViewJoinedRow): SavedViewDto {
  // Stored definitions were checked on write; parsing again keeps an old, looser one from breaking the answer.
  const parsed = viewDefinitionSchema.safeParse(row.definition);
  return {
    id: row.id,
    objectType: row.object_type as ClientType,
    name: row.name,
    shared: row.shared,
    owner: { id: row.owner_id, name: row.owner_name },
    definition: parsed.success ? parsed.data : { columns: [] },
    canEdit: mayEdit(actor, row),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

const audited = (v: SavedViewDto) => ({ name: v.name, shared: v.shared, definition: v.definition });

export function makeViewsService({ db }: ServiceDeps) {
  async function visibleView(executor: typeof db, actor: Actor, id: string) {
    const row = await q.findView(executor, id);
    if (!row || !visibleTo(actor, row)) throw notFound();
    return row;
  }

  async function list(actor: Actor, objectType: ClientType): Promise<{ items: SavedViewDto[] }> {
    const rows = await q.listVisibleViews(db, actor.userId, objectType);
    return { items: rows.map((row) => toViewDto(actor, row)) };
  }

  async function get(actor: Actor, id: string): Promise<SavedViewDto> {
    return toViewDto(actor, await visibleView(db, actor, id));
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<SavedViewDto> {
    const problems = new Problems();
    checkViewDefinition(body.objectType, body.definition, await q.allCustomDefs(db, body.objectType), problems);
    problems.throwIfAny();
    const id = newId();
    return db.transaction().execute(async (trx) => {
      await q.insertView(trx, {
        id,
        object_type: body.objectType,
        name: body.name,
        owner_id: actor.userId,
        shared: body.shared,
        definition: JSON.stringify(body.definition),
      });
      const created = toViewDto(actor, (await q.findView(trx, id))!);
      await recordAudit(trx, ctx, { action: 'create', objectType: 'saved_view', objectId: id, objectLabel: created.name, changes: diffChanges(null, audited(created)) });
      return created;
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<SavedViewDto> {
    return db.transaction().execute(async (trx) => {
      const before = await visibleView(trx, actor, id);
      if (!mayEdit(actor, before)) throw forbidden();
      // An administrator may tidy a shared view but not make someone's view private to its owner.
      if (body.shared !== undefined && body.shared !== before.shared && before.owner_id !== actor.userId) throw forbidden();
      if (before.version !== body.version) throw versionConflict();
      if (body.definition) {
        const problems = new Problems();
        checkViewDefinition(before.object_type as ClientType, body.definition, await q.allCustomDefs(trx, before.object_type as ClientType), problems);
        problems.throwIfAny();
      }
      const ok = await q.updateViewVersioned(trx, id, body.version, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.shared !== undefined ? { shared: body.shared } : {}),
        ...(body.definition !== undefined ? { definition: JSON.stringify(body.definition) } : {}),
      });
      if (!ok) throw versionConflict();
      const after = toViewDto(actor, (await q.findView(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'saved_view',
        objectId: id,
        objectLabel: after.name,
        changes: diffChanges(audited(toViewDto(actor, before)), audited(after)),
      });
      return after;
    });
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const before = await visibleView(trx, actor, id);
      if (!mayEdit(actor, before)) throw forbidden();
      await q.deleteView(trx, id);
      await recordAudit(trx, ctx, { action: 'delete', objectType: 'saved_view', objectId: id, objectLabel: before.name, changes: diffChanges(audited(toViewDto(actor, before)), null) });
    });
  }

  return { list, get, create, update, remove };
}

export type ViewsService = ReturnType<typeof makeViewsService>;
