import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { smtpSettingsSchema, smtpTestBodySchema, smtpTestResultSchema, updateSmtpBodySchema, versionQuerySchema } from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { SmtpService } from './smtp.service.js';

export const smtpRoutes: FastifyPluginAsyncZod<{ smtp: SmtpService }> = async (app, { smtp }) => {
  const tags = ['Settings'];
  app.get('/settings/smtp', {
    schema: { tags, summary: 'Outgoing mail (SMTP) settings; the password is never returned, only whether one is set', response: { 200: smtpSettingsSchema, ...errorResponses } },
    handler: (request) => smtp.get(actorOf(request)),
  });
  app.put('/settings/smtp', {
    schema: {
      tags,
      summary: 'Save the outgoing mail settings (omit the password to keep the stored one)',
      body: updateSmtpBodySchema,
      response: { 200: smtpSettingsSchema, ...errorResponses },
    },
    handler: (request) => smtp.update(actorOf(request), requestContext(request), request.body),
  });
  app.delete('/settings/smtp', {
    schema: { tags, summary: 'Turn email off: notifications stay in the app', querystring: versionQuerySchema, response: { 200: smtpSettingsSchema, ...errorResponses } },
    handler: (request) => smtp.disable(actorOf(request), requestContext(request), request.query.version),
  });
  app.post('/settings/smtp/test', {
    schema: {
      tags,
      summary: 'Send a test letter through the saved settings (to the caller unless `to` is given)',
      body: smtpTestBodySchema,
      response: { 200: smtpTestResultSchema, ...errorResponses },
    },
    handler: (request) => smtp.sendTest(actorOf(request), request.body),
  });
};
