import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addGroupMembersSchema,
  createGroupSchema,
  groupListQuerySchema,
  groupListSchema,
  groupMembersResultSchema,
  groupSchema,
  idParamsSchema,
  removeGroupMembersSchema,
  updateGroupSchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { GroupsService } from './groups.service.js';

export const groupsRoutes: FastifyPluginAsyncZod<{ groups: GroupsService }> = async (app, { groups }) => {
  const tags = ['Groups'];

  app.get('/groups', {
    schema: {
      tags,
      summary: "Shared groups and the reader's personal ones, with member counts (optionally only those a record is in)",
      querystring: groupListQuerySchema,
      response: { 200: groupListSchema, ...errorResponses },
    },
    handler: (request) => groups.list(actorOf(request), request.query),
  });

  app.get('/groups/:id', {
    schema: { tags, summary: 'Get a group', params: idParamsSchema, response: { 200: groupSchema, ...errorResponses } },
    handler: (request) => groups.get(actorOf(request), request.params.id),
  });

  app.post('/groups', {
    schema: { tags, summary: 'Create a group (personal unless `shared`)', body: createGroupSchema, response: { 201: groupSchema, ...errorResponses } },
    handler: async (request, reply) => reply.status(201).send(await groups.create(actorOf(request), requestContext(request), request.body)),
  });

  app.patch('/groups/:id', {
    schema: {
      tags,
      summary: 'Rename, describe or share a group (its owner; for a shared group also whoever edits all organizations)',
      params: idParamsSchema,
      body: updateGroupSchema,
      response: { 200: groupSchema, ...errorResponses },
    },
    handler: (request) => groups.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/groups/:id', {
    schema: { tags, summary: 'Delete a group (the records stay)', params: idParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await groups.remove(actorOf(request), requestContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/groups/:id/members', {
    schema: {
      tags,
      summary: 'Add organizations or persons the reader may see to a group; those already in it are skipped',
      params: idParamsSchema,
      body: addGroupMembersSchema,
      response: { 200: groupMembersResultSchema, ...errorResponses },
    },
    handler: (request) => groups.addMembers(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.post('/groups/:id/members/remove', {
    schema: {
      tags,
      summary: 'Remove records from a group (only those the reader may see)',
      params: idParamsSchema,
      body: removeGroupMembersSchema,
      response: { 200: groupMembersResultSchema, ...errorResponses },
    },
    handler: (request) => groups.removeMembers(actorOf(request), requestContext(request), request.params.id, request.body),
  });
};
