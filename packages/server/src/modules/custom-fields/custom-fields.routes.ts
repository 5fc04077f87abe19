import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCustomFieldSchema,
  customFieldDefSchema,
  customFieldListQuerySchema,
  customFieldListSchema,
  idParamsSchema,
  updateCustomFieldSchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { CustomFieldsService } from './custom-fields.service.js';

const VALUES_NOTE =
  'A record keeps custom values in its `custom` object under each field\'s `key`. Value per type: text, long_text → string; ' +
  'number → number (strings like "1 234,5" accepted); money → decimal string with two places ("1234.50"); date → "YYYY-MM-DD"; ' +
  'datetime → ISO 8601 (answered in UTC); checkbox → boolean; choice → an option value; multi_choice → array of option values; ' +
  'user / organization / person → the id of that record. On update, `null` clears a field and absent keys stay as they are.';

export const customFieldsRoutes: FastifyPluginAsyncZod<{ customFields: CustomFieldsService }> = async (app, { customFields }) => {
  const tags = ['Custom fields'];

  app.get('/custom-fields', {
    schema: {
      tags,
      summary: 'Custom fields of organizations and persons (their keys, types and options)',
      description: VALUES_NOTE,
      querystring: customFieldListQuerySchema,
      response: { 200: customFieldListSchema, ...errorResponses },
    },
    handler: (request) => customFields.list(actorOf(request), request.query),
  });

  app.get('/custom-fields/:id', {
    schema: { tags, summary: 'Get a custom field', params: idParamsSchema, response: { 200: customFieldDefSchema, ...errorResponses } },
    handler: (request) => customFields.get(actorOf(request), request.params.id),
  });

  app.post('/custom-fields', {
    schema: {
      tags,
      summary: 'Define a custom field (administrators); the key is made from the label unless given',
      description: VALUES_NOTE,
      body: createCustomFieldSchema,
      response: { 201: customFieldDefSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const field = await customFields.create(actorOf(request), requestContext(request), request.body);
      return reply.status(201).send(field);
    },
  });

  app.patch('/custom-fields/:id', {
    schema: {
      tags,
      summary: 'Change a custom field; the type cannot change once records hold values; `version` must be the one last read',
      params: idParamsSchema,
      body: updateCustomFieldSchema,
      response: { 200: customFieldDefSchema, ...errorResponses },
    },
    handler: (request) => customFields.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/custom-fields/:id', {
    schema: {
      tags,
      summary: 'Deactivate a custom field: its values stay in the records and return if it is activated again',
      params: idParamsSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await customFields.deactivate(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
