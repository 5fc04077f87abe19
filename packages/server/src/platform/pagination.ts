import { sql, type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import { AppError } from './errors.js';

/**
 * Keyset pagination. A list sorts by one column plus `id` as a tie-breaker; the cursor carries the last
 * row's values, and the next page starts strictly after them, so deep pages cost the same as the first.
 */
export interface SortSpec {
  /** SQL expression of the sort key (a column reference). */
  column: string;
  direction: 'asc' | 'desc';
  key: string;
  /** Nullable columns sort with NULLs last in both directions. */
  nullable?: boolean;
}

type CursorValue = string | number | null;

export function parseSort(sort: string, allowed: readonly string[], columns: Record<string, string>, nullable: readonly string[] = []): SortSpec {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const key = sort.replace(/^[-+]/, '');
  if (!allowed.includes(key)) {
    throw new AppError('validation_failed', { errors: [{ field: 'sort', code: 'invalid_sort' }] });
  }
  return { column: columns[key] ?? key, direction, key, nullable: nullable.includes(key) };
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): CursorValue[] | undefined {
  if (!cursor) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the field error
  }
  throw new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
}

/** The "after the cursor" condition for `ORDER BY column dir [NULLS LAST], id dir`. */
export function keysetCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  spec: SortSpec,
  idColumn: string,
  cursor: CursorValue[],
): Expression<SqlBool> {
  const [value, id] = cursor;
  const col = sql.ref(spec.column);
  const idRef = sql.ref(idColumn);
  const cmp = spec.direction === 'asc' ? sql.raw('>') : sql.raw('<');
  if (typeof id !== 'string') {
    throw new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
  }
  if (value === null) {
    // Already in the NULLs tail: only later ids among NULLs remain.
    return eb.and([sql<boolean>`${col} IS NULL`, sql<boolean>`${idRef} ${cmp} ${id}`]);
  }
  const afterValue = sql<boolean>`(${col}, ${idRef}) ${cmp} (${value}, ${id})`;
  return spec.nullable ? eb.or([afterValue, sql<boolean>`${col} IS NULL`]) : afterValue;
}

export function orderBy(spec: SortSpec, idColumn: string) {
  const dir = sql.raw(spec.direction === 'asc' ? 'ASC' : 'DESC');
  const nulls = spec.nullable ? sql.raw(' NULLS LAST') : sql.raw('');
  return [sql`${sql.ref(spec.column)} ${dir}${nulls}`, sql`${sql.ref(idColumn)} ${dir}`];
}

export function toCursorValue(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Fetch `limit + 1` rows; the extra one only says whether another page exists. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, spec: SortSpec, sortValue: (row: R) => unknown, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last ? encodeCursor([toCursorValue(sortValue(last)), last.id]) : null,
  };
}
