import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../errors.js';

/** Validation failure of a request part, already in the API's field-problem vocabulary. */
export class RequestValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('Request validation failed');
  }
}

function issueToProblem(issue: $ZodIssue, part: string): FieldProblem[] {
  const path = issue.path.map(String).join('.');
  const field = path || (part === 'body' ? 'body' : part);
  switch (issue.code) {
    case 'invalid_type':
      return [{ field, code: issue.input === undefined || issue.input === null ? 'required' : 'invalid_type' }];
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return [{ field, code: min <= 1 ? 'required' : 'too_short', params: { min } }];
      return [{ field, code: 'too_small', params: { min } }];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return [{ field, code: issue.origin === 'string' ? 'too_long' : 'too_big', params: { max } }];
    }
    case 'invalid_format':
      if (issue.format === 'email') return [{ field, code: 'invalid_email' }];
      if (issue.format === 'uuid' || issue.format === 'guid') return [{ field, code: 'invalid_id' }];
      return [{ field, code: 'invalid_format' }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, code: 'unknown_field' }));
    default:
      return [{ field, code: 'invalid_value' }];
  }
}

/** Like fastify-type-provider-zod's compiler, but reports problems the error handler can translate. */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (result.success) return { value: result.data };
    const problems = result.error.issues.flatMap((issue) => issueToProblem(issue, httpPart ?? 'body'));
    return { error: new RequestValidationError(problems) };
  };
