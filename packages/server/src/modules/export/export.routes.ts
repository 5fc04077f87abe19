import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportQuerySchema, taskExportQuerySchema, type ClientType } from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { attachment } from './download.js';
import type { ExportFile, ExportService } from './export.service.js';

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.fileName))
    .header('cache-control', 'no-store')
    .send(file.stream);
}

export const exportRoutes: FastifyPluginAsyncZod<{ exports: ExportService }> = async (app, { exports }) => {
  const route = (type: ClientType, path: string, summary: string) =>
    app.get(path, {
      schema: {
        tags: [type === 'organization' ? 'Organizations' : 'Persons'],
        summary,
        description:
          'The list as shown: `filter` (the filter builder JSON), `sort`, `q` and `columns` (comma-separated field keys or ' +
          '`custom.<key>`) as in the list request. Only records you may view; cells a spreadsheet would run as formulas ' +
          'are prefixed with an apostrophe.',
        querystring: exportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/vcard'],
        response: { 200: z.any().describe('The file'), ...errorResponses },
      },
      handler: async (request, reply) => sendFile(reply, await exports.exportView(actorOf(request), requestContext(request), type, request.query)),
    });

  app.get('/tasks/export', {
    schema: {
      tags: ['Tasks'],
      summary: 'Export the task list (CSV or XLSX)',
      description:
        'The list as shown: the `view`, filters and `sort` of GET /tasks, and `columns` (comma-separated keys of ' +
        'TASK_EXPORT_COLUMNS: title, type, status, priority, at, startsAt, endsAt, dueAt, completedAt, organization, person, ' +
        'responsible, controller, author, participants, direction, plannedResult, result, resultText, minutesSpent, interest, ' +
        'overdue, createdAt). Only tasks you may view; cells a spreadsheet would run as formulas are prefixed with an apostrophe.',
      querystring: taskExportQuerySchema,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.any().describe('The file'), ...errorResponses },
    },
    handler: async (request, reply) => sendFile(reply, await exports.exportTasks(actorOf(request), requestContext(request), request.query)),
  });

  route('organization', '/organizations/export', 'Export the organization list (CSV or XLSX)');
  route('person', '/persons/export', 'Export the person list (CSV, XLSX or vCard 4.0)');
};
