import type { z } from 'zod';
import { sql } from 'kysely';
import type { MeDto, updateMeBodySchema } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import { hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.js';
import { newRecoveryCodes, newTotpSecret, totpStep, totpUrl } from '../../platform/auth/totp.js';
import { isValidTimeZone, Problems } from '../../platform/validate.js';
import { findUserById } from '../users/users.queries.js';
import { toMeDto } from '../users/users.mapper.js';

type UpdateMeBody = z.output<typeof updateMeBodySchema>;

/** What a signed-in user changes about themself: details, preferences, password, second factor. */
export function makeProfileService({ db, config, bus }: ServiceDeps) {
  async function loadSelf(actor: Actor) {
    const row = await findUserById(db, actor.userId);
    if (!row) throw new AppError('unauthenticated');
    return row;
  }

  async function updateMe(actor: Actor, ctx: RequestContext, body: UpdateMeBody): Promise<MeDto> {
    const problems = new Problems();
    if (body.timeZone && !isValidTimeZone(body.timeZone)) problems.add('timeZone', 'invalid_time_zone');
    problems.throwIfAny();
    const me = await db.transaction().execute(async (trx) => {
      const before = await findUserById(trx, actor.userId);
      if (!before) throw new AppError('unauthenticated');
      const result = await trx
        .updateTable('users')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(body.phone !== undefined ? { phone: body.phone } : {}),
          ...(body.language !== undefined ? { language: body.language } : {}),
          ...(body.timeZone !== undefined ? { time_zone: body.timeZone } : {}),
          ...(body.theme !== undefined ? { theme: body.theme } : {}),
          updated_at: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', actor.userId)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
      const after = (await findUserById(trx, actor.userId))!;
      const pick = (m: MeDto) => ({ name: m.name, position: m.position, phone: m.phone, language: m.language, timeZone: m.timeZone, theme: m.theme });
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'user',
        objectId: actor.userId,
        objectLabel: after.name,
        changes: diffChanges(pick(toMeDto(before)), pick(toMeDto(after))),
      });
      return toMeDto(after);
    });
    await bus.publish();
    return me;
  }

  async function requirePassword(actor: Actor, password: string, field: string): Promise<void> {
    const self = await loadSelf(actor);
    if (!(await verifyPassword(password, self.password_hash))) {
      throw new AppError('validation_failed', { errors: [{ field, code: 'password_wrong' }] });
    }
  }

  /** Changing the password ends every other session of the user; this one stays signed in. */
  async function changePassword(actor: Actor, ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    await requirePassword(actor, currentPassword, 'currentPassword');
    const problems = passwordProblems(newPassword, 'newPassword', actor.email);
    if (problems.length) throw new AppError('validation_failed', { errors: problems });
    const hash = await hashPassword(newPassword, config.passwordHashCost);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', actor.userId).execute();
      let others = trx.deleteFrom('sessions').where('user_id', '=', actor.userId);
      if (actor.sessionId) others = others.where('id', '!=', actor.sessionId);
      await others.execute();
      await recordAudit(trx, ctx, { action: 'password_change', objectType: 'user', objectId: actor.userId, objectLabel: actor.name });
    });
    await bus.publish();
  }

  async function startTwoFactor(actor: Actor) {
    const secret = newTotpSecret();
    await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', actor.userId).execute();
    const company = await db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirst();
    return { secret, otpauthUrl: totpUrl(secret, actor.email, `Kontakt${company?.name ? ` (${company.name})` : ''}`) };
  }

  async function enableTwoFactor(actor: Actor, ctx: RequestContext, code: string) {
    const self = await loadSelf(actor);
    const step = self.totp_pending_secret ? totpStep(self.totp_pending_secret, code) : null;
    if (step === null) {
      throw new AppError('validation_failed', { errors: [{ field: 'code', code: 'invalid_two_factor_code' }] });
    }
    const recovery = newRecoveryCodes();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: self.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, recovery_codes: JSON.stringify(recovery.hashes) })
        .where('id', '=', actor.userId)
        .execute();
      await recordAudit(trx, ctx, { action: 'two_factor_enable', objectType: 'user', objectId: actor.userId, objectLabel: actor.name });
    });
    await bus.publish();
    return { recoveryCodes: recovery.codes };
  }

  async function disableTwoFactor(actor: Actor, ctx: RequestContext, password: string): Promise<void> {
    await requirePassword(actor, password, 'password');
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, recovery_codes: null })
        .where('id', '=', actor.userId)
        .execute();
      await recordAudit(trx, ctx, { action: 'two_factor_disable', objectType: 'user', objectId: actor.userId, objectLabel: actor.name });
    });
    await bus.publish();
  }

  async function regenerateRecoveryCodes(actor: Actor, password: string) {
    await requirePassword(actor, password, 'password');
    if (!actor.twoFactorEnabled) throw new AppError('validation_failed', { errors: [{ field: 'password', code: 'invalid_value' }] });
    const recovery = newRecoveryCodes();
    await db.updateTable('users').set({ recovery_codes: JSON.stringify(recovery.hashes) }).where('id', '=', actor.userId).execute();
    return { recoveryCodes: recovery.codes };
  }

  return { updateMe, changePassword, startTwoFactor, enableTwoFactor, disableTwoFactor, regenerateRecoveryCodes };
}

export type ProfileService = ReturnType<typeof makeProfileService>;
