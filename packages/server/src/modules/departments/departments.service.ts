import type { z } from 'zod';
import { sql } from 'kysely';
import type {
  createDepartmentBodySchema,
  departmentListQuerySchema,
  DepartmentDto,
  updateDepartmentBodySchema,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, scopeFilter, type RecordOwnership } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, parseSort, toPage, type Page } from '../../platform/pagination.js';
import { Problems } from '../../platform/validate.js';
import * as q from './departments.queries.js';
import type { DB } from '../../db/schema.js';
import type { Transaction } from 'kysely';

type ListQuery = z.output<typeof departmentListQuerySchema>;
type CreateBody = z.output<typeof createDepartmentBodySchema>;
type UpdateBody = z.output<typeof updateDepartmentBodySchema>;

export const departmentOwnership = (row: { id: string; head_id: string | null }): RecordOwnership => ({
  ownerIds: [row.head_id],
  departmentIds: [row.id],
});

export function toDepartmentDto(row: q.DepartmentJoinedRow): DepartmentDto {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    head: row.head_id && row.head_name !== null ? { id: row.head_id, name: row.head_name } : null,
    userCount: row.user_count ?? 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

const audited = (dto: DepartmentDto, parentName: string | null) => ({
  name: dto.name,
  parent: parentName,
  head: dto.head?.name ?? null,
});

export function makeDepartmentsService({ db, bus }: ServiceDeps) {
  async function get(actor: Actor, id: string): Promise<DepartmentDto> {
    const row = await q.findDepartment(db, id);
    if (!row) throw notFound();
    assertCan(actor, 'view', 'department', departmentOwnership(row));
    return toDepartmentDto(row);
  }

  async function list(actor: Actor, query: ListQuery): Promise<Page<DepartmentDto>> {
    const sort = parseSort(query.sort, ['name', 'createdAt'], { name: 'departments.name', createdAt: 'departments.created_at' });
    const rows = await q.listDepartments(db, {
      scope: scopeFilter(actor, 'view', 'department'),
      q: query.q,
      parentId: query.parentId,
      sort,
      cursor: decodeCursor(query.cursor, 2),
      limit: query.limit,
    });
    return toPage(rows, query.limit, sort, (r) => (sort.key === 'name' ? r.name : r.created_at), toDepartmentDto);
  }

  async function parentName(trx: Transaction<DB>, parentId: string | null): Promise<string | null> {
    if (!parentId) return null;
    const row = await trx.selectFrom('departments').select('name').where('id', '=', parentId).executeTakeFirst();
    return row?.name ?? null;
  }

  async function checkRefs(trx: Transaction<DB>, problems: Problems, refs: { parentId?: string | null | undefined; headId?: string | null | undefined }) {
    if (refs.parentId && !(await trx.selectFrom('departments').select('id').where('id', '=', refs.parentId).executeTakeFirst())) {
      problems.add('parentId', 'not_found');
    }
    if (refs.headId && !(await trx.selectFrom('users').select('id').where('id', '=', refs.headId).executeTakeFirst())) {
      problems.add('headId', 'not_found');
    }
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<DepartmentDto> {
    // A new department sits under its parent: "department" scope lets a head create inside their subtree.
    assertCan(actor, 'create', 'department', { ownerIds: [body.headId], departmentIds: [body.parentId] });
    const id = newId();
    const dto = await db.transaction().execute(async (trx) => {
      const problems = new Problems();
      await checkRefs(trx, problems, body);
      problems.throwIfAny();
      await trx
        .insertInto('departments')
        .values({
          id,
          name: body.name,
          parent_id: body.parentId ?? null,
          head_id: body.headId ?? null,
          created_by: actor.userId,
          updated_at: new Date(),
        })
        .execute();
      const created = toDepartmentDto((await q.findDepartment(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'create',
        objectType: 'department',
        objectId: id,
        objectLabel: created.name,
        changes: diffChanges(null, audited(created, await parentName(trx, created.parentId))),
      });
      return created;
    });
    await bus.publish();
    return dto;
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<DepartmentDto> {
    const dto = await db.transaction().execute(async (trx) => {
      const before = await q.findDepartment(trx, id);
      if (!before) throw notFound();
      assertCan(actor, 'view', 'department', departmentOwnership(before));
      assertCan(actor, 'edit', 'department', departmentOwnership(before));
      if (before.version !== body.version) throw versionConflict();
      const problems = new Problems();
      await checkRefs(trx, problems, body);
      if (body.parentId && (await q.subtreeIds(trx, id)).includes(body.parentId)) problems.add('parentId', 'cycle');
      problems.throwIfAny();
      if (body.parentId !== undefined && body.parentId !== before.parent_id) {
        assertCan(actor, 'edit', 'department', { ownerIds: [], departmentIds: [body.parentId] });
      }
      const result = await trx
        .updateTable('departments')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
          ...(body.headId !== undefined ? { head_id: body.headId } : {}),
          updated_at: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
      const after = toDepartmentDto((await q.findDepartment(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'department',
        objectId: id,
        objectLabel: after.name,
        changes: diffChanges(
          audited(toDepartmentDto(before), await parentName(trx, before.parent_id)),
          audited(after, await parentName(trx, after.parentId)),
        ),
      });
      return after;
    });
    await bus.publish();
    return dto;
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string, version: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const before = await q.findDepartment(trx, id);
      if (!before) throw notFound();
      assertCan(actor, 'view', 'department', departmentOwnership(before));
      assertCan(actor, 'delete', 'department', departmentOwnership(before));
      if (before.version !== version) throw versionConflict();
      if (await q.hasChildrenOrUsers(trx, id)) throw new AppError('department_not_empty');
      await trx.deleteFrom('departments').where('id', '=', id).execute();
      await recordAudit(trx, ctx, {
        action: 'delete',
        objectType: 'department',
        objectId: id,
        objectLabel: before.name,
        changes: diffChanges(audited(toDepartmentDto(before), await parentName(trx, before.parent_id)), null),
      });
    });
    await bus.publish();
  }

  return { get, list, create, update, remove };
}

export type DepartmentsService = ReturnType<typeof makeDepartmentsService>;
