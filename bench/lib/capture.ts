import { CompiledQuery, PostgresQueryCompiler, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Database } from '../../packages/server/src/db/connection.js';
import type { DB } from '../../packages/server/src/db/schema.js';

/**
 * Records the SQL an in-process app runs while `capture()` is on: the exact statements and parameters
 * of one API request, which the benchmark then executes alone as the "raw SQL" of that request. Taking
 * them from the running code (rather than re-writing the query) keeps the baseline honest as the
 * queries change.
 */
class CapturePlugin implements KyselyPlugin {
  private readonly compiler = new PostgresQueryCompiler();
  recording: CompiledQuery[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.recording?.push(this.compiler.compileQuery(args.node, args.queryId));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Statements of the session machinery (the session cache refreshing), not of the endpoint measured. */
const SESSION_SQL = /\b(sessions|api_tokens)\b/;

export interface CapturingDatabase {
  database: Database;
  /** Runs `work` and answers the statements it executed (session bookkeeping left out). */
  capture<T>(work: () => Promise<T>): Promise<{ result: T; queries: CompiledQuery[] }>;
}

export function capturingDatabase(database: Database): CapturingDatabase {
  const plugin = new CapturePlugin();
  const db: Kysely<DB> = database.db.withPlugin(plugin);
  return {
    database: { ...database, db },
    async capture(work) {
      const queries: CompiledQuery[] = [];
      plugin.recording = queries;
      try {
        const result = await work();
        return { result, queries: queries.filter((q) => !SESSION_SQL.test(q.sql)) };
      } finally {
        plugin.recording = null;
      }
    },
  };
}

/** Executes the captured statements one after another, as the request did. */
export async function replay(db: Kysely<DB>, queries: readonly CompiledQuery[]): Promise<void> {
  for (const query of queries) await db.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters]));
}
