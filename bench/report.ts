import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine.js';
import type { Measure, ResultRow } from './scenarios/types.js';
import type { Scale, ScaleName } from './scale.js';
import { ROOT } from './lib/server.js';

export const RESULTS_DIR = path.join(ROOT, 'bench/results');
export const DOC = path.join(ROOT, 'bench/BENCHMARKS.md');
const DOC_START = '<!-- results:start (written by `npm run bench -- --update-doc`) -->';
const DOC_END = '<!-- results:end -->';

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  command: string;
  scale: ScaleName;
  scaleSettings: Scale;
  dbs: string[];
  skipped: string[];
  machine: Machine;
  postgresVersion: string | null;
  rows: ResultRow[];
  details: Record<string, unknown>;
}

function number(value: number, unit: Measure['unit']): string {
  if (unit === 'req/s' || unit === 'rows/s') return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  // Sub-10 ms latencies need two decimals for the ratio to be checkable by eye.
  return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

const cell = (measure: Measure | null, which: 'p50' | 'p95') => {
  const value = measure?.[which];
  return measure && value !== undefined ? number(value, measure.unit) : '—';
};

const verdict = (row: ResultRow) => (row.error ? `**error**: ${row.error}` : row.pass === null ? '—' : row.pass ? 'pass' : '**fail**');

export function markdownTable(rows: ResultRow[]): string {
  const header = ['scenario', 'db', 'API p50', 'API p95', 'SQL p50', 'SQL p95', 'ratio', 'target', 'pass/fail'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const cells = [
      row.scenario,
      row.db,
      cell(row.api, 'p50'),
      cell(row.api, 'p95'),
      cell(row.baseline, 'p50'),
      cell(row.baseline, 'p95'),
      row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`,
      row.target,
      verdict(row),
    ];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** What the "SQL" columns hold for each kind of row: raw SQL, or the nearest thing without the app. */
export function legend(rows: ResultRow[]): string {
  // One line per baseline, naming the kinds of rows it serves ("user list: page 100" → "user list").
  const families = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.baselineIs) continue;
    const family = row.scenario.includes(':') ? row.scenario.split(':')[0]! : row.scenario.split(', ').slice(0, 2).join(', ');
    if (!families.has(row.baselineIs)) families.set(row.baselineIs, new Set());
    families.get(row.baselineIs)!.add(family);
  }
  const lines = [...families].map(([baseline, names]) => `- ${[...names].join('; ')}: "SQL" columns = ${baseline}.`);
  lines.push(
    '- ratio = API p50 / SQL p50 (throughput: API req/s / baseline req/s). Single measurements (start-up, memory, req/s) fill the p50 column only; start-up shows the median of the runs.',
  );
  return lines.join('\n');
}

function machineText(report: RunReport): string {
  const m = report.machine;
  const load = (l: number[] | undefined) => (l ? l.map((x) => x.toFixed(2)).join(' / ') : '?');
  return [
    `- CPU: ${m.cpuModel}, nproc ${m.nproc}; memory ${m.memTotalGb.toFixed(1)} GB; ${m.kernel}`,
    `- node ${m.node}; PostgreSQL ${report.postgresVersion ?? 'not used'}; ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `- load average (1/5/15 min) at start ${load(m.loadAtStart)}, at end ${load(m.loadAtEnd)}`,
    '',
    '```',
    `$ free -h`,
    m.free,
    '```',
  ].join('\n');
}

export function markdownReport(report: RunReport): string {
  return [
    `Run of ${report.startedAt} (${Math.round(report.durationSeconds)} s): \`${report.command}\`, scale **${report.scale}** ` +
      `(${report.scaleSettings.users.toLocaleString('en-US')} users in ${report.scaleSettings.departments} departments, ` +
      `${report.scaleSettings.iterations} timed requests per list case` +
      (report.details.clients
        ? `; client base ${report.scaleSettings.clientOrganizations.toLocaleString('en-US')} organizations, ` +
          `${report.scaleSettings.clientPersons.toLocaleString('en-US')} persons, ${report.scaleSettings.clientIterations} timed requests per client case, ` +
          `${report.scaleSettings.importRows.toLocaleString('en-US')}-row import`
        : '') +
      `), databases: ${report.dbs.join(', ')}` +
      (report.skipped.length ? ` (skipped: ${report.skipped.join('; ')})` : '') +
      '.',
    '',
    markdownTable(report.rows),
    '',
    legend(report.rows),
    '',
    'Machine:',
    '',
    machineText(report),
  ].join('\n');
}

/** latest.json (every figure, plans and samples' summaries) and latest.md (the table) in bench/results. */
export function writeResults(report: RunReport): { json: string; md: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, 'latest.json');
  const md = path.join(RESULTS_DIR, 'latest.md');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, `${markdownReport(report)}\n`);
  return { json, md };
}

/** Replaces the results section of BENCHMARKS.md with this run's, leaving the rest of the document alone. */
export function updateDoc(report: RunReport): void {
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`${DOC} lacks the results markers`);
  const updated = `${doc.slice(0, start + DOC_START.length)}\n${markdownReport(report)}\n${doc.slice(end)}`;
  fs.writeFileSync(DOC, updated);
}
