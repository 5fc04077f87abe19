import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDepartmentBodySchema,
  departmentListQuerySchema,
  departmentSchema,
  idParamsSchema,
  pageSchema,
  updateDepartmentBodySchema,
  versionQuerySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { DepartmentsService } from './departments.service.js';

export const departmentsRoutes: FastifyPluginAsyncZod<{ departments: DepartmentsService }> = async (app, { departments }) => {
  const tags = ['Departments'];

  app.get('/departments', {
    schema: {
      tags,
      summary: 'List departments (a flat list; `parentId` builds the tree)',
      querystring: departmentListQuerySchema,
      response: { 200: pageSchema(departmentSchema), ...errorResponses },
    },
    handler: (request) => departments.list(actorOf(request), request.query),
  });

  app.get('/departments/:id', {
    schema: { tags, summary: 'Get a department', params: idParamsSchema, response: { 200: departmentSchema, ...errorResponses } },
    handler: (request) => departments.get(actorOf(request), request.params.id),
  });

  app.post('/departments', {
    schema: { tags, summary: 'Create a department', body: createDepartmentBodySchema, response: { 201: departmentSchema, ...errorResponses } },
    handler: async (request, reply) =>
      reply.status(201).send(await departments.create(actorOf(request), requestContext(request), request.body)),
  });

  app.patch('/departments/:id', {
    schema: {
      tags,
      summary: 'Rename, move or change the head of a department',
      params: idParamsSchema,
      body: updateDepartmentBodySchema,
      response: { 200: departmentSchema, ...errorResponses },
    },
    handler: (request) => departments.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/departments/:id', {
    schema: {
      tags,
      summary: 'Delete an empty department',
      params: idParamsSchema,
      querystring: versionQuerySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await departments.remove(actorOf(request), requestContext(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });
};
