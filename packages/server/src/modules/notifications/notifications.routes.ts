import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, notificationListQuerySchema, notificationSchema, pageSchema, unreadCountSchema } from '@kontakt/shared';
import { actorOf } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  const tags = ['Notifications'];

  app.get('/notifications', {
    schema: {
      tags,
      summary: "The signed-in user's notifications, newest first",
      querystring: notificationListQuerySchema,
      response: { 200: pageSchema(notificationSchema), ...errorResponses },
    },
    handler: (request) => notifications.list(actorOf(request), request.query),
  });

  app.get('/notifications/unread-count', {
    schema: { tags, summary: 'How many notifications are unread', response: { 200: unreadCountSchema, ...errorResponses } },
    handler: (request) => notifications.unreadCount(actorOf(request)),
  });

  app.post('/notifications/:id/read', {
    schema: { tags, summary: 'Mark a notification read', params: idParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await notifications.markRead(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/notifications/read-all', {
    schema: { tags, summary: 'Mark every notification read; answers how many were unread', response: { 200: unreadCountSchema, ...errorResponses } },
    handler: (request) => notifications.markAllRead(actorOf(request)),
  });
};
