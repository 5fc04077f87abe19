import { AppError, type FieldProblem } from './errors.js';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Collects every field problem of a request before answering, so a form shows them all at once. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, code: string, params?: Record<string, string | number>): this {
    this.list.push({ field, code, ...(params ? { params } : {}) });
    return this;
  }

  addAll(problems: FieldProblem[]): this {
    this.list.push(...problems);
    return this;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError('validation_failed', { errors: this.list });
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}
