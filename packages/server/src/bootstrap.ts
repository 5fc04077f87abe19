import type { Kysely } from 'kysely';
import { fieldMessage } from '@kontakt/shared';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import { migrateToLatest } from './db/connection.js';
import { ensureBuiltInRoles } from './modules/roles/built-in-roles.js';
import { hashPassword, passwordProblems } from './platform/auth/password.js';
import { recordAudit } from './platform/audit/audit.js';
import { insertAdministrator } from './modules/auth/auth.service.js';
import { installJobSchema } from './platform/jobs/jobs.js';

export interface NewAdministrator {
  email: string;
  password: string;
  name: string;
  companyName: string;
}

/** Creates an administrator (and the company row when there is none); throws a readable message on bad input. */
export async function createAdministrator(db: Kysely<DB>, config: Config, admin: NewAdministrator): Promise<string> {
  const problems = passwordProblems(admin.password, 'password', admin.email);
  if (problems.length) {
    throw new Error(`The administrator's password is not acceptable: ${problems.map((p) => fieldMessage('en', p.code, p.params)).join('; ')}`);
  }
  const email = admin.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`"${admin.email}" is not an email address`);
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new Error(`A user with the email ${email} already exists`);
  const passwordHash = await hashPassword(admin.password, config.passwordHashCost);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('company')
      .values({ id: 1, name: admin.companyName, updated_at: new Date() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const id = await insertAdministrator(trx, { name: admin.name, email, passwordHash, language: 'ru' });
    await recordAudit(trx, { actorId: null, requestId: null, ip: null }, { action: 'create', objectType: 'user', objectId: id, objectLabel: admin.name });
    return id;
  });
}

/** For unattended installs: KONTAKT_ADMIN_EMAIL/PASSWORD create the administrator on a database without users. */
export async function ensureAdminFromEnv(db: Kysely<DB>, config: Config): Promise<boolean> {
  if (!config.adminEmail || !config.adminPassword) return false;
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return false;
  await createAdministrator(db, config, {
    email: config.adminEmail,
    password: config.adminPassword,
    name: config.adminName,
    companyName: config.companyName,
  });
  return true;
}

export async function prepareDatabase(db: Kysely<DB>): Promise<void> {
  await migrateToLatest(db);
  await installJobSchema(db);
  await ensureBuiltInRoles(db);
}
