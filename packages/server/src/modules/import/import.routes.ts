import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CLIENT_TYPES,
  idParamsSchema,
  importCommitBodySchema,
  importJobListSchema,
  importJobSchema,
  importPreviewBodySchema,
  importPreviewSchema,
  importUploadResultSchema,
  type ClientType,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { attachment } from '../export/download.js';
import type { ImportService } from './import.service.js';

const isClientType = (v: unknown): v is ClientType => typeof v === 'string' && (CLIENT_TYPES as readonly string[]).includes(v);

/** Reads the multipart upload: the `file` part and the `objectType` field (or query parameter). */
async function readUpload(request: FastifyRequest): Promise<{ objectType: ClientType; fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type');
  let objectType: unknown = (request.query as { objectType?: string } | undefined)?.objectType;
  let file: { fileName: string; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { fileName: part.filename || 'import.csv', bytes };
      } else if (part.fieldname === 'objectType') {
        objectType = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('payload_too_large');
    }
    if (error instanceof AppError) throw error;
    throw new AppError('malformed_request');
  }
  if (!isClientType(objectType)) throw fieldError('objectType', objectType === undefined ? 'required' : 'invalid_option');
  if (!file) throw fieldError('file', 'required');
  return { objectType, ...file };
}

export const importRoutes: FastifyPluginAsyncZod<{ imports: ImportService }> = async (app, { imports }) => {
  const tags = ['Import'];
  await imports.failInterrupted();
  app.addHook('onClose', async () => imports.drain());

  app.post('/imports', {
    schema: {
      tags,
      summary: 'Upload a CSV (UTF-8 or Windows-1251; `;`, `,` or tab) or XLSX file of organizations or persons',
      description:
        'multipart/form-data with the fields `objectType` (organization | person) and `file`. Answers the columns, ' +
        'the first 20 rows and a suggested mapping (the last one you used for the same columns, else by header names).',
      consumes: ['multipart/form-data'],
      response: { 201: importUploadResultSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await imports.upload(actorOf(request), await readUpload(request));
      return reply.status(201).send(result);
    },
  });

  app.get('/imports', {
    schema: { tags, summary: 'Your recent imports', response: { 200: importJobListSchema, ...errorResponses } },
    handler: (request) => imports.list(actorOf(request)),
  });

  app.post('/imports/:id/preview', {
    schema: {
      tags,
      summary: 'Check every row with a mapping and a duplicate strategy; nothing is written',
      params: idParamsSchema,
      body: importPreviewBodySchema,
      response: { 200: importPreviewSchema, ...errorResponses },
    },
    handler: (request) => imports.preview(actorOf(request), request.params.id, request.body),
  });

  app.post('/imports/:id/commit', {
    schema: {
      tags,
      summary: 'Start writing the file in the background: all rows or, if any row is invalid, none (with a report)',
      params: idParamsSchema,
      body: importCommitBodySchema,
      response: { 202: importJobSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const job = await imports.commit(actorOf(request), requestContext(request), request.params.id, request.body ?? {});
      return reply.status(202).send(job);
    },
  });

  app.get('/imports/:id', {
    schema: { tags, summary: 'Status, progress and counts of an import', params: idParamsSchema, response: { 200: importJobSchema, ...errorResponses } },
    handler: (request) => imports.get(actorOf(request), request.params.id),
  });

  app.get('/imports/:id/report', {
    schema: {
      tags,
      summary: 'The rejected rows with their errors, as CSV to fix and import again',
      params: idParamsSchema,
      produces: ['text/csv'],
      response: { 200: z.any().describe('CSV file (UTF-8 with BOM)'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const report = await imports.report(actorOf(request), request.params.id);
      const base = report.fileName.replace(/\.[^.]*$/, '') || 'import';
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${base} — errors.csv`))
        .header('cache-control', 'no-store')
        .send(report.bytes);
    },
  });
};
