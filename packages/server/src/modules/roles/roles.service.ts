import type { z } from 'zod';
import { sql, type Transaction } from 'kysely';
import {
  BUILT_IN_ROLES,
  normalizePermissions,
  OBJECT_DEFS,
  OBJECT_TYPES,
  type Action,
  type BuiltInRole,
  type createRoleBodySchema,
  type ObjectType,
  type Permissions,
  type roleListQuerySchema,
  type RoleDto,
  type Scope,
  type updateRoleBodySchema,
} from '@kontakt/shared';
import type { DB, RoleRow } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type Changes, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, keysetCondition, orderBy, parseSort, toPage, type Page } from '../../platform/pagination.js';
import { isUniqueViolation, Problems } from '../../platform/validate.js';

type ListQuery = z.output<typeof roleListQuerySchema>;
type CreateBody = z.output<typeof createRoleBodySchema>;
type UpdateBody = z.output<typeof updateRoleBodySchema>;
type RoleWithCount = RoleRow & { user_count: number | null };

function toRoleDto(row: RoleWithCount): RoleDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtIn: (BUILT_IN_ROLES as readonly string[]).includes(row.built_in ?? '') ? (row.built_in as BuiltInRole) : null,
    permissions: normalizePermissions(row.permissions),
    requireTwoFactor: row.require_two_factor,
    userCount: row.user_count ?? 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Rejects cells the matrix does not have and scopes an object does not allow, naming each cell. */
function validatePermissions(input: Record<string, Record<string, string>>, problems: Problems): Permissions {
  for (const [object, actions] of Object.entries(input)) {
    if (!(OBJECT_TYPES as string[]).includes(object)) {
      problems.add(`permissions.${object}`, 'unknown_field');
      continue;
    }
    const def = OBJECT_DEFS[object as ObjectType];
    for (const [action, scope] of Object.entries(actions)) {
      if (!(def.actions as readonly string[]).includes(action)) problems.add(`permissions.${object}.${action}`, 'unknown_field');
      else if (!(def.scopes as readonly string[]).includes(scope)) problems.add(`permissions.${object}.${action}`, 'invalid_value');
    }
  }
  return normalizePermissions(input);
}

/** One audit entry per changed cell: "user.view: own → all". */
function permissionChanges(before: Permissions, after: Permissions): Changes {
  const flat = (p: Permissions) => {
    const cells: Record<string, Scope> = {};
    for (const object of OBJECT_TYPES) {
      for (const action of OBJECT_DEFS[object].actions as readonly Action[]) cells[`${object}.${action}`] = p[object][action] ?? 'none';
    }
    return cells;
  };
  return diffChanges(flat(before), flat(after));
}

export function makeRolesService({ db, bus }: ServiceDeps) {
  const executorFor = (trx?: Transaction<DB>) => trx ?? db;

  function selectWithCount(trx?: Transaction<DB>) {
    return executorFor(trx)
      .selectFrom('roles')
      .selectAll('roles')
      .select((eb) =>
        eb.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).whereRef('users.role_id', '=', 'roles.id').as('user_count'),
      );
  }

  async function find(id: string, trx?: Transaction<DB>) {
    return selectWithCount(trx).where('roles.id', '=', id).executeTakeFirst();
  }

  async function get(actor: Actor, id: string): Promise<RoleDto> {
    assertCan(actor, 'view', 'role');
    const row = await find(id);
    if (!row) throw notFound();
    return toRoleDto(row);
  }

  async function list(actor: Actor, query: ListQuery): Promise<Page<RoleDto>> {
    const sort = parseSort(query.sort, ['name', 'createdAt'], { name: 'roles.name', createdAt: 'roles.created_at' });
    let select = selectWithCount().where(scopeFilter(actor, 'view', 'role'));
    if (query.q) select = select.where('roles.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const cursor = decodeCursor(query.cursor, 2);
    if (cursor) select = select.where((eb) => keysetCondition(eb, sort, 'roles.id', cursor));
    const [first, second] = orderBy(sort, 'roles.id');
    const rows = await select.orderBy(first!).orderBy(second!).limit(query.limit + 1).execute();
    return toPage(rows, query.limit, sort, (r) => (sort.key === 'name' ? r.name : r.created_at), toRoleDto);
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<RoleDto> {
    assertCan(actor, 'create', 'role');
    const problems = new Problems();
    let base: Permissions = normalizePermissions({});
    if (body.copyFromId) {
      const source = await find(body.copyFromId);
      if (!source) problems.add('copyFromId', 'not_found');
      else base = normalizePermissions(source.permissions);
    }
    const explicit = body.permissions ? validatePermissions(body.permissions, problems) : undefined;
    problems.throwIfAny();
    const permissions = explicit ? mergePermissions(base, body.permissions!) : base;
    const id = newId();
    try {
      const dto = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('roles')
          .values({
            id,
            name: body.name,
            description: body.description ?? null,
            permissions: JSON.stringify(permissions),
            require_two_factor: body.requireTwoFactor ?? false,
            created_by: actor.userId,
            updated_at: new Date(),
          })
          .execute();
        const created = toRoleDto((await find(id, trx))!);
        await recordAudit(trx, ctx, {
          action: 'create',
          objectType: 'role',
          objectId: id,
          objectLabel: created.name,
          changes: { ...diffChanges(null, { name: created.name, requireTwoFactor: created.requireTwoFactor }), ...permissionChanges(normalizePermissions({}), permissions) },
        });
        return created;
      });
      return dto;
    } catch (error) {
      if (isUniqueViolation(error, 'roles_name_key')) throw new AppError('name_taken', { errors: [{ field: 'name', code: 'taken' }] });
      throw error;
    }
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<RoleDto> {
    assertCan(actor, 'edit', 'role');
    const problems = new Problems();
    if (body.permissions) validatePermissions(body.permissions, problems);
    problems.throwIfAny();
    try {
      const dto = await db.transaction().execute(async (trx) => {
        const before = await find(id, trx);
        if (!before) throw notFound();
        if (before.version !== body.version) throw versionConflict();
        const beforePermissions = normalizePermissions(before.permissions);
        const permissions = body.permissions ? mergePermissions(beforePermissions, body.permissions) : beforePermissions;
        const permissionDiff = permissionChanges(beforePermissions, permissions);
        if (before.built_in === 'administrator' && Object.keys(permissionDiff).length > 0) {
          throw new AppError('role_administrator_locked');
        }
        const result = await trx
          .updateTable('roles')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.requireTwoFactor !== undefined ? { require_two_factor: body.requireTwoFactor } : {}),
            permissions: JSON.stringify(permissions),
            updated_at: new Date(),
            version: sql`version + 1`,
          })
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw versionConflict();
        const after = toRoleDto((await find(id, trx))!);
        const fieldDiff = diffChanges(
          { name: before.name, description: before.description, requireTwoFactor: before.require_two_factor },
          { name: after.name, description: after.description, requireTwoFactor: after.requireTwoFactor },
        );
        const hasPermissionChange = Object.keys(permissionDiff).length > 0 || 'requireTwoFactor' in fieldDiff;
        await recordAudit(trx, ctx, {
          action: hasPermissionChange ? 'permission_change' : 'update',
          objectType: 'role',
          objectId: id,
          objectLabel: after.name,
          changes: { ...fieldDiff, ...permissionDiff },
        });
        return after;
      });
      await bus.publish();
      return dto;
    } catch (error) {
      if (isUniqueViolation(error, 'roles_name_key')) throw new AppError('name_taken', { errors: [{ field: 'name', code: 'taken' }] });
      throw error;
    }
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string, version: number): Promise<void> {
    assertCan(actor, 'delete', 'role');
    await db.transaction().execute(async (trx) => {
      const before = await find(id, trx);
      if (!before) throw notFound();
      if (before.version !== version) throw versionConflict();
      if (before.built_in) throw new AppError('role_built_in');
      if ((before.user_count ?? 0) > 0) throw new AppError('role_in_use', { params: { count: before.user_count ?? 0 } });
      await trx.deleteFrom('roles').where('id', '=', id).execute();
      await recordAudit(trx, ctx, {
        action: 'delete',
        objectType: 'role',
        objectId: id,
        objectLabel: before.name,
        changes: permissionChanges(normalizePermissions(before.permissions), normalizePermissions({})),
      });
    });
    await bus.publish();
  }

  return { get, list, create, update, remove };
}

/** Applies the cells a request names on top of the current matrix; unnamed cells keep their scope. */
function mergePermissions(base: Permissions, patch: Record<string, Record<string, string>>): Permissions {
  const merged: Record<string, Record<string, string>> = {};
  for (const object of OBJECT_TYPES) merged[object] = { ...base[object], ...(patch[object] ?? {}) };
  return normalizePermissions(merged);
}

export type RolesService = ReturnType<typeof makeRolesService>;
