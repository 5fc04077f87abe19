import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Config } from '../../config.js';

/**
 * Counts failed logins per address and per account in the database, so the limit holds across app
 * instances and restarts. Past the limit the key is locked for `loginLockMinutes`; the answer is 429
 * with the seconds left.
 */
export function makeLoginThrottle(db: Kysely<DB>, config: Config) {
  const windowMs = config.loginLockMinutes * 60_000;
  const keys = (ip: string, email: string) => [
    { key: `ip:${ip}`, limit: config.loginMaxFailuresPerIp },
    { key: `account:${email}`, limit: config.loginMaxFailuresPerAccount },
  ];

  /** Seconds until the caller may try again, or 0 when not locked. */
  async function lockedFor(ip: string, email: string): Promise<number> {
    const rows = await db
      .selectFrom('login_throttle')
      .select('locked_until')
      .where('key', 'in', keys(ip, email).map((k) => k.key))
      .execute();
    const now = Date.now();
    const until = Math.max(0, ...rows.map((r) => r.locked_until?.getTime() ?? 0));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async function recordFailure(ip: string, email: string): Promise<void> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - windowMs);
    const lockUntil = new Date(now.getTime() + windowMs);
    for (const { key, limit } of keys(ip, email)) {
      // A failure outside the window starts a new count; reaching the limit locks the key.
      await sql`
        INSERT INTO login_throttle (key, failures, first_failure_at, locked_until)
        VALUES (${key}, 1, ${now}, ${limit <= 1 ? lockUntil : null})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN login_throttle.first_failure_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
          first_failure_at = CASE WHEN login_throttle.first_failure_at < ${windowStart} THEN ${now} ELSE login_throttle.first_failure_at END,
          locked_until = CASE
            WHEN (CASE WHEN login_throttle.first_failure_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END) >= ${limit}
            THEN ${lockUntil}::timestamptz ELSE login_throttle.locked_until END`.execute(db);
    }
  }

  async function recordSuccess(email: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('key', '=', `account:${email}`).execute();
  }

  return { lockedFor, recordFailure, recordSuccess };
}
