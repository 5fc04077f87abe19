import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { makeActorResolver } from './platform/auth/actor.js';
import { createInvalidationBus, type InvalidationBus } from './platform/invalidation-bus.js';
import { registerAuthHook } from './platform/http/auth-hook.js';
import { registerErrorHandling, sendProblem } from './platform/http/error-handler.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { validatorCompiler } from './platform/http/validation.js';
import { checkingSerializerCompiler, serializeJson } from './platform/http/serialize-json.js';
import { startEmbeddedUpkeep, type EmbeddedUpkeep } from './platform/jobs/embedded-upkeep.js';
import type { ServiceDeps } from './platform/deps.js';
import { makeAuthService } from './modules/auth/auth.service.js';
import { makeProfileService } from './modules/auth/profile.service.js';
import { makeTokensService } from './modules/auth/tokens.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { makeUsersService } from './modules/users/users.service.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { loadMeProfile } from './modules/users/users.queries.js';
import { makeDepartmentsService } from './modules/departments/departments.service.js';
import { departmentsRoutes } from './modules/departments/departments.routes.js';
import { makeRolesService } from './modules/roles/roles.service.js';
import { rolesRoutes } from './modules/roles/roles.routes.js';
import { makeAuditService } from './modules/audit/audit.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { makeSettingsService } from './modules/settings/settings.service.js';
import { healthRoutes, settingsRoutes } from './modules/settings/settings.routes.js';
import { makeCustomFieldsService } from './modules/custom-fields/custom-fields.service.js';
import { customFieldsRoutes } from './modules/custom-fields/custom-fields.routes.js';
import { loadOpenApiCustomFields, withCustomFields } from './modules/custom-fields/custom-fields.openapi.js';
import { makeGroupsService } from './modules/groups/groups.service.js';
import { groupsRoutes } from './modules/groups/groups.routes.js';
import { makeLinksService } from './modules/links/links.service.js';
import { linksRoutes } from './modules/links/links.routes.js';
import { makeViewsService } from './modules/views/views.service.js';
import { viewsRoutes } from './modules/views/views.routes.js';
import { makeNotificationsService } from './modules/notifications/notifications.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { makeNotificationPrefsService } from './modules/notifications/notification-prefs.service.js';
import { setUpNotificationDelivery } from './modules/notifications/notification-delivery.js';
import { makeSmtpService } from './modules/settings/smtp.service.js';
import { smtpRoutes } from './modules/settings/smtp.routes.js';
import { makeSearchService } from './modules/search/search.service.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { makeDuplicatesService } from './modules/duplicates/duplicates.service.js';
import { duplicatesRoutes } from './modules/duplicates/duplicates.routes.js';
import { createMergeSteps } from './modules/duplicates/merge-steps.js';
import { makeOrganizationsService } from './modules/clients/organizations.service.js';
import { makePersonsService } from './modules/clients/persons.service.js';
import { organizationsRoutes, personsRoutes } from './modules/clients/clients.routes.js';
import { makeImportService } from './modules/import/import.service.js';
import { importRoutes } from './modules/import/import.routes.js';
import { makeExportService } from './modules/export/export.service.js';
import { exportRoutes } from './modules/export/export.routes.js';
import { makeCalendarService } from './modules/calendar/calendar.service.js';
import { makeAbsencesService } from './modules/calendar/absences.service.js';
import { makeWorkingHoursService } from './modules/calendar/working-hours.service.js';
import { makeFeedService } from './modules/calendar/feed.service.js';
import { calendarRoutes, icalFeedRoutes } from './modules/calendar/calendar.routes.js';
import { makeTasksService } from './modules/tasks/tasks.service.js';
import { makeTaskTypesService } from './modules/tasks/task-types.service.js';
import { makeTaskActionsService } from './modules/tasks/task-actions.js';
import { makeTaskCommentsService } from './modules/tasks/task-comments.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { tasksMergeStep } from './modules/tasks/client-tasks.js';
import { tasksViewsRoutes } from './modules/tasks/tasks-views.routes.js';
import './platform/http/types.js';

export const VERSION = '0.1.0';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

/** The whole HTTP application; `kontakt start`, tests and benchmarks all build it this way. */
export async function buildApp({ config, database, logger = true }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    trustProxy: config.trustProxy,
    // A line per request costs more than answering GET /auth/me; errors are still logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Responses are checked against their schemas under test; in production the mappers already build
  // exactly the documented shape, and checking it again costs a quarter of a small request's time.
  app.setSerializerCompiler(config.checkResponses ? checkingSerializerCompiler : () => serializeJson);

  const resolver = makeActorResolver(database.db, config.sessionTtlHours, (userId) => loadMeProfile(database.db, userId));
  // Live notification streams, reminders, overdue notices and email; streams close when access data changes.
  const notificationStreams = setUpNotificationDelivery(app, { database, config });
  const bus: InvalidationBus = await createInvalidationBus(database, () => {
    resolver.invalidate();
    notificationStreams.revalidate();
  });
  app.addHook('onClose', async () => bus.close());
  if (database.kind === 'pglite' && config.backgroundJobs) keepEmbeddedDatabase(app, database, config.upkeepHour);
  await app.register(cookie);
  registerSecurityHeaders(app);
  registerErrorHandling(app);
  registerAuthHook(app, resolver);

  // The OpenAPI document lists the custom fields defined at start-up (GET /custom-fields has the live list).
  const customFieldDefs = await loadOpenApiCustomFields(database.db);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kontakt API', version: VERSION, description: 'REST API of Kontakt CRM. Errors are application/problem+json.' },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'kontakt_session' },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal API token (profile → API tokens)' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => ('openapiObject' in doc ? withCustomFields(doc.openapiObject, customFieldDefs) : doc.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const deps: ServiceDeps = { db: database.db, config, bus };
  // Later modules add the step that moves their references to a merge survivor: mergeSteps.register(...).
  const mergeSteps = createMergeSteps().register(tasksMergeStep);
  const services = {
    auth: makeAuthService(deps),
    profile: makeProfileService(deps),
    tokens: makeTokensService(deps),
    users: makeUsersService(deps),
    departments: makeDepartmentsService(deps),
    roles: makeRolesService(deps),
    audit: makeAuditService(deps),
    settings: makeSettingsService(deps),
    search: makeSearchService(deps),
    duplicates: makeDuplicatesService({ ...deps, mergeSteps }),
    customFields: makeCustomFieldsService(deps),
    groups: makeGroupsService(deps),
    links: makeLinksService(deps),
    views: makeViewsService(deps),
    notifications: makeNotificationsService(deps),
    notificationPrefs: makeNotificationPrefsService(deps),
    notificationStreams,
    smtp: makeSmtpService(deps),
    organizations: makeOrganizationsService(deps),
    persons: makePersonsService(deps),
    calendar: makeCalendarService(deps),
    tasks: makeTasksService(deps),
    taskTypes: makeTaskTypesService(deps),
    taskActions: makeTaskActionsService(deps),
    taskComments: makeTaskCommentsService(deps),
    absences: makeAbsencesService(deps),
    workingHours: makeWorkingHoursService(deps),
    feed: makeFeedService(deps),
  };

  await app.register(healthRoutes, { db: database.db, version: VERSION });
  await app.register(
    async (api) => {
      await api.register(authRoutes, { ...services, resolver, sessionTtlHours: config.sessionTtlHours });
      await api.register(usersRoutes, services);
      await api.register(departmentsRoutes, services);
      await api.register(rolesRoutes, services);
      await api.register(auditRoutes, services);
      await api.register(settingsRoutes, services);
      await api.register(smtpRoutes, services);
      await api.register(searchRoutes, services);
      await api.register(duplicatesRoutes, services);
      await api.register(customFieldsRoutes, services);
      await api.register(groupsRoutes, services);
      await api.register(linksRoutes, services);
      await api.register(viewsRoutes, services);
      await api.register(notificationsRoutes, services);
      await api.register(organizationsRoutes, services);
      await api.register(personsRoutes, services);
      await api.register(exportRoutes, { exports: makeExportService(deps) });
      await api.register(calendarRoutes, services);
      await api.register(tasksRoutes, services);
      await api.register(tasksViewsRoutes, { db: database.db });
      // Multipart only where files are uploaded; elsewhere a multipart body stays an unsupported type.
      await api.register(async (uploads) => {
        await uploads.register(multipart, { limits: { fileSize: config.importMaxFileBytes, files: 1, fields: 10, parts: 20 } });
        const imports = makeImportService({
          ...deps,
          databaseKind: database.kind,
          logError: (err, message) => uploads.log.error({ err }, message),
        });
        await uploads.register(importRoutes, { imports });
      });
    },
    { prefix: '/api/v1' },
  );

  // Calendar apps read the private feed outside /api/v1: its secret address is the credential.
  await app.register(icalFeedRoutes, services);
  registerWebApp(app, config.webDistDir);
  return app;
}

/** The embedded database's vacuum and statistics, which PostgreSQL's autovacuum does by itself (see embedded-upkeep.ts). */
function keepEmbeddedDatabase(app: FastifyInstance, database: Database, hour: number): void {
  let upkeep: EmbeddedUpkeep | undefined;
  app.addHook('onReady', async () => {
    upkeep = startEmbeddedUpkeep(database.db, app.log, hour);
  });
  app.addHook('onClose', async () => upkeep?.stop());
}

/** Serves the built web app; any non-API GET falls back to index.html so client-side routes load. */
function registerWebApp(app: FastifyInstance, distDir: string): void {
  const indexHtml = path.join(distDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    void app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || (request.method !== 'GET' && request.method !== 'HEAD') || !hasWeb) {
      return sendProblem(request, reply, 'route_not_found');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml));
  });
}
