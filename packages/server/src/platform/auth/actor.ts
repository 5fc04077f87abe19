import type { Kysely } from 'kysely';
import { normalizePermissions, type Locale, type MeDto } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import type { AccessSubject } from '../access/access.js';
import { loadDepartmentScope } from '../access/department-scope.js';
import { sha256 } from './secrets.js';

/** The signed-in user as every request sees it: identity, preferences and access rights. */
export interface Actor extends AccessSubject {
  name: string;
  email: string;
  language: Locale;
  timeZone: string;
  departmentId: string | null;
  roleId: string;
  requireTwoFactor: boolean;
  twoFactorEnabled: boolean;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
  /** What GET /auth/me answers, cached with the rights so that call needs no query. */
  me: MeDto;
  companyName: string;
}

interface CacheEntry {
  actor: Actor;
  expiresAt: number;
  touchedAt: number;
}

const CACHE_TTL_MS = 30_000;
const TOUCH_EVERY_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

/**
 * Resolves session cookies and API tokens to actors. Answers come from a short-lived cache, so
 * `GET /auth/me` does not query the database each time; any change to users, roles, departments or
 * sessions calls `invalidate()` (on every instance, through the invalidation bus), and a generation
 * counter stops a lookup that started before the change from caching what it read.
 */
/** Reads what GET /auth/me shows of a user; the users module provides it, so the platform stays below the modules. */
export type MeLoader = (userId: string) => Promise<{ me: MeDto; active: boolean; departmentId: string | null; roleId: string } | undefined>;

export function makeActorResolver(db: Kysely<DB>, sessionTtlHours: number, loadMe: MeLoader) {
  const cache = new Map<string, CacheEntry>();
  let generation = 0;

  async function toActor(userId: string, extra: Pick<Actor, 'via' | 'sessionId' | 'csrfToken' | 'tokenId'>): Promise<Actor | null> {
    const user = await loadMe(userId);
    if (!user || !user.active) return null;
    const { me } = user;
    const role = await db.selectFrom('roles').select(['permissions', 'require_two_factor']).where('id', '=', user.roleId).executeTakeFirstOrThrow();
    const company = await db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirst();
    return {
      userId: me.id,
      name: me.name,
      email: me.email,
      language: me.language,
      timeZone: me.timeZone,
      departmentId: user.departmentId,
      roleId: user.roleId,
      permissions: normalizePermissions(role.permissions),
      departmentScope: await loadDepartmentScope(db, me.id, user.departmentId),
      requireTwoFactor: role.require_two_factor,
      twoFactorEnabled: me.twoFactorEnabled,
      me,
      companyName: company?.name ?? '',
      ...extra,
    };
  }

  function remember(key: string, actor: Actor, startedAt: number): void {
    if (startedAt !== generation) return;
    if (cache.size >= MAX_ENTRIES) cache.clear();
    const now = Date.now();
    cache.set(key, { actor, expiresAt: now + CACHE_TTL_MS, touchedAt: now });
  }

  async function fromSession(token: string): Promise<Actor | null> {
    // Keyed by the token itself: hashing it on every request would cost more than the lookup.
    const key = `s:${token}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.expiresAt > now) {
      if (now - hit.touchedAt > TOUCH_EVERY_MS) {
        hit.touchedAt = now;
        await touchSession(hit.actor.sessionId!);
      }
      return hit.actor;
    }
    const id = sha256(token);
    const startedAt = generation;
    const session = await db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'csrf_token', 'expires_at', 'last_seen_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!session || session.expires_at.getTime() <= now) return null;
    const actor = await toActor(session.user_id, { via: 'session', sessionId: id, csrfToken: session.csrf_token });
    if (!actor) return null;
    if (now - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(id);
    remember(key, actor, startedAt);
    return actor;
  }

  async function touchSession(id: string): Promise<void> {
    const expires = new Date(Date.now() + sessionTtlHours * 3_600_000);
    await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expires }).where('id', '=', id).execute();
  }

  async function fromApiToken(token: string): Promise<Actor | null> {
    const key = `t:${token}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.expiresAt > now) return hit.actor;
    const hash = sha256(token);
    const startedAt = generation;
    const row = await db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'expires_at', 'revoked_at', 'last_used_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now)) return null;
    const actor = await toActor(row.user_id, { via: 'token', tokenId: row.id });
    if (!actor) return null;
    if (!row.last_used_at || now - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
    }
    // A token's expiry must hold even while it sits in the cache.
    remember(key, actor, startedAt);
    if (row.expires_at) {
      const entry = cache.get(key);
      if (entry) entry.expiresAt = Math.min(entry.expiresAt, row.expires_at.getTime());
    }
    return actor;
  }

  function invalidate(): void {
    generation++;
    cache.clear();
  }

  return { fromSession, fromApiToken, invalidate };
}

export type ActorResolver = ReturnType<typeof makeActorResolver>;
