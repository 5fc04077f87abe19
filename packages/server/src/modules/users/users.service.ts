import type { z } from 'zod';
import {
  normalizePermissions,
  permissionsWithin,
  scopeOf,
  USER_SORTS,
  type createUserBodySchema,
  type updateUserBodySchema,
  type userListQuerySchema,
  type UserDto,
} from '@kontakt/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, can, scopeFilter, type RecordOwnership } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, parseSort, toPage, type Page } from '../../platform/pagination.js';
import { hashPassword, passwordProblems } from '../../platform/auth/password.js';
import { isValidTimeZone, Problems } from '../../platform/validate.js';
import { auditedUserFields, toUserDto, type UserJoinedRow } from './users.mapper.js';
import { subtreeIds } from '../departments/departments.queries.js';
import * as q from './users.queries.js';

type ListQuery = z.output<typeof userListQuerySchema>;
type CreateBody = z.output<typeof createUserBodySchema>;
type UpdateBody = z.output<typeof updateUserBodySchema>;

export const USER_SORT_COLUMNS = { name: 'users.name', email: 'users.email', createdAt: 'users.created_at', lastLoginAt: 'users.last_login_at' };

export const userOwnership = (row: { id: string; department_id: string | null }): RecordOwnership => ({
  ownerIds: [row.id],
  departmentIds: [row.department_id],
});

export function makeUsersService({ db, config, bus }: ServiceDeps) {
  async function get(actor: Actor, id: string): Promise<UserDto> {
    const row = await q.findUserById(db, id);
    if (!row) throw notFound();
    assertCan(actor, 'view', 'user', userOwnership(row));
    return toUserDto(row);
  }

  async function list(actor: Actor, query: ListQuery): Promise<Page<UserDto>> {
    const sort = parseSort(query.sort, USER_SORTS, USER_SORT_COLUMNS, ['lastLoginAt']);
    const filter = {
      scope: scopeFilter(actor, 'view', 'user'),
      q: query.q,
      departmentIds: !query.departmentId ? undefined : query.subdepartments ? await subtreeIds(db, query.departmentId) : [query.departmentId],
      roleId: query.roleId,
      active: query.active,
    };
    const rows = await q.listUsers(db, { ...filter, sort, cursor: decodeCursor(query.cursor, 2), limit: query.limit });
    const sortValue = (row: UserJoinedRow) =>
      ({ name: row.name, email: row.email, createdAt: row.created_at, lastLoginAt: row.last_login_at })[sort.key as keyof typeof USER_SORT_COLUMNS];
    const page = toPage(rows, query.limit, sort, sortValue, toUserDto);
    return query.withTotal ? { ...page, total: await q.countMatchingUsers(db, filter) } : page;
  }

  /** Checks that referenced department, manager and role exist and that the actor may hand them out. */
  async function checkReferences(
    trx: Transaction<DB>,
    actor: Actor,
    problems: Problems,
    refs: { departmentId?: string | null | undefined; managerId?: string | null | undefined; roleId?: string | undefined },
  ): Promise<void> {
    if (refs.departmentId) {
      const department = await trx.selectFrom('departments').select('id').where('id', '=', refs.departmentId).executeTakeFirst();
      if (!department) problems.add('departmentId', 'not_found');
      else if (scopeOf(actor.permissions, 'user', 'edit') === 'department' && !actor.departmentScope.includes(refs.departmentId)) {
        problems.add('departmentId', 'invalid_value');
      }
    }
    if (refs.managerId) {
      const manager = await trx.selectFrom('users').select('id').where('id', '=', refs.managerId).executeTakeFirst();
      if (!manager) problems.add('managerId', 'not_found');
    }
    if (refs.roleId) {
      const role = await trx.selectFrom('roles').select(['id', 'permissions']).where('id', '=', refs.roleId).executeTakeFirst();
      if (!role) problems.add('roleId', 'not_found');
      else if (!can(actor, 'edit', 'role') && !permissionsWithin(normalizePermissions(role.permissions), actor.permissions)) {
        // Without the right to edit roles, a user may only hand out roles no stronger than their own.
        throw new AppError('forbidden');
      }
    }
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<UserDto> {
    const ownership: RecordOwnership = { ownerIds: [], departmentIds: [body.departmentId ?? null] };
    assertCan(actor, 'create', 'user', ownership);
    const problems = new Problems().addAll(passwordProblems(body.password, 'password', body.email));
    if (body.timeZone && !isValidTimeZone(body.timeZone)) problems.add('timeZone', 'invalid_time_zone');
    const id = newId();
    const passwordHash = await hashPassword(body.password, config.passwordHashCost);
    const dto = await db.transaction().execute(async (trx) => {
      await checkReferences(trx, actor, problems, body);
      if (await q.emailTaken(trx, body.email)) problems.add('email', 'taken');
      problems.throwIfAny();
      await q.insertUser(trx, {
        id,
        name: body.name,
        email: body.email,
        password_hash: passwordHash,
        position: body.position ?? null,
        phone: body.phone ?? null,
        department_id: body.departmentId ?? null,
        manager_id: body.managerId ?? null,
        role_id: body.roleId,
        language: body.language ?? actor.language,
        time_zone: body.timeZone ?? actor.timeZone,
        created_by: actor.userId,
        updated_at: new Date(),
        password_changed_at: new Date(),
      });
      const created = toUserDto((await q.findUserById(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'create',
        objectType: 'user',
        objectId: id,
        objectLabel: created.name,
        changes: diffChanges(null, auditedUserFields(created)),
      });
      return created;
    });
    return dto;
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<UserDto> {
    const self = id === actor.userId;
    if (self && ((body.active !== undefined && !body.active) || body.roleId !== undefined)) {
      const current = await q.findUserById(db, id);
      if (current && ((body.active === false && current.active) || (body.roleId && body.roleId !== current.role_id))) {
        throw new AppError('cannot_change_self');
      }
    }
    const result = await db.transaction().execute(async (trx) => {
      const before = await q.findUserById(trx, id);
      if (!before) throw notFound();
      assertCan(actor, 'view', 'user', userOwnership(before));
      assertCan(actor, 'edit', 'user', userOwnership(before));
      if (before.version !== body.version) throw versionConflict();
      const problems = new Problems();
      if (body.timeZone && !isValidTimeZone(body.timeZone)) problems.add('timeZone', 'invalid_time_zone');
      if (body.managerId === id) problems.add('managerId', 'invalid_value');
      const roleChanges = body.roleId !== undefined && body.roleId !== before.role_id;
      await checkReferences(trx, actor, problems, {
        departmentId: body.departmentId !== before.department_id ? body.departmentId : undefined,
        managerId: body.managerId,
        roleId: roleChanges ? body.roleId : undefined,
      });
      if (body.email && body.email !== before.email && (await q.emailTaken(trx, body.email, id))) problems.add('email', 'taken');
      problems.throwIfAny();
      const updated = await q.updateUserVersioned(trx, id, body.version, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.departmentId !== undefined ? { department_id: body.departmentId } : {}),
        ...(body.managerId !== undefined ? { manager_id: body.managerId } : {}),
        ...(body.roleId !== undefined ? { role_id: body.roleId } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
        ...(body.timeZone !== undefined ? { time_zone: body.timeZone } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      });
      if (!updated) throw versionConflict();
      const after = toUserDto((await q.findUserById(trx, id))!);
      const beforeDto = toUserDto(before);
      await recordAudit(trx, ctx, {
        action: roleChanges ? 'permission_change' : 'update',
        objectType: 'user',
        objectId: id,
        objectLabel: after.name,
        changes: diffChanges(auditedUserFields(beforeDto), auditedUserFields(after)),
      });
      // Deactivation ends the user's sessions at once; their API tokens stop working with them.
      if (before.active && body.active === false) await q.deleteSessionsOfUser(trx, id);
      return after;
    });
    await bus.publish();
    return result;
  }

  async function resetPassword(actor: Actor, ctx: RequestContext, id: string, password: string): Promise<void> {
    const target = await q.findUserById(db, id);
    if (!target) throw notFound();
    assertCan(actor, 'view', 'user', userOwnership(target));
    assertCan(actor, 'edit', 'user', userOwnership(target));
    const problems = passwordProblems(password, 'password', target.email);
    if (problems.length) throw new AppError('validation_failed', { errors: problems });
    const hash = await hashPassword(password, config.passwordHashCost);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await q.deleteSessionsOfUser(trx, id);
      await recordAudit(trx, ctx, { action: 'password_reset', objectType: 'user', objectId: id, objectLabel: target.name });
    });
    await bus.publish();
  }

  return { get, list, create, update, resetPassword };
}

export type UsersService = ReturnType<typeof makeUsersService>;

