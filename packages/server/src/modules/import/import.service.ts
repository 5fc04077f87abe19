import type { z } from 'zod';
import {
  type ClientType,
  type DuplicateStrategy,
  type ImportJobDto,
  type ImportMapping,
  type ImportPreview,
  type ImportUploadResult,
  type importCommitBodySchema,
  type importPreviewBodySchema,
  type Locale,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { loadCustomFieldDefs } from '../custom-fields/custom-values.js';
import { analyzeImport, type Analysis } from './import-analysis.js';
import { checkMapping, importFields, suggestMapping } from './import-fields.js';
import { parseImportFile, type ParsedFile } from './import-file.js';
import { buildReport } from './import-report.js';
import { writeRecords } from './import-writer.js';
import * as q from './import.queries.js';

type PreviewBody = z.output<typeof importPreviewBodySchema>;
type CommitBody = z.output<typeof importCommitBodySchema>;

const SAMPLE_ROWS = 20;
const PREVIEW_ERRORS = 100;
const HEARTBEAT_MS = 20_000;
/** How long a preview's checked rows may stand in for the commit's own check. */
const PREVIEW_REUSE_MS = 10 * 60_000;

type CustomDefs = Awaited<ReturnType<typeof loadCustomFieldDefs>>;

/** What a preview's result depends on besides the file: the same mapping, strategy and field definitions. */
function previewKey(mapping: unknown, strategy: string, defs: CustomDefs): string {
  return JSON.stringify([mapping, strategy, defs.map((d) => [d.id, d.version, d.active])]);
}

export interface ImportServiceDeps extends ServiceDeps {
  databaseKind: 'pglite' | 'postgres';
  logError: (error: unknown, message: string) => void;
}

interface StoredOptions {
  headers?: string[];
  mapping?: ImportMapping;
  duplicateStrategy?: DuplicateStrategy;
}

function toJobDto(row: q.JobRow): ImportJobDto {
  const options = row.options as StoredOptions;
  return {
    id: row.id,
    objectType: row.object_type,
    status: row.status as ImportJobDto['status'],
    fileName: row.file_name,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    createdCount: row.created_count,
    updatedCount: row.updated_count,
    skippedCount: row.skipped_count,
    rejectedCount: row.rejected_count,
    duplicateStrategy: options.duplicateStrategy ?? null,
    hasReport: row.has_report,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/**
 * Import of organizations and persons: upload (parsed at once, so a broken file is refused before anything
 * is stored), preview (every row checked), commit (a background job in this process writing the whole
 * file in one transaction, or nothing and a report of the rejected rows).
 */
export function makeImportService({ db, databaseKind, logError }: ImportServiceDeps) {
  const running = new Set<Promise<void>>();
  /**
   * Work already done for a job, kept in this process for a while so the next step need not redo it: the file
   * parsed at upload (the preview would fetch and parse 18 MB again), and the last preview's checked rows (a
   * commit that follows it unchanged writes what the user just saw instead of checking every row again).
   * Dropped at commit, or when stale; a step on another instance, or after a change, starts from the stored file.
   */
  const parsedFiles = new Map<string, { file: ParsedFile; at: number }>();
  const previews = new Map<string, { key: string; analysis: Analysis; file: ParsedFile; at: number }>();
  function forgetStale(): void {
    for (const cache of [parsedFiles, previews]) {
      for (const [jobId, entry] of cache) if (Date.now() - entry.at > PREVIEW_REUSE_MS) cache.delete(jobId);
    }
  }
  function takePreview(id: string, key: string): { analysis: Analysis; file: ParsedFile } | undefined {
    forgetStale();
    const entry = previews.get(id);
    previews.delete(id);
    return entry?.key === key ? entry : undefined;
  }

  async function ownJob(actor: Actor, id: string): Promise<q.JobRow> {
    const job = await q.findJob(db, id);
    // Someone else's import is not even confirmed to exist.
    if (!job || job.created_by !== actor.userId) throw notFound();
    return job;
  }

  async function loadFile(id: string, fileName: string): Promise<ParsedFile> {
    forgetStale();
    const parsed = parsedFiles.get(id);
    if (parsed) return parsed.file;
    const row = await q.findJobFile(db, id);
    if (!row?.file) throw new AppError('import_not_ready');
    return parseImportFile(row.file, fileName);
  }

  async function fieldsFor(objectType: ClientType, locale: Locale) {
    const defs = await loadCustomFieldDefs(db, objectType);
    return { defs, fields: importFields(objectType, defs, locale) };
  }

  async function upload(
    actor: Actor,
    input: { objectType: ClientType; fileName: string; bytes: Buffer },
  ): Promise<ImportUploadResult> {
    assertCan(actor, 'create', input.objectType);
    const file = await parseImportFile(input.bytes, input.fileName);
    const { fields } = await fieldsFor(input.objectType, actor.language);
    const remembered = await q.findLastMapping(db, actor.userId, input.objectType);
    const id = newId();
    await q.insertJob(db, {
      id,
      objectType: input.objectType,
      fileName: input.fileName,
      file: input.bytes,
      totalRows: file.rows.length,
      createdBy: actor.userId,
      options: { format: file.format, encoding: file.encoding, delimiter: file.delimiter },
    });
    parsedFiles.set(id, { file, at: Date.now() });
    return {
      id,
      objectType: input.objectType,
      fileName: input.fileName,
      headers: file.headers,
      sampleRows: file.rows.slice(0, SAMPLE_ROWS),
      totalRows: file.rows.length,
      suggestedMapping: suggestMapping(input.objectType, file.headers, fields, remembered),
      fields,
    };
  }

  async function preview(actor: Actor, id: string, body: PreviewBody): Promise<ImportPreview> {
    const job = await ownJob(actor, id);
    assertCan(actor, 'create', job.object_type);
    if (job.status === 'running' || job.status === 'done') throw new AppError('import_not_ready');
    const file = await loadFile(id, job.file_name);
    const { defs, fields } = await fieldsFor(job.object_type, actor.language);
    checkMapping(body.mapping, file.headers, fields);
    // Remembered as this user's latest mapping for the object type (suggested for the next file).
    await q.mergeJobOptions(db, id, { headers: file.headers, mapping: body.mapping, duplicateStrategy: body.duplicateStrategy });
    const analysis = await analyzeImport({
      db,
      actor,
      objectType: job.object_type,
      file,
      mapping: body.mapping,
      strategy: body.duplicateStrategy,
      defs,
      locale: actor.language,
    });
    previews.set(id, { key: previewKey(body.mapping, body.duplicateStrategy, defs), analysis, file, at: Date.now() });
    const errors = [];
    for (const rowErrors of analysis.rowErrors.values()) {
      for (const error of rowErrors) {
        if (errors.length >= PREVIEW_ERRORS) break;
        errors.push(error);
      }
      if (errors.length >= PREVIEW_ERRORS) break;
    }
    return {
      totalRows: analysis.totalRows,
      valid: analysis.valid,
      invalid: analysis.invalid,
      duplicates: analysis.duplicates,
      toCreate: analysis.toCreate,
      toUpdate: analysis.toUpdate,
      toSkip: analysis.toSkip,
      errors,
    };
  }

  async function commit(actor: Actor, ctx: RequestContext, id: string, body: CommitBody): Promise<ImportJobDto> {
    const job = await ownJob(actor, id);
    assertCan(actor, 'create', job.object_type);
    const stored = job.options as StoredOptions;
    const mapping = body.mapping ?? stored.mapping;
    const strategy = body.duplicateStrategy ?? stored.duplicateStrategy ?? 'skip';
    if (!mapping || job.status === 'running' || job.status === 'done') throw new AppError('import_not_ready');
    const { defs, fields } = await fieldsFor(job.object_type, actor.language);
    const previewed = takePreview(id, previewKey(mapping, strategy, defs));
    const file = previewed?.file ?? (await loadFile(id, job.file_name));
    parsedFiles.delete(id);
    checkMapping(mapping, file.headers, fields);
    if (!(await q.claimJob(db, id, { headers: file.headers, mapping, duplicateStrategy: strategy }))) {
      throw new AppError('import_not_ready');
    }
    const run = execute(actor, ctx, job, file, mapping, strategy, defs, previewed?.analysis).finally(() => running.delete(run));
    running.add(run);
    return toJobDto((await q.findJob(db, id))!);
  }

  async function execute(
    actor: Actor,
    ctx: RequestContext,
    job: q.JobRow,
    file: ParsedFile,
    mapping: ImportMapping,
    strategy: DuplicateStrategy,
    defs: CustomDefs,
    previewed: Analysis | undefined,
  ): Promise<void> {
    const heartbeat = setInterval(() => {
      q.touchJob(db, job.id).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let processed = 0;
    try {
      // Let the commit request answer before the CPU-heavy checking starts.
      await new Promise((resolve) => setImmediate(resolve));
      const analysis =
        previewed ??
        (await analyzeImport({
        db,
        actor,
        objectType: job.object_type,
        file,
        mapping,
        strategy,
        defs,
        locale: actor.language,
        onProgress: async (n) => {
          processed = n;
          await q.updateJobProgress(db, job.id, n);
        },
      }));
      if (analysis.invalid > 0) {
        await q.finishJob(db, job.id, {
          status: 'rejected',
          processed: analysis.totalRows,
          rejected: analysis.invalid,
          report: buildReport(file, analysis.rowErrors, actor.language),
        });
        return;
      }
      await db.transaction().execute(async (trx) => {
        const result = await writeRecords(trx, job.object_type, actor.userId, analysis.records);
        // An update whose record went to the recycle bin meanwhile is skipped, not lost silently.
        const skipped = analysis.toSkip + (analysis.toUpdate - result.updated);
        await recordAudit(trx, ctx, {
          action: 'import',
          objectType: job.object_type,
          objectId: null,
          objectLabel: job.file_name,
          changes: {
            importJob: { before: null, after: job.id },
            rows: { before: null, after: analysis.totalRows },
            created: { before: null, after: result.created },
            updated: { before: null, after: result.updated },
            skipped: { before: null, after: skipped },
          },
        });
        await q.finishJob(trx, job.id, {
          status: 'done',
          processed: analysis.totalRows,
          created: result.created,
          updated: result.updated,
          skipped,
          dropFile: true,
        });
      });
    } catch (error) {
      logError(error, 'import failed');
      await q
        .finishJob(db, job.id, { status: 'failed', processed, error: 'The import stopped on an unexpected error; nothing was written' })
        .catch((e: unknown) => logError(e, 'could not mark the import failed'));
    } finally {
      clearInterval(heartbeat);
    }
  }

  return {
    upload,
    preview,
    commit,
    async get(actor: Actor, id: string): Promise<ImportJobDto> {
      return toJobDto(await ownJob(actor, id));
    },
    async list(actor: Actor): Promise<{ items: ImportJobDto[] }> {
      return { items: (await q.listJobs(db, actor.userId, 20)).map(toJobDto) };
    },
    async report(actor: Actor, id: string): Promise<{ fileName: string; bytes: Buffer }> {
      await ownJob(actor, id);
      const row = await q.findJobReport(db, id);
      if (!row?.report) throw new AppError('import_not_ready');
      return { fileName: row.fileName, bytes: row.report };
    },
    /** At start-up: jobs whose process died mid-way will never finish; say so instead of "running" forever. */
    async failInterrupted(): Promise<void> {
      await q.failInterruptedJobs(db, databaseKind === 'pglite', 'The server stopped while the import ran; nothing was written. Start it again');
    },
    /** Waits for running jobs, so closing the app never cuts a transaction in half. */
    async drain(): Promise<void> {
      await Promise.allSettled([...running]);
    },
  };
}

export type ImportService = ReturnType<typeof makeImportService>;
