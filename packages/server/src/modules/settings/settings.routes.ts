import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companySettingsSchema, healthSchema, updateCompanySettingsBodySchema } from '@kontakt/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { SettingsService } from './settings.service.js';

export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (app, { settings }) => {
  const tags = ['Settings'];
  app.get('/settings/company', {
    schema: { tags, summary: 'Company settings', response: { 200: companySettingsSchema, ...errorResponses } },
    handler: (request) => settings.getCompany(actorOf(request)),
  });
  app.get('/settings/backup', {
    schema: {
      tags,
      summary: 'Download a full backup of the database (gzipped JSON lines; restore with `kontakt restore`)',
      produces: ['application/gzip'],
      response: { 200: z.any().describe('The backup file'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const stream = settings.backup(actorOf(request), requestContext(request), (error) => request.log.error({ err: error }, 'backup failed'));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="kontakt-backup-${day}.jsonl.gz"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  });

  app.patch('/settings/company', {
    schema: { tags, summary: 'Rename the company', body: updateCompanySettingsBodySchema, response: { 200: companySettingsSchema, ...errorResponses } },
    handler: (request) => settings.updateCompany(actorOf(request), requestContext(request), request.body),
  });
};

export const healthRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; version: string }> = async (app, { db, version }) => {
  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['Health'], summary: 'Liveness and database status', response: { 200: healthSchema, 503: healthSchema } },
    handler: async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(db);
        return { status: 'ok' as const, database: 'ok' as const, version };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, database: 'unavailable' as const, version });
      }
    },
  });
};
