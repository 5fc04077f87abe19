import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSavedViewSchema,
  idParamsSchema,
  savedViewListQuerySchema,
  savedViewListSchema,
  savedViewSchema,
  updateSavedViewSchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { ViewsService } from './views.service.js';

export const viewsRoutes: FastifyPluginAsyncZod<{ views: ViewsService }> = async (app, { views }) => {
  const tags = ['Saved views'];

  app.get('/views', {
    schema: {
      tags,
      summary: "Saved list views: the reader's own and the shared ones",
      querystring: savedViewListQuerySchema,
      response: { 200: savedViewListSchema, ...errorResponses },
    },
    handler: (request) => views.list(actorOf(request), request.query.objectType),
  });

  app.get('/views/:id', {
    schema: { tags, summary: 'Get a saved view', params: idParamsSchema, response: { 200: savedViewSchema, ...errorResponses } },
    handler: (request) => views.get(actorOf(request), request.params.id),
  });

  app.post('/views', {
    schema: {
      tags,
      summary: 'Save a view (columns, filter, sort); personal unless `shared`',
      body: createSavedViewSchema,
      response: { 201: savedViewSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await views.create(actorOf(request), requestContext(request), request.body)),
  });

  app.patch('/views/:id', {
    schema: {
      tags,
      summary: 'Change a saved view (its owner; a shared one also an administrator); `version` must be the one last read',
      params: idParamsSchema,
      body: updateSavedViewSchema,
      response: { 200: savedViewSchema, ...errorResponses },
    },
    handler: (request) => views.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/views/:id', {
    schema: { tags, summary: 'Delete a saved view', params: idParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await views.remove(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
