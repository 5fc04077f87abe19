import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditEntrySchema,
  bulkActionBodySchema,
  bulkResultSchema,
  clientCountSchema,
  clientListQuerySchema,
  createOrganizationBodySchema,
  createPersonBodySchema,
  deleteClientQuerySchema,
  idParamsSchema,
  listQueryBase,
  organizationListItemSchema,
  organizationSchema,
  pageSchema,
  personListItemSchema,
  personSchema,
  updateOrganizationBodySchema,
  updatePersonBodySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { OrganizationsService } from './organizations.service.js';
import type { PersonsService } from './persons.service.js';

const countQuerySchema = clientListQuerySchema.pick({ filter: true, q: true, deleted: true });
const historyQuerySchema = z.object(listQueryBase);

const FILTER_HELP =
  '`filter` is JSON `{ "match": "all"|"any", "conditions": [{ "field", "op", "value" }] }` over the fields of the ' +
  'filter catalog and `custom.<key>`; `sort` is a sortable field or `custom.<key>`, "-" for descending; ' +
  '`deleted=true` lists the recycle bin.';

const DELETE_HELP =
  'Its tasks stay and show the client as deleted. With open tasks the answer is 409 `client_has_open_tasks` ' +
  '(params.count) unless `openTasks` = keep or cancel.';

export const organizationsRoutes: FastifyPluginAsyncZod<{ organizations: OrganizationsService }> = async (app, { organizations }) => {
  const tags = ['Organizations'];

  app.get('/organizations', {
    schema: { tags, summary: 'List organizations', description: FILTER_HELP, querystring: clientListQuerySchema, response: { 200: pageSchema(organizationListItemSchema), ...errorResponses } },
    handler: (request) => organizations.list(actorOf(request), request.query),
  });

  app.get('/organizations/count', {
    schema: { tags, summary: 'Count organizations matching a filter', querystring: countQuerySchema, response: { 200: clientCountSchema, ...errorResponses } },
    handler: (request) => organizations.count(actorOf(request), request.query),
  });

  app.post('/organizations', {
    schema: { tags, summary: 'Create an organization', body: createOrganizationBodySchema, response: { 201: organizationSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const created = await organizations.create(actorOf(request), requestContext(request), request.body);
      return reply.status(201).send(created);
    },
  });

  app.post('/organizations/bulk', {
    schema: { tags, summary: 'Apply one action to many organizations (all or nothing)', body: bulkActionBodySchema, response: { 200: bulkResultSchema, ...errorResponses } },
    handler: (request) => organizations.bulk(actorOf(request), requestContext(request), request.body),
  });

  app.get('/organizations/:id', {
    schema: { tags, summary: 'Get an organization card', params: idParamsSchema, response: { 200: organizationSchema, ...errorResponses } },
    handler: (request) => organizations.get(actorOf(request), request.params.id),
  });

  app.patch('/organizations/:id', {
    schema: {
      tags,
      summary: 'Change an organization; collections given replace the stored ones; `version` must be the one last read',
      params: idParamsSchema,
      body: updateOrganizationBodySchema,
      response: { 200: organizationSchema, ...errorResponses },
    },
    handler: (request) => organizations.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/organizations/:id', {
    schema: {
      tags,
      summary: 'Move an organization to the recycle bin',
      description: DELETE_HELP,
      params: idParamsSchema,
      querystring: deleteClientQuerySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await organizations.remove(actorOf(request), requestContext(request), request.params.id, request.query);
      return reply.status(204).send(null);
    },
  });

  app.post('/organizations/:id/restore', {
    schema: { tags, summary: 'Restore an organization from the recycle bin', params: idParamsSchema, response: { 200: organizationSchema, ...errorResponses } },
    handler: (request) => organizations.restore(actorOf(request), requestContext(request), request.params.id),
  });

  app.get('/organizations/:id/history', {
    schema: { tags, summary: "An organization's change history, newest first", params: idParamsSchema, querystring: historyQuerySchema, response: { 200: pageSchema(auditEntrySchema), ...errorResponses } },
    handler: (request) => organizations.history(actorOf(request), request.params.id, request.query),
  });
};

export const personsRoutes: FastifyPluginAsyncZod<{ persons: PersonsService }> = async (app, { persons }) => {
  const tags = ['Persons'];

  app.get('/persons', {
    schema: { tags, summary: 'List contact persons', description: FILTER_HELP, querystring: clientListQuerySchema, response: { 200: pageSchema(personListItemSchema), ...errorResponses } },
    handler: (request) => persons.list(actorOf(request), request.query),
  });

  app.get('/persons/count', {
    schema: { tags, summary: 'Count contact persons matching a filter', querystring: countQuerySchema, response: { 200: clientCountSchema, ...errorResponses } },
    handler: (request) => persons.count(actorOf(request), request.query),
  });

  app.post('/persons', {
    schema: { tags, summary: 'Create a contact person', body: createPersonBodySchema, response: { 201: personSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const created = await persons.create(actorOf(request), requestContext(request), request.body);
      return reply.status(201).send(created);
    },
  });

  app.post('/persons/bulk', {
    schema: { tags, summary: 'Apply one action to many contact persons (all or nothing)', body: bulkActionBodySchema, response: { 200: bulkResultSchema, ...errorResponses } },
    handler: (request) => persons.bulk(actorOf(request), requestContext(request), request.body),
  });

  app.get('/persons/:id', {
    schema: { tags, summary: 'Get a contact person card (the identity document only with its permission)', params: idParamsSchema, response: { 200: personSchema, ...errorResponses } },
    handler: (request) => persons.get(actorOf(request), request.params.id),
  });

  app.patch('/persons/:id', {
    schema: {
      tags,
      summary: 'Change a contact person; collections given replace the stored ones; `version` must be the one last read',
      params: idParamsSchema,
      body: updatePersonBodySchema,
      response: { 200: personSchema, ...errorResponses },
    },
    handler: (request) => persons.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/persons/:id', {
    schema: {
      tags,
      summary: 'Move a contact person to the recycle bin',
      description: DELETE_HELP,
      params: idParamsSchema,
      querystring: deleteClientQuerySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await persons.remove(actorOf(request), requestContext(request), request.params.id, request.query);
      return reply.status(204).send(null);
    },
  });

  app.post('/persons/:id/restore', {
    schema: { tags, summary: 'Restore a contact person from the recycle bin', params: idParamsSchema, response: { 200: personSchema, ...errorResponses } },
    handler: (request) => persons.restore(actorOf(request), requestContext(request), request.params.id),
  });

  app.get('/persons/:id/history', {
    schema: { tags, summary: "A contact person's change history, newest first", params: idParamsSchema, querystring: historyQuerySchema, response: { 200: pageSchema(auditEntrySchema), ...errorResponses } },
    handler: (request) => persons.history(actorOf(request), request.params.id, request.query),
  });
};
