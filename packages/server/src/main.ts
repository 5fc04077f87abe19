import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { createAdministrator, ensureAdminFromEnv, prepareDatabase } from './bootstrap.js';
import { openConfiguredDatabase, DataDirLockedError, INIT_DATA_DIR_COMMAND, initializeDataDir, pgliteDir } from './server.js';
import { backupDatabase, restoreDatabase, RestoreError } from './db/backup.js';
import { migrateToLatest } from './db/connection.js';
import { hashPassword, passwordProblems } from './platform/auth/password.js';
import { recordAudit } from './platform/audit/audit.js';
import { DemoRefusedError, seedDemo } from './demo/seed-demo.js';

const HELP = `Kontakt CRM

Usage: kontakt <command> [options]

Commands:
  start                         run the server (migrates the database first)
  migrate                       bring the database schema up to date
  create-admin --email E [--password P] [--name N]
                                add an administrator (password from --password or KONTAKT_ADMIN_PASSWORD)
  reset-password --email E [--password P]
                                set a user's password (a random one is printed when none is given)
  backup <file>                 write a full, consistent backup of the database to <file>
  restore <file>                load a backup into an empty database
  seed-demo                     fill an empty database with a demo company

The database is PostgreSQL when DATABASE_URL is set, otherwise the embedded one in DATA_DIR (./data).`;

async function withDatabase<T>(config: Config, work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function start(config: Config): Promise<void> {
  const startedAt = performance.now();
  const database = await openConfiguredDatabase(config);
  await prepareDatabase(database.db);
  const createdAdmin = await ensureAdminFromEnv(database.db, config);
  const app = await buildApp({ config, database });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const users = await database.db.selectFrom('users').select('id').limit(1).execute();
  const where = database.kind === 'pglite' ? `embedded database in ${pgliteDir(config)}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [`Kontakt is running at ${url} (${where}; ready in ${Math.round(performance.now() - startedAt)} ms)`];
  if (users.length === 0) lines.push(`First run: open ${url} in a browser to name your company and create the administrator.`);
  else if (createdAdmin) lines.push(`Log in as ${config.adminEmail} with the password from KONTAKT_ADMIN_PASSWORD.`);
  else lines.push(`Log in at ${url}/login with your account. Forgot the password? npm run kontakt -- reset-password --email you@example.com`);
  console.log(lines.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      company: { type: 'string' },
    },
  });
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'migrate':
      return withDatabase(config, async ({ db }) => {
        const results = await migrateToLatest(db);
        console.log(results?.length ? results.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'The database is up to date.');
        return 0;
      });
    case 'create-admin': {
      const email = values.email ?? config.adminEmail;
      const password = values.password ?? config.adminPassword;
      if (!email || !password) throw new UsageError('create-admin needs --email and --password (or KONTAKT_ADMIN_EMAIL / KONTAKT_ADMIN_PASSWORD)');
      return withDatabase(config, async ({ db }) => {
        await prepareDatabase(db);
        await createAdministrator(db, config, { email, password, name: values.name ?? config.adminName, companyName: values.company ?? config.companyName });
        console.log(`Administrator ${email} created.`);
        return 0;
      });
    }
    case 'reset-password':
      return resetPassword(config, values.email, values.password);
    case 'backup': {
      const file = positionals[0];
      if (!file) throw new UsageError('backup needs a file name: kontakt backup kontakt-backup.jsonl.gz');
      return withDatabase(config, async ({ db }) => {
        const { tables } = await backupDatabase(db, path.resolve(file));
        const rows = Object.values(tables).reduce((a, b) => a + b, 0);
        console.log(`Backup written to ${path.resolve(file)}: ${rows} rows in ${Object.keys(tables).length} tables.`);
        return 0;
      });
    }
    case 'restore': {
      const file = positionals[0];
      if (!file || !fs.existsSync(file)) throw new UsageError(`restore needs an existing backup file${file ? `; ${file} not found` : ''}`);
      return withDatabase(config, async ({ db }) => {
        const { tables } = await restoreDatabase(db, path.resolve(file));
        await prepareDatabase(db);
        const rows = Object.values(tables).reduce((a, b) => a + b, 0);
        console.log(`Restored ${rows} rows in ${Object.keys(tables).length} tables from ${file}.`);
        return 0;
      });
    }
    case INIT_DATA_DIR_COMMAND:
      await initializeDataDir(config);
      return 0;
    case 'seed-demo':
      return withDatabase(config, async ({ db }) => {
        await prepareDatabase(db);
        const summary = await seedDemo(db, config);
        console.log(summary);
        return 0;
      });
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
  }
}

async function resetPassword(config: Config, email: string | undefined, given: string | undefined): Promise<number> {
  if (!email) throw new UsageError('reset-password needs --email');
  const password = given ?? randomBytes(12).toString('base64url');
  const problems = passwordProblems(password, 'password', email);
  if (problems.length) throw new UsageError('The password must have at least 12 characters and must not be a common one');
  return withDatabase(config, async ({ db }) => {
    await prepareDatabase(db);
    const user = await db.selectFrom('users').select(['id', 'name']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    if (!user) throw new UsageError(`No user with the email ${email}`);
    const hash = await hashPassword(password, config.passwordHashCost);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await recordAudit(trx, { actorId: null, requestId: null, ip: null }, { action: 'password_reset', objectType: 'user', objectId: user.id, objectLabel: user.name });
    });
    console.log(given ? `Password of ${email} changed.` : `New password of ${email}: ${password}`);
    return 0;
  });
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof RestoreError || error instanceof DemoRefusedError) {
      console.error(error.message);
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    }
    process.exit(1);
  },
);
