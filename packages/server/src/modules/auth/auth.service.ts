import { sql } from 'kysely';
import type { z } from 'zod';
import type { loginBodySchema, SessionInfo, setupBodySchema } from '@kontakt/shared';
import { isLocale } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.js';
import { normalizeRecoveryCode, totpStep } from '../../platform/auth/totp.js';
import { sha256 } from '../../platform/auth/secrets.js';
import { findUserById } from '../users/users.queries.js';
import { createSession } from './sessions.js';
import { localizeBuiltInRoles } from '../roles/built-in-roles.js';
import { makeLoginThrottle } from './login-throttle.js';
import type { UserRow } from '../../db/schema.js';

const SETUP_LOCK = 7_300_001;

type LoginBody = z.output<typeof loginBodySchema>;
type SetupBody = z.output<typeof setupBodySchema>;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export function makeAuthService(deps: ServiceDeps) {
  const { db, config, bus } = deps;
  const throttle = makeLoginThrottle(db, config);

  /** Answers from the cached actor: every change to what it shows invalidates that cache. */
  function sessionInfo(actor: Actor): SessionInfo {
    return {
      user: actor.me,
      csrfToken: actor.csrfToken ?? '',
      permissions: actor.permissions,
      company: { name: actor.companyName },
      twoFactorSetupRequired: actor.requireTwoFactor && !actor.twoFactorEnabled,
    };
  }

  /** Checks the second factor: a TOTP code, or a recovery code that is then used up. */
  async function checkSecondFactor(user: UserRow, code: string): Promise<boolean> {
    const step = user.totp_secret ? totpStep(user.totp_secret, code) : null;
    if (step !== null) {
      // Only a step later than the last one used counts; the conditional update settles concurrent tries.
      const taken = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', user.id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return taken.numUpdatedRows > 0n;
    }
    const hashes = user.recovery_codes ?? [];
    const hash = sha256(normalizeRecoveryCode(code));
    if (!hashes.includes(hash)) return false;
    await db
      .updateTable('users')
      .set({ recovery_codes: JSON.stringify(hashes.filter((h) => h !== hash)) })
      .where('id', '=', user.id)
      .execute();
    return true;
  }

  async function loginFailed(ctx: RequestContext, email: string, user: UserRow | undefined, reason: string): Promise<void> {
    await throttle.recordFailure(ctx.ip ?? 'unknown', email);
    await recordAudit(db, { ...ctx, actorId: user?.id ?? null }, {
      action: 'login_failed',
      objectType: 'user',
      objectId: user?.id ?? null,
      objectLabel: email,
      changes: { reason: { before: null, after: reason } },
    });
  }

  async function login(ctx: RequestContext, client: ClientInfo, body: LoginBody) {
    const email = body.email.trim().toLowerCase();
    const ip = ctx.ip ?? 'unknown';
    const wait = await throttle.lockedFor(ip, email);
    if (wait > 0) throw new AppError('too_many_attempts', { retryAfter: wait });
    const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    const passwordOk = await verifyPassword(body.password, user?.password_hash ?? (await dummyPasswordHash(config.passwordHashCost)));
    if (!user || !passwordOk || !user.active) {
      await loginFailed(ctx, email, user, !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'inactive');
      throw new AppError('invalid_credentials');
    }
    if (user.totp_secret) {
      if (!body.code) throw new AppError('two_factor_required');
      if (!(await checkSecondFactor(user, body.code))) {
        await loginFailed(ctx, email, user, 'wrong_code');
        throw new AppError('invalid_two_factor_code', { errors: [{ field: 'code', code: 'invalid_two_factor_code' }] });
      }
    }
    const session = await db.transaction().execute(async (trx) => {
      const created = await createSession(trx, user.id, config.sessionTtlHours, client);
      await trx.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
      await recordAudit(trx, { ...ctx, actorId: user.id }, { action: 'login', objectType: 'user', objectId: user.id, objectLabel: user.name });
      return created;
    });
    await throttle.recordSuccess(email);
    return { ...session, userId: user.id };
  }

  async function logout(actor: Actor, ctx: RequestContext): Promise<void> {
    if (!actor.sessionId) return;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', actor.sessionId!).execute();
      await recordAudit(trx, ctx, { action: 'logout', objectType: 'user', objectId: actor.userId, objectLabel: actor.name });
    });
    await bus.publish();
  }

  async function setupNeeded(): Promise<boolean> {
    const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return !row;
  }

  /**
   * First run: names the company and creates its administrator. Works once: afterwards there are users,
   * and an advisory lock makes two concurrent setups take turns.
   */
  async function setup(ctx: RequestContext, client: ClientInfo, body: SetupBody) {
    if (!(await setupNeeded())) throw new AppError('setup_already_done');
    const problems = passwordProblems(body.password, 'password', body.email);
    if (problems.length) throw new AppError('validation_failed', { errors: problems });
    const passwordHash = await hashPassword(body.password, config.passwordHashCost);
    const language = body.language && isLocale(body.language) ? body.language : 'ru';
    try {
      const result = await db.transaction().execute(async (trx) => {
        // Two setups at once: the second waits here, then sees the first one's administrator.
        await sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`.execute(trx);
        if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) throw new AppError('setup_already_done');
        await trx
          .insertInto('company')
          .values({ id: 1, name: body.companyName, updated_at: new Date() })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: body.companyName, updated_at: new Date() }))
          .execute();
        const userId = await insertAdministrator(trx, { name: body.name, email: body.email, passwordHash, language });
        await recordAudit(trx, { ...ctx, actorId: userId }, { action: 'setup', objectType: 'settings', objectId: 'company', objectLabel: body.companyName });
        const session = await createSession(trx, userId, config.sessionTtlHours, client);
        return { ...session, userId };
      });
      if (language !== 'ru') await localizeBuiltInRoles(db, language);
      return result;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('setup_already_done');
      throw error;
    }
  }

  return { sessionInfo, login, logout, setupNeeded, setup };
}

export type AuthService = ReturnType<typeof makeAuthService>;

/** Inserts a user with the built-in Administrator role (setup, KONTAKT_ADMIN_* and `create-admin`). */
export async function insertAdministrator(
  trx: Parameters<typeof findUserById>[0],
  admin: { name: string; email: string; passwordHash: string; language: string },
): Promise<string> {
  const role = await trx.selectFrom('roles').select('id').where('built_in', '=', 'administrator').executeTakeFirst();
  if (!role) throw new Error('The Administrator role is missing; run migrations first');
  const id = newId();
  await trx
    .insertInto('users')
    .values({
      id,
      name: admin.name,
      email: admin.email.trim().toLowerCase(),
      password_hash: admin.passwordHash,
      role_id: role.id,
      language: admin.language,
      time_zone: 'Europe/Moscow',
      updated_at: new Date(),
      password_changed_at: new Date(),
    })
    .execute();
  return id;
}

