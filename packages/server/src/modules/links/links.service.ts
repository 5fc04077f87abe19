import type { z } from 'zod';
import { CLIENT_TYPES, type ClientType, type createLinkSchema, type LinkDto } from '@kontakt/shared';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { fieldError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import * as q from './links.queries.js';

type CreateBody = z.output<typeof createLinkSchema>;
type LinkRow = NonNullable<Awaited<ReturnType<typeof q.findLink>>>;

/** A record as the actor may see it: the row, and whether they may also edit it. */
interface SeenRecord {
  type: ClientType;
  id: string;
  name: string;
  deleted: boolean;
  editable: boolean;
}

export function makeLinksService({ db }: ServiceDeps) {
  async function seeRecord(executor: Kysely<DB>, actor: Actor, type: ClientType, id: string): Promise<SeenRecord | undefined> {
    const seen = (await q.recordsInScope(executor, type, [id], scopeFilter(actor, 'view', type))).get(id);
    if (!seen) return undefined;
    const editable = (await q.recordsInScope(executor, type, [id], scopeFilter(actor, 'edit', type))).has(id);
    return { type, ...seen, editable };
  }

  /** The record behind an id of either type, if the actor may see it. */
  async function seeAnyRecord(executor: Kysely<DB>, actor: Actor, id: string): Promise<SeenRecord | undefined> {
    for (const type of CLIENT_TYPES) {
      const seen = await seeRecord(executor, actor, type, id);
      if (seen) return seen;
    }
    return undefined;
  }

  /** Both directions, with the other record's name only where the reader may see that record. */
  async function list(actor: Actor, recordId: string): Promise<{ items: LinkDto[] }> {
    if (!(await seeAnyRecord(db, actor, recordId))) throw notFound();
    const rows = await q.linksOf(db, recordId);
    const others = rows.map((row) => (row.from_id === recordId ? { type: row.to_type, id: row.to_id } : { type: row.from_type, id: row.from_id }));
    const visible = new Map<string, q.ClientRecordRow>();
    for (const type of CLIENT_TYPES) {
      const ids = others.filter((o) => o.type === type).map((o) => o.id);
      for (const [id, record] of await q.recordsInScope(db, type, ids, scopeFilter(actor, 'view', type))) visible.set(`${type}:${id}`, record);
    }
    const items = rows.map((row, index): LinkDto => {
      const other = others[index]!;
      const seen = visible.get(`${other.type}:${other.id}`);
      return {
        id: row.id,
        label: row.label,
        direction: row.from_id === recordId ? 'outgoing' : 'incoming',
        other: { type: other.type as ClientType, id: other.id, name: seen?.name ?? null, visible: !!seen, deleted: seen?.deleted ?? false },
        createdAt: new Date(row.created_at).toISOString(),
        createdBy: row.created_by,
      };
    });
    return { items };
  }

  /** The same change on both cards' history. */
  async function auditBothSides(executor: Kysely<DB>, ctx: RequestContext, link: LinkRow, created: boolean) {
    // The audit log names records whoever reads it later; its own access rules decide who does.
    const names = new Map<string, string>();
    for (const type of CLIENT_TYPES) {
      const ids = [link.from_id, link.to_id].filter((_, i) => (i === 0 ? link.from_type : link.to_type) === type);
      for (const [id, record] of await q.recordsInScope(executor, type, ids, sql<SqlBool>`TRUE`)) names.set(id, record.name);
    }
    const sides = [
      { type: link.from_type, id: link.from_id, other: { type: link.to_type, id: link.to_id } },
      { type: link.to_type, id: link.to_id, other: { type: link.from_type, id: link.from_id } },
    ];
    for (const side of sides) {
      const value = { id: link.id, label: link.label, direction: side.id === link.from_id ? 'outgoing' : 'incoming', otherType: side.other.type, otherId: side.other.id };
      await recordAudit(executor, ctx, {
        action: 'update',
        objectType: side.type,
        objectId: side.id,
        objectLabel: names.get(side.id) ?? null,
        changes: { link: created ? { before: null, after: value } : { before: value, after: null } },
      });
    }
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<LinkDto> {
    return db.transaction().execute(async (trx) => {
      const from = await seeRecord(trx, actor, body.fromType, body.fromId);
      if (!from || from.deleted) throw fieldError('fromId', 'not_found');
      if (!from.editable) throw forbidden();
      const problems = new Problems();
      let to: SeenRecord | undefined;
      if (body.fromId === body.toId) problems.add('toId', 'self_reference');
      else {
        to = await seeRecord(trx, actor, body.toType, body.toId);
        if (!to || to.deleted) problems.add('toId', 'not_found');
        else if (await q.sameLinkExists(trx, body)) problems.add('label', 'taken');
      }
      problems.throwIfAny();
      const id = newId();
      const row = { id, from_type: body.fromType, from_id: body.fromId, to_type: body.toType, to_id: body.toId, label: body.label, created_by: actor.userId };
      await q.insertLink(trx, row);
      const saved = (await q.findLink(trx, id))!;
      await auditBothSides(trx, ctx, saved, true);
      return {
        id,
        label: saved.label,
        direction: 'outgoing',
        other: { type: body.toType, id: body.toId, name: to!.name, visible: true, deleted: false },
        createdAt: new Date(saved.created_at).toISOString(),
        createdBy: actor.userId,
      };
    });
  }

  /** Whoever may edit either linked record may remove the link. */
  async function remove(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const link = await q.findLink(trx, id);
      if (!link) throw notFound();
      const from = await seeRecord(trx, actor, link.from_type as ClientType, link.from_id);
      const to = await seeRecord(trx, actor, link.to_type as ClientType, link.to_id);
      if (!from && !to) throw notFound();
      if (!from?.editable && !to?.editable) throw forbidden();
      await q.deleteLink(trx, id);
      await auditBothSides(trx, ctx, link, false);
    });
  }

  return { list, create, remove };
}

export type LinksService = ReturnType<typeof makeLinksService>;
