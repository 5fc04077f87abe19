import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  duplicateCheckBodySchema,
  duplicateCheckResultSchema,
  duplicateGroupPageSchema,
  duplicateGroupsQuerySchema,
  mergeBodySchema,
  mergeResultSchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { DuplicatesService } from './duplicates.service.js';

export const duplicatesRoutes: FastifyPluginAsyncZod<{ duplicates: DuplicatesService }> = async (app, { duplicates }) => {
  const tags = ['Duplicates'];

  app.post('/duplicates/check', {
    schema: {
      tags,
      summary: 'Likely duplicates of a record being created or edited (same INN, phone, email; same or very similar name)',
      description: 'Records the caller may not view are only counted in `hiddenCount`.',
      body: duplicateCheckBodySchema,
      response: { 200: duplicateCheckResultSchema, ...errorResponses },
    },
    handler: (request) => duplicates.check(actorOf(request), request.body),
  });

  app.get('/duplicates', {
    schema: {
      tags,
      summary: 'Groups of likely duplicates among the records the caller may view',
      querystring: duplicateGroupsQuerySchema,
      response: { 200: duplicateGroupPageSchema, ...errorResponses },
    },
    handler: (request) => duplicates.groups(actorOf(request), request.query),
  });

  app.post('/duplicates/merge', {
    schema: {
      tags,
      summary: 'Merge records into a survivor: chosen field values, every related record moved, the rest to the recycle bin',
      description:
        'Needs edit on the survivor, delete on each merged record. `fields` / `custom` name the record whose value wins; ' +
        '`versions` (record id → version) answers 409 when one is stale.',
      body: mergeBodySchema,
      response: { 200: mergeResultSchema, ...errorResponses },
    },
    handler: (request) => duplicates.merge(actorOf(request), requestContext(request), request.body),
  });
};
