import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, auditListQuerySchema, pageSchema } from '@kontakt/shared';
import { actorOf } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { AuditService } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/audit', {
    schema: {
      tags: ['Audit log'],
      summary: 'Browse the audit log, newest first',
      querystring: auditListQuerySchema,
      response: { 200: pageSchema(auditEntrySchema), ...errorResponses },
    },
    handler: (request) => audit.list(actorOf(request), request.query),
  });
};
