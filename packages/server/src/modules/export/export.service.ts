import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { CUSTOM_FIELD_PREFIX, type ClientType, type exportQuerySchema, type Locale, type PersonListItem } from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import { iterateClients } from '../clients/clients-list.js';
import { loadCustomFieldDefs } from '../custom-fields/custom-values.js';
import { csvLine, neutralizeFormula, UTF8_BOM } from './csv.js';
import { exportColumns, LINK_TYPES, type ExportColumn, type ListItem } from './export-columns.js';
import { namesOf, vcardDetails } from './export.queries.js';
import { vcard } from './vcard.js';

type ExportQuery = z.output<typeof exportQuerySchema>;

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
    const iterator = iterateClients(db, actor, type, { filter: query.filter, sort: query.sort, q: query.q, batch: BATCH });
    // The first batch is read now, so a bad filter or sort is a 400 before any byte of the file is sent.
    const first = await iterator.next();
    async function* batches(): AsyncGenerator<ListItem[]> {
      if (!first.done) yield first.value as ListItem[];
      else return;
      for await (const items of iterator) yield items as ListItem[];
    }

    let count = 0;
    const audit = async () => {
      await recordAudit(db, ctx, {
        action: 'export',
        objectType: type,
        objectId: null,
        objectLabel: query.format,
        changes: { count: { before: null, after: count }, format: { before: null, after: query.format } },
      });
    };
    const linkDefs = columns.map((c) => linkDef(c, defs)).filter((d): d is CustomFieldDefRow => !!d);
    const names = (items: ListItem[]) => linkNames(items, linkDefs);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: actor.timeZone }).format(new Date());
    const base = `${FILE_LABELS[type][actor.language]} ${day}`;

    if (query.format === 'csv') {
      const delimiter = DELIMITERS[query.delimiter];
      async function* lines() {
        try {
          yield UTF8_BOM + csvLine(columns.map((c) => neutralizeFormula(c.header)), delimiter);
          for await (const items of batches()) {
            const lookup = await names(items);
            let chunk = '';
            for (const item of items) chunk += csvLine(columns.map((c) => neutralizeFormula(c.value(item, lookup))), delimiter);
            count += items.length;
            yield chunk;
          }
        } finally {
          await audit();
        }
      }
      return { stream: Readable.from(lines()), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
    }

    if (query.format === 'xlsx') {
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet(FILE_LABELS[type][actor.language]);
      void (async () => {
        try {
          sheet.addRow(columns.map((c) => neutralizeFormula(c.header))).commit();
          for await (const items of batches()) {
            const lookup = await names(items);
            for (const item of items) sheet.addRow(columns.map((c) => neutralizeFormula(c.value(item, lookup)))).commit();
            count += items.length;
          }
          sheet.commit();
          await workbook.commit();
          await audit();
        } catch (error) {
          out.destroy(error as Error);
        }
      })();
      return {
        stream: out,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: `${base}.xlsx`,
      };
    }

    async function* cards() {
      try {
        for await (const items of batches()) {
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
        await audit();
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

  return { exportView };
}

export type ExportService = ReturnType<typeof makeExportService>;
