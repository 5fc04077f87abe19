import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** What pg-boss needs from a database: run SQL, get rows back. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
}

/**
 * Runs pg-boss's SQL through the app's Kysely instance, so on PGlite it waits its turn on the one
 * connection like every other query, and inside a transaction (`db` = the transaction) a job is sent
 * exactly when the change that caused it commits.
 *
 * pg-boss sends some commands as scripts (its schema, and maintenance wrapped in BEGIN … COMMIT).
 * PGlite's `query()` takes one statement, so a script runs statement by statement on one held
 * connection; a failure rolls back an open BEGIN before the connection goes back to the pool.
 */
export function sqlExecutor(db: Kysely<DB>): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return toResult(await db.executeQuery(CompiledQuery.raw(text, values)));
      const statements = splitStatements(text);
      if (statements.length <= 1) return toResult(await db.executeQuery(CompiledQuery.raw(statements[0] ?? text, [])));
      return db.connection().execute(async (connection) => {
        let last: { rows: unknown[] } = { rows: [] };
        let open = false;
        try {
          for (const statement of statements) {
            last = await connection.executeQuery(CompiledQuery.raw(statement, []));
            if (/^BEGIN\b/i.test(statement)) open = true;
            else if (/^(COMMIT|ROLLBACK)\b/i.test(statement)) open = false;
          }
        } catch (error) {
          if (open) await connection.executeQuery(CompiledQuery.raw('ROLLBACK', [])).catch(() => undefined);
          throw error;
        }
        return toResult(last);
      });
    },
  };
}

function toResult(result: { rows: unknown[]; numAffectedRows?: bigint }) {
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.numAffectedRows !== undefined ? Number(result.numAffectedRows) : result.rows.length };
}

/**
 * Splits an SQL script at top-level semicolons, leaving alone those inside quotes, quoted identifiers,
 * dollar-quoted bodies (pg-boss defines plpgsql functions) and comments.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (script[i] === c) {
          if (script[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end === -1 ? n : end + tag.length;
      } else i++;
    } else if (c === ';') {
      out.push(script.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}
