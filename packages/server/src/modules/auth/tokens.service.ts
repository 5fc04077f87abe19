import type { ApiTokenDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { ApiTokensTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { publicSessionId } from './sessions.js';

const TOKEN_PREFIX = 'kt_';

function toTokenDto(row: Selectable<ApiTokensTable>): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Personal API tokens and the list of one's own sessions. */
export function makeTokensService({ db, bus }: ServiceDeps) {
  async function list(actor: Actor): Promise<{ items: ApiTokenDto[] }> {
    const rows = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
    return { items: rows.map(toTokenDto) };
  }

  /** The token text is returned once; only its hash is kept. */
  async function create(actor: Actor, ctx: RequestContext, name: string, expiresInDays: number | null | undefined) {
    const token = `${TOKEN_PREFIX}${randomToken(32)}`;
    const id = newId();
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('api_tokens')
        .values({ id, user_id: actor.userId, name, token_hash: sha256(token), prefix: token.slice(0, 10), expires_at: expiresAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'token_create', objectType: 'api_token', objectId: id, objectLabel: name });
      return inserted;
    });
    return { token, item: toTokenDto(row) };
  }

  async function revoke(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .where('revoked_at', 'is', null)
        .returning(['name'])
        .executeTakeFirst();
      if (!row) throw notFound();
      await recordAudit(trx, ctx, { action: 'token_revoke', objectType: 'api_token', objectId: id, objectLabel: row.name });
    });
    await bus.publish();
  }

  async function listSessions(actor: Actor) {
    const rows = await db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('user_id', '=', actor.userId)
      .where('expires_at', '>', new Date())
      .orderBy('last_seen_at', 'desc')
      .execute();
    return {
      items: rows.map((r) => ({
        id: publicSessionId(r.id),
        createdAt: r.created_at.toISOString(),
        lastSeenAt: r.last_seen_at.toISOString(),
        ip: r.ip,
        userAgent: r.user_agent,
        current: r.id === actor.sessionId,
      })),
    };
  }

  async function endSession(actor: Actor, ctx: RequestContext, publicId: string): Promise<void> {
    const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', actor.userId).execute();
    const target = rows.find((r) => publicSessionId(r.id) === publicId);
    if (!target) throw notFound();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', target.id).execute();
      await recordAudit(trx, ctx, { action: 'logout', objectType: 'user', objectId: actor.userId, objectLabel: actor.name });
    });
    await bus.publish();
  }

  return { list, create, revoke, listSessions, endSession };
}

export type TokensService = ReturnType<typeof makeTokensService>;
