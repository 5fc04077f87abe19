import type { z } from 'zod';
import {
  MAX_ABSENCE_DAYS,
  type AbsenceDto,
  type absenceListQuerySchema,
  type createAbsenceBodySchema,
  type updateAbsenceBodySchema,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { fieldError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { Problems } from '../../platform/validate.js';
import { userOwnership } from '../users/users.service.js';
import { chosenUsers } from './calendar.service.js';
import * as q from './calendar.queries.js';

type ListQuery = z.output<typeof absenceListQuerySchema>;
type CreateBody = z.output<typeof createAbsenceBodySchema>;
type UpdateBody = z.output<typeof updateAbsenceBodySchema>;

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

async function seesUser(executor: q.Executor, actor: Actor, userId: string): Promise<boolean> {
  return (await q.visibleUsers(executor, [userId], actor.userId, scopeFilter(actor, 'view', 'user'))).length === 1;
}

/** An employee enters their own absences; whoever may edit an employee (a head for the department) theirs. */
function mayEdit(actor: Actor, user: { id: string; department_id: string | null }): boolean {
  return user.id === actor.userId || can(actor, 'edit', 'user', userOwnership(user));
}

function toAbsenceDto(row: q.AbsenceRow, actor: Actor): AbsenceDto {
  return {
    id: row.id,
    user: { id: row.user_id, name: row.user_name },
    kind: row.kind as AbsenceDto['kind'],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    note: row.note,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    canEdit: mayEdit(actor, { id: row.user_id, department_id: row.user_department_id }),
    version: row.version,
  };
}

const audited = (a: { kind: string; starts_on: string; ends_on: string; note: string | null }) => ({
  kind: a.kind,
  startsOn: a.starts_on,
  endsOn: a.ends_on,
  note: a.note,
});

/** Vacations, sick leave, business trips, days off: whole days an employee is away (seed 004: "нет в офисе"). */
export function makeAbsencesService({ db }: ServiceDeps) {
  async function list(actor: Actor, query: ListQuery): Promise<{ items: AbsenceDto[]; nextCursor: string | null }> {
    const users = await chosenUsers(db, actor, query.userIds);
    const cursor = decodeCursor(query.cursor, 2);
    const after = cursor ? { startsOn: String(cursor[0]), id: String(cursor[1]) } : undefined;
    if (after && !/^\d{4}-\d{2}-\d{2}$/.test(after.startsOn)) new Problems().add('cursor', 'invalid_cursor').throwIfAny();
    const fromDay = query.from ?? (query.to ? undefined : new Date().toISOString().slice(0, 10));
    const rows = await q.listAbsences(db, { userIds: users.map((u) => u.id), fromDay, toDay: query.to, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toAbsenceDto(row, actor)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.starts_on, last.id]) : null,
    };
  }

  async function get(actor: Actor, id: string): Promise<AbsenceDto> {
    const row = await q.findAbsence(db, id);
    if (!row) throw notFound();
    // Seeing an absence follows seeing its employee.
    if (!(await seesUser(db, actor, row.user_id))) throw notFound();
    return toAbsenceDto(row, actor);
  }

  /** Field problems of a period, including another absence of the same employee sharing a day with it. */
  async function checkPeriod(executor: q.Executor, userId: string, startsOn: string, endsOn: string, exceptId: string | null) {
    const problems = new Problems();
    if (endsOn < startsOn) problems.add('endsOn', 'before_start');
    else if (daysBetween(startsOn, endsOn) + 1 > MAX_ABSENCE_DAYS) problems.add('endsOn', 'absence_too_long', { max: MAX_ABSENCE_DAYS });
    else {
      const other = await q.overlappingAbsence(executor, userId, startsOn, endsOn, exceptId);
      if (other) {
        const params = { startsOn: other.starts_on, endsOn: other.ends_on };
        problems.add('startsOn', 'absence_overlap', params).add('endsOn', 'absence_overlap', params);
      }
    }
    problems.throwIfAny();
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<AbsenceDto> {
    const userId = body.userId ?? actor.userId;
    return db.transaction().execute(async (trx) => {
      const user = await q.lockUser(trx, userId);
      if (!user || !(await seesUser(trx, actor, userId))) throw fieldError('userId', 'not_found');
      if (!mayEdit(actor, user)) throw forbidden();
      await checkPeriod(trx, userId, body.startsOn, body.endsOn, null);
      const id = newId();
      const values = { kind: body.kind, starts_on: body.startsOn, ends_on: body.endsOn, note: body.note ?? null };
      await q.insertAbsence(trx, { id, user_id: userId, created_by: actor.userId, ...values });
      await recordAudit(trx, ctx, {
        action: 'create',
        objectType: 'absence',
        objectId: id,
        objectLabel: user.name,
        changes: diffChanges(null, { userId, ...audited(values) }),
      });
      return toAbsenceDto((await q.findAbsence(trx, id))!, actor);
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<AbsenceDto> {
    return db.transaction().execute(async (trx) => {
      const before = await q.findAbsence(trx, id);
      if (!before || !(await seesUser(trx, actor, before.user_id))) throw notFound();
      await q.lockUser(trx, before.user_id);
      if (!mayEdit(actor, { id: before.user_id, department_id: before.user_department_id })) throw forbidden();
      if (before.version !== body.version) throw versionConflict();
      const values = {
        kind: body.kind ?? before.kind,
        starts_on: body.startsOn ?? before.starts_on,
        ends_on: body.endsOn ?? before.ends_on,
        note: body.note === undefined ? before.note : body.note,
      };
      await checkPeriod(trx, before.user_id, values.starts_on, values.ends_on, id);
      if (!(await q.updateAbsence(trx, id, body.version, values))) throw versionConflict();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'absence',
        objectId: id,
        objectLabel: before.user_name,
        changes: diffChanges(audited(before), audited(values)),
      });
      return toAbsenceDto((await q.findAbsence(trx, id))!, actor);
    });
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string, version: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const before = await q.findAbsence(trx, id);
      if (!before || !(await seesUser(trx, actor, before.user_id))) throw notFound();
      if (!mayEdit(actor, { id: before.user_id, department_id: before.user_department_id })) throw forbidden();
      if (!(await q.softDeleteAbsence(trx, id, version))) throw versionConflict();
      await recordAudit(trx, ctx, {
        action: 'delete',
        objectType: 'absence',
        objectId: id,
        objectLabel: before.user_name,
        changes: diffChanges(audited(before), null),
      });
    });
  }

  return { list, get, create, update, remove };
}

export type AbsencesService = ReturnType<typeof makeAbsencesService>;
