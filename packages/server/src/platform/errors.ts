import type { ProblemCode } from '@kontakt/shared';

export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  not_found: 404,
  route_not_found: 404,
  unauthenticated: 401,
  invalid_credentials: 401,
  two_factor_required: 401,
  invalid_two_factor_code: 401,
  too_many_attempts: 429,
  csrf_invalid: 403,
  two_factor_setup_required: 403,
  forbidden: 403,
  version_conflict: 409,
  setup_already_done: 409,
  email_taken: 409,
  department_not_empty: 409,
  role_built_in: 409,
  role_in_use: 409,
  role_administrator_locked: 409,
  name_taken: 409,
  cannot_change_self: 403,
  payload_too_large: 413,
  record_deleted: 409,
  record_merged: 409,
  merge_same_record: 400,
  merge_type_mismatch: 400,
  import_invalid_file: 400,
  import_not_ready: 409,
  import_rejected: 422,
  unsupported_media_type: 415,
  custom_field_has_values: 409,
  task_has_open_children: 409,
  task_has_children: 409,
  task_controller_only: 403,
  task_not_done: 409,
  task_closed: 409,
  client_has_open_tasks: 409,
  smtp_not_configured: 409,
  smtp_failed: 422,
  internal: 500,
};

export interface FieldProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface AppErrorOptions {
  params?: Record<string, string | number>;
  errors?: FieldProblem[];
  retryAfter?: number;
}

/** The one error type services throw; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly options: AppErrorOptions = {},
  ) {
    super(code);
    this.status = PROBLEM_STATUS[code];
  }
}

/** A 400 naming one field (or a 409 for conflicts the user fixes in a field, like a taken email). */
export function fieldError(
  field: string,
  code: string,
  params?: Record<string, string | number>,
  problem: ProblemCode = 'validation_failed',
): AppError {
  return new AppError(problem, { errors: [{ field, code, ...(params ? { params } : {}) }] });
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const versionConflict = () => new AppError('version_conflict');
