import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Creates a session with a fresh random id (never reusing one from before login) and its CSRF token. */
export async function createSession(
  db: Executor,
  userId: string,
  ttlHours: number,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + ttlHours * 3_600_000),
      last_seen_at: new Date(),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/** The id shown to users for a session: derived, so it cannot be turned back into the stored key. */
export const publicSessionId = (storedId: string) => sha256(`public:${storedId}`).slice(0, 24);
