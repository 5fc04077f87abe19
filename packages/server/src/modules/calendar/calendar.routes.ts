import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  absenceListQuerySchema,
  absenceListSchema,
  absenceSchema,
  calendarFeedCreatedSchema,
  calendarFeedStatusSchema,
  calendarQuerySchema,
  calendarSchema,
  companyWorkingHoursSchema,
  createAbsenceBodySchema,
  idParamsSchema,
  updateAbsenceBodySchema,
  updateCompanyWorkingHoursBodySchema,
  updateUserWorkingHoursBodySchema,
  userWorkingHoursSchema,
  versionQuerySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { sendProblem } from '../../platform/http/error-handler.js';
import type { CalendarService } from './calendar.service.js';
import type { AbsencesService } from './absences.service.js';
import type { WorkingHoursService } from './working-hours.service.js';
import type { FeedService } from './feed.service.js';

/** The address of the web app as the caller reached it (behind a proxy when TRUST_PROXY is on). */
const appUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const calendarRoutes: FastifyPluginAsyncZod<{
  calendar: CalendarService;
  absences: AbsencesService;
  workingHours: WorkingHoursService;
  feed: FeedService;
}> = async (app, { calendar, absences, workingHours, feed }) => {
  const tags = ['Calendar'];

  app.get('/calendar', {
    schema: {
      tags,
      summary: 'Tasks (as responsible or participant), absences and working hours of the chosen employees in a period',
      querystring: calendarQuerySchema,
      response: { 200: calendarSchema, ...errorResponses },
    },
    handler: (request) => calendar.get(actorOf(request), request.query),
  });

  app.get('/calendar/feed', {
    schema: { tags, summary: 'Whether the private iCalendar address exists and when a calendar app last read it', response: { 200: calendarFeedStatusSchema, ...errorResponses } },
    handler: (request) => feed.status(actorOf(request)),
  });
  app.post('/calendar/feed', {
    schema: {
      tags,
      summary: 'Make a new private iCalendar address (shown once; an earlier one stops working)',
      response: { 201: calendarFeedCreatedSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await feed.create(actorOf(request), requestContext(request), appUrl(request))),
  });
  app.delete('/calendar/feed', {
    schema: { tags, summary: 'Revoke the private iCalendar address', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await feed.revoke(actorOf(request), requestContext(request));
      return reply.status(204).send(null);
    },
  });

  const absenceTags = ['Absences'];
  app.get('/absences', {
    schema: {
      tags: absenceTags,
      summary: 'Absences of employees (the caller by default) touching a period, by start date',
      querystring: absenceListQuerySchema,
      response: { 200: absenceListSchema, ...errorResponses },
    },
    handler: (request) => absences.list(actorOf(request), request.query),
  });
  app.get('/absences/:id', {
    schema: { tags: absenceTags, summary: 'One absence', params: idParamsSchema, response: { 200: absenceSchema, ...errorResponses } },
    handler: (request) => absences.get(actorOf(request), request.params.id),
  });
  app.post('/absences', {
    schema: {
      tags: absenceTags,
      summary: 'Record an absence: one’s own, or an employee’s one may edit (a head for the department)',
      body: createAbsenceBodySchema,
      response: { 201: absenceSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await absences.create(actorOf(request), requestContext(request), request.body)),
  });
  app.patch('/absences/:id', {
    schema: { tags: absenceTags, summary: 'Change an absence', params: idParamsSchema, body: updateAbsenceBodySchema, response: { 200: absenceSchema, ...errorResponses } },
    handler: (request) => absences.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });
  app.delete('/absences/:id', {
    schema: { tags: absenceTags, summary: 'Delete an absence', params: idParamsSchema, querystring: versionQuerySchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await absences.remove(actorOf(request), requestContext(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });

  const hoursTags = ['Working hours'];
  app.get('/working-hours', {
    schema: { tags: hoursTags, summary: 'The company’s working hours', response: { 200: companyWorkingHoursSchema, ...errorResponses } },
    handler: (request) => workingHours.getCompany(actorOf(request)),
  });
  app.put('/working-hours', {
    schema: {
      tags: hoursTags,
      summary: 'Set the company’s working hours (settings edit right)',
      body: updateCompanyWorkingHoursBodySchema,
      response: { 200: companyWorkingHoursSchema, ...errorResponses },
    },
    handler: (request) => workingHours.updateCompany(actorOf(request), requestContext(request), request.body),
  });
  app.get('/users/:id/working-hours', {
    schema: { tags: hoursTags, summary: 'An employee’s working hours (own or the company’s)', params: idParamsSchema, response: { 200: userWorkingHoursSchema, ...errorResponses } },
    handler: (request) => workingHours.getUser(actorOf(request), request.params.id),
  });
  app.put('/users/:id/working-hours', {
    schema: {
      tags: hoursTags,
      summary: 'Set an employee’s own working hours, or null for the company’s (the employee, or whoever may edit them)',
      params: idParamsSchema,
      body: updateUserWorkingHoursBodySchema,
      response: { 200: userWorkingHoursSchema, ...errorResponses },
    },
    handler: (request) => workingHours.updateUser(actorOf(request), requestContext(request), request.params.id, request.body),
  });
};

/** Reads per address and minute: calendar apps poll every few minutes; this stops scripted guessing and floods. */
const FEED_READS_PER_MINUTE = 30;

/** A fixed one-minute window per address, in this process (each instance counts its own). */
function makeRateLimiter(limit: number, windowMs = 60_000) {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return (key: string): number => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      counts = new Map();
    }
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count > limit ? Math.ceil((windowStart + windowMs - now) / 1000) : 0;
  };
}

/**
 * GET /ical/<token>.ics — public (the secret address is the credential), outside /api/v1 so calendar apps
 * that cannot send headers can read it. A wrong or revoked token is simply not found.
 */
export const icalFeedRoutes: FastifyPluginAsyncZod<{ feed: FeedService }> = async (app, { feed }) => {
  const limited = makeRateLimiter(FEED_READS_PER_MINUTE);
  app.get('/ical/:file', {
    schema: { hide: true, params: z.object({ file: z.string().max(200) }) },
    handler: async (request, reply) => {
      const retryAfter = limited(request.ip);
      if (retryAfter > 0) return sendProblem(request, reply, 'too_many_attempts', { retryAfter });
      const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
      const text = await feed.read(token, appUrl(request));
      if (text === undefined) return sendProblem(request, reply, 'not_found');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="kontakt.ics"')
        .header('cache-control', 'private, max-age=300')
        .header('x-robots-tag', 'noindex')
        .send(text);
    },
  });
};
