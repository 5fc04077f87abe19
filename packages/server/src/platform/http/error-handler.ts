import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldMessage, problemMessage, type Locale, type Problem, type ProblemCode } from '@kontakt/shared';
import { AppError, PROBLEM_STATUS, type FieldProblem } from '../errors.js';
import { RequestValidationError } from './validation.js';

const localeOf = (request: FastifyRequest): Locale => request.actor?.language ?? request.locale ?? 'ru';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  options: { status?: number; errors?: FieldProblem[]; params?: Record<string, string | number>; retryAfter?: number } = {},
) {
  const locale = localeOf(request);
  const status = options.status ?? PROBLEM_STATUS[code];
  const problem: Problem = {
    type: `urn:kontakt:problem:${code}`,
    title: problemMessage(locale, code, { ...options.params, ...(options.retryAfter ? { seconds: options.retryAfter } : {}) }),
    status,
    code,
    requestId: request.id,
  };
  if (options.errors?.length) {
    problem.errors = options.errors.map((e) => ({
      field: e.field,
      code: e.code,
      message: fieldMessage(locale, e.code, e.params),
      ...(e.params ? { params: e.params } : {}),
    }));
  }
  if (options.retryAfter) {
    problem.retryAfter = options.retryAfter;
    void reply.header('retry-after', String(options.retryAfter));
  }
  return reply.status(status).type('application/problem+json; charset=utf-8').send(problem);
}

const FASTIFY_CODES: Record<string, { code: ProblemCode; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_request', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_request', status: 400 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'malformed_request', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'malformed_request', status: 415 },
  FST_ERR_CTP_INVALID_TYPE: { code: 'malformed_request', status: 400 },
};

/** PostgreSQL errors that mean bad input or a lost race, never a server fault. */
const PG_CODES: Record<string, ProblemCode> = {
  '22P02': 'validation_failed',
  '22001': 'validation_failed',
  '22007': 'validation_failed',
  '22008': 'validation_failed',
  '23505': 'version_conflict',
  '40001': 'version_conflict',
  '40P01': 'version_conflict',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { problems?: FieldProblem[] }, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.code, {
        ...(error.options.errors ? { errors: error.options.errors } : {}),
        ...(error.options.params ? { params: error.options.params } : {}),
        ...(error.options.retryAfter ? { retryAfter: error.options.retryAfter } : {}),
      });
    }
    if (error instanceof RequestValidationError) {
      return sendProblem(request, reply, 'validation_failed', { errors: error.problems });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendProblem(request, reply, known.code, { status: known.status });
    const pgCode = (error as { code?: string }).code;
    if (pgCode && PG_CODES[pgCode]) {
      request.log.warn({ err: error }, 'database refused the request');
      return sendProblem(request, reply, PG_CODES[pgCode]);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(request, reply, 'malformed_request', { status: error.statusCode });
    }
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendProblem(request, reply, 'internal');
  });

}
