import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  notificationListQuerySchema,
  notificationPrefsSchema,
  notificationSchema,
  pageSchema,
  unreadCountSchema,
  updateNotificationPrefsBodySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { NotificationsService } from './notifications.service.js';
import type { NotificationPrefsService } from './notification-prefs.service.js';
import type { NotificationStreams } from './notification-streams.js';

interface Options {
  notifications: NotificationsService;
  notificationPrefs: NotificationPrefsService;
  notificationStreams: NotificationStreams;
}

export const notificationsRoutes: FastifyPluginAsyncZod<Options> = async (app, { notifications, notificationPrefs, notificationStreams }) => {
  const tags = ['Notifications'];

  app.get('/notifications/stream', {
    schema: {
      tags,
      summary: 'Live notifications (Server-Sent Events)',
      description:
        'A text/event-stream that stays open: `unread` events carry `{ count }` (at once, then on every change), ' +
        '`notification` events carry each new notification, comment lines are heartbeats, and an `end` event ' +
        'with a `reason` comes before the server closes the stream (signed out, server stopping).',
      produces: ['text/event-stream'],
      response: { 200: z.string().describe('An event stream'), ...errorResponses },
    },
    handler: (request, reply) => notificationStreams.open(request, reply, actorOf(request)),
  });

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

  app.get('/profile/notifications', {
    schema: { tags, summary: 'How each kind of notification reaches the signed-in user (in the app, by email)', response: { 200: notificationPrefsSchema, ...errorResponses } },
    handler: (request) => notificationPrefs.get(actorOf(request)),
  });

  app.put('/profile/notifications', {
    schema: {
      tags,
      summary: 'Choose how kinds of notifications reach the signed-in user; kinds left out keep their setting',
      body: updateNotificationPrefsBodySchema,
      response: { 200: notificationPrefsSchema, ...errorResponses },
    },
    handler: (request) => notificationPrefs.update(actorOf(request), requestContext(request), request.body),
  });
};
