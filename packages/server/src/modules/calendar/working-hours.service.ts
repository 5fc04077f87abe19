import type { UserWorkingHoursDto, WorkingHours } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { Problems } from '../../platform/validate.js';
import { userOwnership } from '../users/users.service.js';
import * as q from './calendar.queries.js';

/** Days sorted and without repeats; the end of the day after its start. */
function normalized(hours: WorkingHours, field: string): WorkingHours {
  const problems = new Problems();
  if (hours.to <= hours.from) problems.add(`${field}.to`, 'before_start');
  problems.throwIfAny();
  return { days: [...new Set(hours.days)].sort((a, b) => a - b), from: hours.from, to: hours.to };
}

/**
 * Working hours shown in the calendar as business hours: the company's (settings edit right) and an
 * employee's own, which override them (the employee, or whoever may edit the employee).
 */
export function makeWorkingHoursService({ db }: ServiceDeps) {
  async function getCompany(actor: Actor) {
    const row = await q.companyWorkingHours(db);
    return { workingHours: row.working_hours, canEdit: can(actor, 'edit', 'settings'), version: row.version };
  }

  async function updateCompany(actor: Actor, ctx: RequestContext, body: { workingHours: WorkingHours; version: number }) {
    assertCan(actor, 'edit', 'settings');
    const hours = normalized(body.workingHours, 'workingHours');
    await db.transaction().execute(async (trx) => {
      const before = await q.companyWorkingHours(trx);
      if (before.version !== body.version || !(await q.setCompanyWorkingHours(trx, body.version, hours))) throw versionConflict();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'settings',
        objectId: 'working_hours',
        changes: diffChanges({ workingHours: before.working_hours }, { workingHours: hours }),
      });
    });
    return getCompany(actor);
  }

  async function loadUser(executor: q.Executor, actor: Actor, userId: string) {
    const user = await q.userWithHours(executor, userId);
    const visible = user && (await q.visibleUsers(executor, [userId], actor.userId, scopeFilter(actor, 'view', 'user'))).length === 1;
    if (!user || !visible) throw notFound();
    return user;
  }

  async function getUser(actor: Actor, userId: string): Promise<UserWorkingHoursDto> {
    const user = await loadUser(db, actor, userId);
    const company = await q.companyWorkingHours(db);
    return {
      user: { id: user.id, name: user.name },
      workingHours: user.working_hours ?? company.working_hours,
      own: user.working_hours,
      company: company.working_hours,
      canEdit: user.id === actor.userId || can(actor, 'edit', 'user', userOwnership(user)),
      version: user.version,
    };
  }

  async function updateUser(actor: Actor, ctx: RequestContext, userId: string, body: { workingHours: WorkingHours | null; version: number }) {
    const hours = body.workingHours ? normalized(body.workingHours, 'workingHours') : null;
    await db.transaction().execute(async (trx) => {
      const user = await loadUser(trx, actor, userId);
      if (user.id !== actor.userId && !can(actor, 'edit', 'user', userOwnership(user))) throw forbidden();
      if (user.version !== body.version || !(await q.setUserWorkingHours(trx, userId, body.version, hours))) throw versionConflict();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'user',
        objectId: userId,
        objectLabel: user.name,
        changes: diffChanges({ workingHours: user.working_hours }, { workingHours: hours }),
      });
    });
    return getUser(actor, userId);
  }

  return { getCompany, updateCompany, getUser, updateUser };
}

export type WorkingHoursService = ReturnType<typeof makeWorkingHoursService>;
