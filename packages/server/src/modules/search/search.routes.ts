import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResultSchema } from '@kontakt/shared';
import { actorOf } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { SearchService } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.get('/search', {
    schema: {
      tags: ['Search'],
      summary: 'Find organizations and persons by a part of the name (typos tolerated), INN, phone in any format or email',
      description: 'Only records the caller may view. `limit` applies to each group.',
      querystring: searchQuerySchema,
      response: { 200: searchResultSchema, ...errorResponses },
    },
    handler: (request) => search.search(actorOf(request), request.query),
  });
};
