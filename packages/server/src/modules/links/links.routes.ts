import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createLinkSchema, idParamsSchema, linkListQuerySchema, linkListSchema, linkSchema } from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { LinksService } from './links.service.js';

export const linksRoutes: FastifyPluginAsyncZod<{ links: LinksService }> = async (app, { links }) => {
  const tags = ['Links'];

  app.get('/links', {
    schema: {
      tags,
      summary: "Links of a record in both directions; the other record's name only when the reader may see it",
      querystring: linkListQuerySchema,
      response: { 200: linkListSchema, ...errorResponses },
    },
    handler: (request) => links.list(actorOf(request), request.query.recordId),
  });

  app.post('/links', {
    schema: {
      tags,
      summary: 'Link two records with a label (the reader must see both and may edit the first)',
      body: createLinkSchema,
      response: { 201: linkSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await links.create(actorOf(request), requestContext(request), request.body)),
  });

  app.delete('/links/:id', {
    schema: { tags, summary: 'Remove a link (whoever may edit either record)', params: idParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await links.remove(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
