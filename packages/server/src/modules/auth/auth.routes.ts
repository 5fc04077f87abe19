import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiTokenSchema,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  loginBodySchema,
  meSchema,
  passwordConfirmBodySchema,
  recoveryCodesSchema,
  sessionInfoSchema,
  sessionSchema,
  setupBodySchema,
  setupStatusSchema,
  twoFactorEnableBodySchema,
  twoFactorSetupSchema,
  updateMeBodySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { SESSION_COOKIE } from '../../platform/http/auth-hook.js';
import type { ActorResolver } from '../../platform/auth/actor.js';
import type { AuthService } from './auth.service.js';
import type { ProfileService } from './profile.service.js';
import type { TokensService } from './tokens.service.js';

interface Options {
  auth: AuthService;
  profile: ProfileService;
  tokens: TokensService;
  resolver: ActorResolver;
  sessionTtlHours: number;
}

const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

export const authRoutes: FastifyPluginAsyncZod<Options> = async (app, { auth, profile, tokens, resolver, sessionTtlHours }) => {
  const tags = ['Authentication'];
  const pending = { allowPendingTwoFactor: true };

  /** Sets the session cookie and answers what GET /auth/me would. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply, token: string, status = 200) {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/',
      maxAge: sessionTtlHours * 3600,
    });
    const actor = await resolver.fromSession(token);
    request.actor = actor;
    return reply.status(status).send(await auth.sessionInfo(actor!));
  }

  app.get('/setup', {
    config: { public: true },
    schema: { tags, summary: 'Whether first-run setup is still needed', response: { 200: setupStatusSchema } },
    handler: async () => ({ needed: await auth.setupNeeded() }),
  });

  app.post('/setup', {
    config: { public: true },
    schema: {
      tags,
      summary: 'First run: name the company and create its administrator (works once)',
      body: setupBodySchema,
      response: { 201: sessionInfoSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { token } = await auth.setup(requestContext(request), client(request), request.body);
      return signedIn(request, reply, token, 201);
    },
  });

  app.post('/auth/login', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Sign in; answers 401 `two_factor_required` when a code is needed',
      body: loginBodySchema,
      response: { 200: sessionInfoSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { token } = await auth.login(requestContext(request), client(request), request.body);
      return signedIn(request, reply, token);
    },
  });

  app.post('/auth/logout', {
    config: pending,
    schema: { tags, summary: 'Sign out of this session', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await auth.logout(actorOf(request), requestContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: pending,
    schema: { tags, summary: 'The signed-in user, their permissions and the CSRF token', response: { 200: sessionInfoSchema, ...errorResponses } },
    handler: (request) => auth.sessionInfo(actorOf(request)),
  });

  app.patch('/auth/me', {
    config: pending,
    schema: { tags, summary: 'Change own details, language, time zone or theme', body: updateMeBodySchema, response: { 200: meSchema, ...errorResponses } },
    handler: (request) => profile.updateMe(actorOf(request), requestContext(request), request.body),
  });

  app.post('/auth/password', {
    config: pending,
    schema: { tags, summary: 'Change own password; other sessions end', body: changePasswordBodySchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await profile.changePassword(actorOf(request), requestContext(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/two-factor/setup', {
    config: pending,
    schema: { tags, summary: 'Start turning on two-factor login: a new TOTP secret', response: { 200: twoFactorSetupSchema, ...errorResponses } },
    handler: (request) => profile.startTwoFactor(actorOf(request)),
  });

  app.post('/auth/two-factor/enable', {
    config: pending,
    schema: { tags, summary: 'Confirm the TOTP secret with a code; answers the recovery codes once', body: twoFactorEnableBodySchema, response: { 200: recoveryCodesSchema, ...errorResponses } },
    handler: (request) => profile.enableTwoFactor(actorOf(request), requestContext(request), request.body.code),
  });

  app.post('/auth/two-factor/disable', {
    config: pending,
    schema: { tags, summary: 'Turn off two-factor login', body: passwordConfirmBodySchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await profile.disableTwoFactor(actorOf(request), requestContext(request), request.body.password);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/two-factor/recovery-codes', {
    config: pending,
    schema: { tags, summary: 'Replace the recovery codes', body: passwordConfirmBodySchema, response: { 200: recoveryCodesSchema, ...errorResponses } },
    handler: (request) => profile.regenerateRecoveryCodes(actorOf(request), request.body.password),
  });

  app.get('/auth/tokens', {
    schema: { tags, summary: 'Own API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses } },
    handler: (request) => tokens.list(actorOf(request)),
  });

  app.post('/auth/tokens', {
    schema: {
      tags,
      summary: 'Create an API token (`Authorization: Bearer …`); the token is shown only in this answer',
      body: createApiTokenBodySchema,
      response: { 201: createdApiTokenSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await tokens.create(actorOf(request), requestContext(request), request.body.name, request.body.expiresInDays)),
  });

  app.delete('/auth/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await tokens.revoke(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/sessions', {
    config: pending,
    schema: { tags, summary: 'Own active sessions', response: { 200: z.object({ items: z.array(sessionSchema) }), ...errorResponses } },
    handler: (request) => tokens.listSessions(actorOf(request)),
  });

  app.delete('/auth/sessions/:id', {
    config: pending,
    schema: { tags, summary: 'End one of own sessions', params: z.object({ id: z.string().max(64) }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await tokens.endSession(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
