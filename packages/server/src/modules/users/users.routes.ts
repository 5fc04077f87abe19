import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUserBodySchema,
  idParamsSchema,
  pageSchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
  userListQuerySchema,
  userSchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { UsersService } from './users.service.js';

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  const tags = ['Users'];

  app.get('/users', {
    schema: { tags, summary: 'List employees', querystring: userListQuerySchema, response: { 200: pageSchema(userSchema), ...errorResponses } },
    handler: (request) => users.list(actorOf(request), request.query),
  });

  app.get('/users/:id', {
    schema: { tags, summary: 'Get an employee', params: idParamsSchema, response: { 200: userSchema, ...errorResponses } },
    handler: (request) => users.get(actorOf(request), request.params.id),
  });

  app.post('/users', {
    schema: { tags, summary: 'Create an employee', body: createUserBodySchema, response: { 201: userSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const user = await users.create(actorOf(request), requestContext(request), request.body);
      return reply.status(201).send(user);
    },
  });

  app.patch('/users/:id', {
    schema: {
      tags,
      summary: 'Change an employee (including deactivation); `version` must be the one last read',
      params: idParamsSchema,
      body: updateUserBodySchema,
      response: { 200: userSchema, ...errorResponses },
    },
    handler: (request) => users.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.post('/users/:id/reset-password', {
    schema: {
      tags,
      summary: "Set a new password for an employee; ends the employee's sessions",
      params: idParamsSchema,
      body: resetPasswordBodySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await users.resetPassword(actorOf(request), requestContext(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  });
};
