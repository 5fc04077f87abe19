import path from 'node:path';

/** Every setting Kontakt reads from the environment; README lists them with these defaults. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  adminName: string;
  companyName: string;
  logLevel: string;
  sessionTtlHours: number;
  trustProxy: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginLockMinutes: number;
  /** log2 of scrypt's N; each step doubles the time and memory a password check costs. */
  passwordHashCost: number;
  webDistDir: string;
  /** Check every response against its schema (on in tests, where a drifting mapper should fail loudly). */
  checkResponses: boolean;
  /** Largest file an import accepts, in bytes (IMPORT_MAX_FILE_MB). */
  importMaxFileBytes: number;
  /** The address users open Kontakt at (PUBLIC_URL); links in emails lead there. */
  publicUrl: string;
  /** Run background jobs in this process: reminders, overdue notices, email (BACKGROUND_JOBS). */
  backgroundJobs: boolean;
  /** The hour (server clock, 0–23) of the embedded database's nightly vacuum and analysis (UPKEEP_HOUR). */
  upkeepHour: number;
}

/** A setting the administrator got wrong: start-up stops with its message alone, no stack trace. */
export class ConfigError extends Error {}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new ConfigError(`${name} must be an integer, got "${value}"`);
  return parsed;
}

function hour(value: string | undefined, fallback: number, name: string): number {
  const parsed = int(value, fallback, name);
  if (parsed < 0 || parsed > 23) throw new ConfigError(`${name} must be an hour from 0 to 23, got "${value}"`);
  return parsed;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.KONTAKT_ADMIN_EMAIL || undefined,
    adminPassword: env.KONTAKT_ADMIN_PASSWORD || undefined,
    adminName: env.KONTAKT_ADMIN_NAME || 'Администратор',
    companyName: env.KONTAKT_COMPANY_NAME || 'Моя компания',
    logLevel: env.LOG_LEVEL || 'info',
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 24 * 14, 'SESSION_TTL_HOURS'),
    trustProxy: bool(env.TRUST_PROXY, false),
    loginMaxFailuresPerAccount: int(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, 5, 'LOGIN_MAX_FAILURES_PER_ACCOUNT'),
    loginMaxFailuresPerIp: int(env.LOGIN_MAX_FAILURES_PER_IP, 20, 'LOGIN_MAX_FAILURES_PER_IP'),
    loginLockMinutes: int(env.LOGIN_LOCK_MINUTES, 15, 'LOGIN_LOCK_MINUTES'),
    passwordHashCost: int(env.PASSWORD_HASH_COST, 15, 'PASSWORD_HASH_COST'),
    webDistDir: path.resolve(env.WEB_DIST_DIR || path.join(import.meta.dirname, '../../web/dist')),
    checkResponses: bool(env.CHECK_RESPONSES, env.NODE_ENV === 'test'),
    importMaxFileBytes: int(env.IMPORT_MAX_FILE_MB, 50, 'IMPORT_MAX_FILE_MB') * 1024 * 1024,
    publicUrl: publicUrl(env),
    backgroundJobs: bool(env.BACKGROUND_JOBS, true),
    upkeepHour: hour(env.UPKEEP_HOUR, 3, 'UPKEEP_HOUR'),
    ...overrides,
  };
}

/** PUBLIC_URL without a trailing slash; by default the address the server listens on. */
function publicUrl(env: NodeJS.ProcessEnv): string {
  const given = env.PUBLIC_URL?.trim();
  if (given) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw new ConfigError(`PUBLIC_URL must be an absolute URL such as https://crm.example.com, got "${given}"`);
    }
    return url.toString().replace(/\/+$/, '');
  }
  const host = env.HOST || '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || 3000}`;
}
