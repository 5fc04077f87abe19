import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  CUSTOM_FIELD_PREFIX,
  type ClientType,
  type exportQuerySchema,
  type Locale,
  type PersonListItem,
  type TaskListItemDto,
  type taskExportQuerySchema,
} from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import { iterateClients } from '../clients/clients-list.js';
import { iterateTasks } from '../tasks/tasks-list.js';
import { loadCustomFieldDefs } from '../custom-fields/custom-values.js';
import { csvLine, neutralizeFormula, UTF8_BOM } from './csv.js';
import { exportColumns, LINK_TYPES, type ExportColumn, type ListItem } from './export-columns.js';
import { namesOf, vcardDetails } from './export.queries.js';
import { taskExportColumns } from './task-columns.js';
import { vcard } from './vcard.js';

type ExportQuery = z.output<typeof exportQuerySchema>;
type TaskExportQuery = z.output<typeof taskExportQuerySchema>;

export interface ExportFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

const BATCH = 1000;
const DELIMITERS = { semicolon: ';', comma: ',', tab: '\t' } as const;
const FILE_LABELS: Record<ClientType, Record<Locale, string>> = {
  organization: { ru: 'Организации', uk: 'Організації', en: 'Organizations' },
  person: { ru: 'Контактные лица', uk: 'Контактні особи', en: 'Persons' },
};
const TASKS_LABEL: Record<Locale, string> = { ru: 'Задачи', uk: 'Задачі', en: 'Tasks' };

/** Rows of cells, a batch at a time. */
type Rows = AsyncIterable<string[][]>;

/**
 * A table as CSV or XLSX, streamed: rows are written as their batches arrive, every cell a spreadsheet would
 * run as a formula neutralized. `done` gets the number of rows written (the audit entry): for CSV also when
 * the download stops half-way, since those rows have left; for XLSX once the file is complete.
 */
function spreadsheet(
  format: 'csv' | 'xlsx',
  options: { delimiter: string; sheet: string; fileBase: string; header: string[] },
  rows: Rows,
  done: (count: number) => Promise<void>,
): ExportFile {
  let count = 0;
  if (format === 'csv') {
    async function* lines() {
      try {
        yield UTF8_BOM + csvLine(options.header.map(neutralizeFormula), options.delimiter);
        for await (const batch of rows) {
          let chunk = '';
          for (const cells of batch) chunk += csvLine(cells.map(neutralizeFormula), options.delimiter);
          count += batch.length;
          yield chunk;
        }
      } finally {
        await done(count);
      }
    }
    return { stream: Readable.from(lines()), contentType: 'text/csv; charset=utf-8', fileName: `${options.fileBase}.csv` };
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheet);
  void (async () => {
    try {
      sheet.addRow(options.header.map(neutralizeFormula)).commit();
      for await (const batch of rows) {
        for (const cells of batch) sheet.addRow(cells.map(neutralizeFormula)).commit();
        count += batch.length;
      }
      sheet.commit();
      await workbook.commit();
      await done(count);
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${options.fileBase}.xlsx` };
}

/** Reads the first batch now, so a bad filter is a 400 before any byte of the file is sent. */
async function startBatches<T>(iterator: AsyncGenerator<T[]>): Promise<AsyncGenerator<T[]>> {
  const first = await iterator.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* iterator;
  })();
}

const today = (timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date());

/**
 * Export of the list as the user sees it: the list's own filter compiler and access scope (so an export
 * holds exactly the rows the list shows, never one the user may not view), walked in keyset batches and
 * streamed, so a million rows never sit in memory. Every text cell that a spreadsheet would run as a formula
 * is neutralized. The audit entry records the format and how many records left.
 */
export function makeExportService({ db }: ServiceDeps) {
  async function exportView(actor: Actor, ctx: RequestContext, type: ClientType, query: ExportQuery): Promise<ExportFile> {
    assertCan(actor, 'view', type);
    if (query.format === 'vcard' && type !== 'person') throw fieldError('format', 'invalid_option');
    const defs = await loadCustomFieldDefs(db, type);
    const keys = query.columns?.split(',').map((k) => k.trim()).filter(Boolean);
    const columns = exportColumns(type, keys, defs, { locale: actor.language, timeZone: actor.timeZone });
    const batches = (await startBatches(iterateClients(db, actor, type, { filter: query.filter, sort: query.sort, q: query.q, batch: BATCH }))) as AsyncGenerator<
      ListItem[]
    >;

    let count = 0;
    const audit = async (written: number) => {
      await recordAudit(db, ctx, {
        action: 'export',
        objectType: type,
        objectId: null,
        objectLabel: query.format,
        changes: { count: { before: null, after: written }, format: { before: null, after: query.format } },
      });
    };
    const linkDefs = columns.map((c) => linkDef(c, defs)).filter((d): d is CustomFieldDefRow => !!d);
    const base = `${FILE_LABELS[type][actor.language]} ${today(actor.timeZone)}`;

    if (query.format === 'csv' || query.format === 'xlsx') {
      async function* rows() {
        for await (const items of batches) {
          const lookup = await linkNames(items, linkDefs);
          yield items.map((item) => columns.map((c) => c.value(item, lookup)));
        }
      }
      const options = { delimiter: DELIMITERS[query.delimiter], sheet: FILE_LABELS[type][actor.language], fileBase: base, header: columns.map((c) => c.header) };
      return spreadsheet(query.format, options, rows(), audit);
    }

    async function* cards() {
      try {
        for await (const items of batches) {
          const persons = items as PersonListItem[];
          const details = await vcardDetails(db, persons.map((p) => p.id));
          let chunk = '';
          for (const p of persons) {
            chunk += vcard({
              id: p.id,
              lastName: p.lastName,
              firstName: p.firstName,
              middleName: p.middleName,
              fullName: p.fullName,
              organization: p.organization?.name ?? null,
              position: p.position,
              birthDate: p.birthDate,
              notes: details.notes.get(p.id) ?? null,
              updatedAt: p.updatedAt,
              contacts: details.contacts.filter((c) => c.owner_id === p.id),
              addresses: details.addresses
                .filter((a) => a.owner_id === p.id)
                .map((a) => ({ kind: a.kind, country: a.country, postalCode: a.postal_code, region: a.region, city: a.city, street: a.street })),
            });
          }
          count += items.length;
          yield chunk;
        }
      } finally {
        await audit(count);
      }
    }
    return { stream: Readable.from(cards()), contentType: 'text/vcard; charset=utf-8', fileName: `${base}.vcf` };
  }

  function linkDef(column: ExportColumn, defs: readonly CustomFieldDefRow[]): CustomFieldDefRow | undefined {
    if (!column.key.startsWith(CUSTOM_FIELD_PREFIX)) return undefined;
    const def = defs.find((d) => d.key === column.key.slice(CUSTOM_FIELD_PREFIX.length));
    return def && LINK_TYPES.has(def.type) ? def : undefined;
  }

  async function linkNames(items: ListItem[], linkDefs: readonly CustomFieldDefRow[]): Promise<Map<string, string>> {
    if (linkDefs.length === 0) return new Map();
    const ids = { user: new Set<string>(), organization: new Set<string>(), person: new Set<string>() };
    for (const item of items) {
      for (const def of linkDefs) {
        const v = item.custom[def.key];
        if (typeof v === 'string') ids[def.type as keyof typeof ids].add(v);
      }
    }
    return namesOf(db, { user: [...ids.user], organization: [...ids.organization], person: [...ids.person] });
  }

  /**
   * The task list as shown (its view, filters and sort through the list's own query and access scope), walked
   * in keyset batches and streamed like the client lists.
   */
  async function exportTasks(actor: Actor, ctx: RequestContext, query: TaskExportQuery): Promise<ExportFile> {
    assertCan(actor, 'view', 'task');
    const types = await db.selectFrom('task_types').select(['id', 'results']).execute();
    const keys = query.columns?.split(',').map((k) => k.trim()).filter(Boolean);
    const columns = taskExportColumns(keys, { locale: actor.language, timeZone: actor.timeZone }, new Map(types.map((t) => [t.id, t.results])));
    const { format, delimiter, columns: _columns, ...filters } = query;
    const batches = await startBatches(iterateTasks(db, actor, { ...filters, batch: BATCH }));
    async function* rows() {
      for await (const tasks of batches) yield tasks.map((task: TaskListItemDto) => columns.map((c) => c.value(task)));
    }
    const audit = async (count: number) => {
      await recordAudit(db, ctx, {
        action: 'export',
        objectType: 'task',
        objectId: null,
        objectLabel: format,
        changes: { count: { before: null, after: count }, format: { before: null, after: format } },
      });
    };
    const label = TASKS_LABEL[actor.language];
    const options = { delimiter: DELIMITERS[delimiter], sheet: label, fileBase: `${label} ${today(actor.timeZone)}`, header: columns.map((c) => c.header) };
    return spreadsheet(format, options, rows(), audit);
  }

  return { exportView, exportTasks };
}

export type ExportService = ReturnType<typeof makeExportService>;
