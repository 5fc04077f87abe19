import type { DbKind } from '../lib/server.js';
import type { Scale, ScaleName } from '../scale.js';

export type Unit = 'ms' | 'MB' | 'req/s' | 'rows/s';

/** One measured quantity: a distribution (p50/p95) or a single value (p95 absent). */
export interface Measure {
  p50: number;
  p95?: number;
  unit: Unit;
}

/**
 * One line of the results table. `api` is what Kontakt does; `baseline` is the same work without the
 * application (raw SQL of the same query, the database opened alone, a bare Fastify route), measured in
 * the same run so that their ratio says what the application adds.
 */
export interface ResultRow {
  scenario: string;
  db: DbKind | '—';
  api: Measure | null;
  baseline: Measure | null;
  /** What `baseline` is, for the legend. */
  baselineIs: string;
  /** api / baseline on p50 (throughput: api / baseline req/s). */
  ratio: number | null;
  target: string;
  /** null when the row has no target. */
  pass: boolean | null;
  error?: string;
}

export interface ScenarioContext {
  scaleName: ScaleName;
  scale: Scale;
  dbs: DbKind[];
  /** Temporary directory of this run: data directories and child logs; removed at the end. */
  workDir: string;
  log(message: string): void;
}

export interface ScenarioResult {
  rows: ResultRow[];
  /** Raw figures kept in latest.json: samples' summaries, plans, autocannon output. */
  details: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function errorRow(scenario: string, db: ResultRow['db'], target: string, error: unknown): ResultRow {
  return {
    scenario,
    db,
    api: null,
    baseline: null,
    baselineIs: '',
    ratio: null,
    target,
    pass: false,
    error: error instanceof Error ? error.message.split('\n')[0] : String(error),
  };
}

/**
 * Runs a scenario's work once per database kind; a kind that fails becomes an error row (with the stack in
 * latest.json) and the others still run.
 */
export async function runOnEachDatabase(
  context: ScenarioContext,
  what: { scenario: string; target: string },
  runOn: (kind: DbKind, context: ScenarioContext) => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  for (const kind of context.dbs) {
    try {
      const result = await runOn(kind, context);
      rows.push(...result.rows);
      details[kind] = result.details;
    } catch (error) {
      rows.push(errorRow(what.scenario, kind, what.target, error));
      details[kind] = { error: error instanceof Error ? error.stack : String(error) };
    }
  }
  return { rows, details };
}
