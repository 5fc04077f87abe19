import type { Locale } from '@kontakt/shared';
import type { Actor } from '../auth/actor.js';
import type { RequestContext } from '../audit/audit.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (login, setup, health). */
    public?: boolean;
    /** Reachable while the user still has to turn on two-factor login that their role requires. */
    allowPendingTwoFactor?: boolean;
  }
}

export function requestContext(request: { actor: Actor | null; id: string; ip: string }): RequestContext {
  return { actorId: request.actor?.userId ?? null, requestId: request.id, ip: request.ip };
}

/** The actor of a route that requires sign-in (the auth hook has already refused anonymous calls). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('route requires an actor');
  return request.actor;
}
