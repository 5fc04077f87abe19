import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRoleBodySchema,
  idParamsSchema,
  pageSchema,
  roleListQuerySchema,
  roleSchema,
  updateRoleBodySchema,
  versionQuerySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { RolesService } from './roles.service.js';

export const rolesRoutes: FastifyPluginAsyncZod<{ roles: RolesService }> = async (app, { roles }) => {
  const tags = ['Roles'];

  app.get('/roles', {
    schema: { tags, summary: 'List roles', querystring: roleListQuerySchema, response: { 200: pageSchema(roleSchema), ...errorResponses } },
    handler: (request) => roles.list(actorOf(request), request.query),
  });

  app.get('/roles/:id', {
    schema: { tags, summary: 'Get a role with its permission matrix', params: idParamsSchema, response: { 200: roleSchema, ...errorResponses } },
    handler: (request) => roles.get(actorOf(request), request.params.id),
  });

  app.post('/roles', {
    schema: {
      tags,
      summary: 'Create a role, optionally as a copy of another',
      body: createRoleBodySchema,
      response: { 201: roleSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await roles.create(actorOf(request), requestContext(request), request.body)),
  });

  app.patch('/roles/:id', {
    schema: {
      tags,
      summary: 'Change a role; `permissions` may name only the cells that change',
      params: idParamsSchema,
      body: updateRoleBodySchema,
      response: { 200: roleSchema, ...errorResponses },
    },
    handler: (request) => roles.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/roles/:id', {
    schema: {
      tags,
      summary: 'Delete a role that no employee has',
      params: idParamsSchema,
      querystring: versionQuerySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await roles.remove(actorOf(request), requestContext(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });
};
