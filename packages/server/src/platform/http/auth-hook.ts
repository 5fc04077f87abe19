import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage } from '@kontakt/shared';
import type { ActorResolver, Actor } from '../auth/actor.js';
import { safeEqual } from '../auth/secrets.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'kontakt_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveActor(request: FastifyRequest, resolver: ActorResolver): Promise<Actor | null> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ? resolver.fromApiToken(match[1]) : null;
  }
  const token = request.cookies[SESSION_COOKIE];
  return token ? resolver.fromSession(token) : null;
}

/**
 * Runs before the body is read: identifies the caller, refuses anonymous calls to private routes,
 * checks the CSRF token of cookie-authenticated writes (Bearer calls carry no ambient credentials,
 * so they need none) and holds back users whose role requires two-factor login they have not set up.
 */
export function registerAuthHook(app: FastifyInstance, resolver: ActorResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'ru');
  app.addHook('onRequest', async (request) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']) ?? 'ru';
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    request.actor = await resolveActor(request, resolver);
    const config = request.routeOptions.config;
    if (!request.routeOptions.url || config.public) return;
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !actor.csrfToken || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_invalid');
      }
    }
    if (actor.requireTwoFactor && !actor.twoFactorEnabled && !config.allowPendingTwoFactor) {
      throw new AppError('two_factor_setup_required');
    }
  });
}
