import type { Kysely } from 'kysely';
import {
  fieldMessage,
  type ClientType,
  type DuplicateStrategy,
  type ImportMapping,
  type ImportRowError,
  type Locale,
} from '@kontakt/shared';
import type { CustomFieldDefRow, DB } from '../../db/schema.js';
import { can, type AccessSubject } from '../../platform/access/access.js';
import type { FieldProblem } from '../../platform/errors.js';
import type { Problems } from '../../platform/validate.js';
import {
  checkOrganizationInput,
  checkPersonInput,
  type OrganizationInput,
  type PersonInput,
} from '../clients/client-input.js';
import { clientOwnership } from '../clients/ownership.js';
import {
  checkCustomValuesSync,
  emptyCustomRefs,
  findMissingRefs,
  reportMissingRefs,
  type CustomRefs,
  type CustomValue,
} from '../custom-fields/custom-values.js';
import type { ParsedFile } from './import-file.js';
import { columnOf, rowBody, type RowBody } from './import-rows.js';
import { activeUsers, existingOrganizations, existingPersons, viewableOrganizationsByKey, type ExistingRecord } from './import.queries.js';

/**
 * Validates every row of a file with the API's own checks and decides what committing it would do:
 * which rows create a record, which update or skip an existing one (duplicates by INN or name for
 * organizations, by normalized phone/email or name for persons), and which are rejected and why.
 * The database is asked a handful of batched questions (users, matching organizations, possible duplicates),
 * never one per row, so 100,000 rows cost seconds of plain JavaScript.
 */
export interface PlannedRecord {
  rowIndex: number;
  action: 'create' | 'update';
  /** The existing record an update changes. */
  existingId?: string;
  input: OrganizationInput | PersonInput;
  custom: Record<string, CustomValue | null>;
  /** Persons: the organization their company column named. */
  organizationId?: string;
}

export interface Analysis {
  totalRows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  toCreate: number;
  toUpdate: number;
  toSkip: number;
  /** Errors of each rejected row, by row index, in row order. */
  rowErrors: Map<number, ImportRowError[]>;
  records: PlannedRecord[];
}

export interface AnalysisContext {
  db: Kysely<DB>;
  actor: AccessSubject;
  objectType: ClientType;
  file: ParsedFile;
  mapping: ImportMapping;
  strategy: DuplicateStrategy;
  defs: readonly CustomFieldDefRow[];
  locale: Locale;
  /** Called every few thousand rows; awaiting it also lets the server answer other requests meanwhile. */
  onProgress?: (processedRows: number) => Promise<void>;
}

const PROGRESS_EVERY = 5_000;
const lower = (s: string) => s.toLowerCase();

/** Reports progress and gives other requests a turn: checking 100,000 rows is seconds of CPU. */
async function progress(ctx: AnalysisContext, processed: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await ctx.onProgress?.(processed);
}

class RowProblems {
  readonly list: FieldProblem[] = [];
  add(field: string, code: string, params?: Record<string, string | number>): this {
    this.list.push({ field, code, ...(params ? { params } : {}) });
    return this;
  }
}
const asProblems = (p: RowProblems) => p as unknown as Problems;

interface RowState {
  parsed: RowBody;
  problems: RowProblems;
  input?: OrganizationInput | PersonInput;
  keys: string[];
  action?: 'create' | 'update' | 'skip';
  existing?: ExistingRecord;
  duplicate?: boolean;
  organizationId?: string;
  custom?: Record<string, CustomValue | null>;
  refs?: CustomRefs;
}

export async function analyzeImport(ctx: AnalysisContext): Promise<Analysis> {
  const { db, actor, objectType, file, mapping, strategy } = ctx;
  const isOrg = objectType === 'organization';
  const states: RowState[] = file.rows.map((cells) => ({ parsed: rowBody(objectType, mapping, cells), problems: new RowProblems(), keys: [] }));

  // References by name: responsible users, and for persons the organizations they work in.
  const users = await activeUsers(db);
  const usersByKey = new Map<string, (typeof users)[number]>();
  for (const u of users) {
    if (!usersByKey.has(lower(u.email))) usersByKey.set(lower(u.email), u);
    if (!usersByKey.has(lower(u.name))) usersByKey.set(lower(u.name), u);
  }
  const organizationIds = isOrg ? new Map<string, string>() : await resolveOrganizations(db, actor, states);
  const usersById = new Map(users.map((u) => [u.id, u]));

  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    const { body, responsible, organization } = state.parsed;
    state.problems.list.push(...state.parsed.problems);
    if (responsible) {
      const user = usersByKey.get(lower(responsible.text));
      if (user) body.responsibleId = user.id;
      else state.problems.add('responsibleId', 'not_found');
    }
    if (organization) {
      const id = organizationIds.get(lower(organization.text));
      if (id) {
        state.organizationId = id;
        body.employments = [{ organizationId: id, position: body.position ?? null, department: body.department ?? null, isPrimary: true }];
      } else state.problems.add('employments', 'not_found');
    }
    // Checked as an update (only the given fields); what a new record additionally needs is checked below,
    // once it is known whether the row creates one.
    const input = isOrg
      ? checkOrganizationInput(body, asProblems(state.problems), { partial: true })
      : checkPersonInput(body, asProblems(state.problems), { partial: true });
    if (input.ok) {
      state.input = input;
      state.keys = duplicateKeys(objectType, input);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) await progress(ctx, Math.floor((i + 1) / 2));
  }

  // Possible duplicates in the base, in one batched lookup per kind of key.
  const wanted = { inn: new Set<string>(), name: new Set<string>(), contact: new Set<string>() };
  for (const s of states) {
    for (const key of s.keys) {
      const [kind, value] = splitKey(key);
      wanted[kind as keyof typeof wanted]?.add(value);
    }
  }
  const existing = isOrg
    ? await existingOrganizations(db, [...wanted.inn], [...wanted.name])
    : await existingPersons(db, [...wanted.contact], [...wanted.name]);
  const existingByKey = new Map<string, ExistingRecord>();
  for (const record of existing) if (!existingByKey.has(record.key)) existingByKey.set(record.key, record);

  const seenKeys = new Set<string>();
  const targeted = new Set<string>();
  let refs: CustomRefs | undefined;
  const hasLinks = ctx.defs.some((d) => ['user', 'organization', 'person'].includes(d.type));

  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    if (!state.input) continue;
    const match = state.keys.map((k) => existingByKey.get(k)).find(Boolean);
    const inFile = state.keys.some((k) => seenKeys.has(k));
    for (const k of state.keys) seenKeys.add(k);
    state.duplicate = !!match || inFile;

    if (strategy === 'create' || !state.duplicate) state.action = 'create';
    else if (strategy === 'skip' || inFile || !match || targeted.has(match.id)) state.action = 'skip';
    else {
      state.action = 'update';
      state.existing = match;
      targeted.add(match.id);
      if (!can(actor, 'edit', objectType, clientOwnership(match))) state.problems.add(keyField(objectType, state), 'forbidden');
    }

    if (state.action === 'create') {
      const values = state.input.values as Record<string, unknown>;
      if (isOrg ? !values.name : !values.last_name) state.problems.add(isOrg ? 'name' : 'lastName', 'required');
      // As in the API: whoever creates a record is responsible for it unless the row names someone.
      if (values.responsible_id === undefined) values.responsible_id = actor.userId;
      const responsibleId = (values.responsible_id as string | null) ?? null;
      const department = responsibleId ? (usersById.get(responsibleId)?.department_id ?? null) : null;
      const ownership = clientOwnership({ responsible_id: responsibleId, created_by: actor.userId, responsible_department_id: department });
      if (!can(actor, 'create', objectType, ownership)) state.problems.add('responsibleId', 'forbidden');
    }
    if (hasLinks) state.refs = emptyCustomRefs();
    const custom = state.input.custom ?? {};
    if (Object.keys(custom).length > 0 || state.action === 'create') {
      state.custom = checkCustomValuesSync(ctx.defs, custom, asProblems(state.problems), { partial: state.action !== 'create', fieldPrefix: 'custom' }, state.refs).values;
    } else state.custom = {};
    if ((i + 1) % PROGRESS_EVERY === 0) await progress(ctx, Math.floor((states.length + i + 1) / 2));
  }

  if (hasLinks) {
    refs = emptyCustomRefs();
    for (const s of states) {
      if (!s.refs) continue;
      for (const type of ['user', 'organization', 'person'] as const) {
        for (const [id, fields] of s.refs[type]) if (!refs[type].has(id)) refs[type].set(id, new Set(fields));
      }
    }
    const missing = await findMissingRefs(db, refs);
    for (const s of states) if (s.refs) reportMissingRefs(s.refs, missing, asProblems(s.problems));
  }

  return summarize(ctx, states);
}

function summarize(ctx: AnalysisContext, states: RowState[]): Analysis {
  const analysis: Analysis = {
    totalRows: states.length,
    valid: 0,
    invalid: 0,
    duplicates: 0,
    toCreate: 0,
    toUpdate: 0,
    toSkip: 0,
    rowErrors: new Map(),
    records: [],
  };
  const { file, mapping, locale } = ctx;
  states.forEach((state, rowIndex) => {
    if (state.duplicate) analysis.duplicates++;
    if (state.problems.list.length > 0 || !state.input || !state.action) {
      analysis.invalid++;
      const errors = state.problems.list.map((p) => {
        // An empty cell fed nothing, so a "required" points at the column mapped to that field.
        const found = columnOf(state.parsed.columns, p.field);
        const mapped = mapping.indexOf(p.field);
        const column = found ?? (mapped >= 0 ? mapped : null);
        return {
          row: file.rowNumbers[rowIndex]!,
          column: column === null ? null : file.headers[column]!,
          field: column === null ? p.field : (mapping[column] ?? p.field),
          code: p.code,
          message: fieldMessage(locale, p.code, p.params),
          order: column ?? Number.MAX_SAFE_INTEGER,
        };
      });
      // In the order of the file's columns, as the user reads the row.
      errors.sort((a, b) => a.order - b.order);
      analysis.rowErrors.set(rowIndex, errors.map(({ order: _order, ...error }) => error));
      return;
    }
    analysis.valid++;
    if (state.action === 'skip') {
      analysis.toSkip++;
      return;
    }
    if (state.action === 'create') analysis.toCreate++;
    else analysis.toUpdate++;
    analysis.records.push({
      rowIndex,
      action: state.action,
      ...(state.existing ? { existingId: state.existing.id } : {}),
      input: state.input,
      custom: state.custom ?? {},
      ...(state.organizationId ? { organizationId: state.organizationId } : {}),
    });
  });
  return analysis;
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon), key.slice(colon + 1)];
}

/**
 * How a row is recognized as an existing record: organizations by INN, or by exact name when the row has
 * no INN; persons by any of their phones and emails, or by exact full name when the row has none.
 */
function duplicateKeys(objectType: ClientType, input: OrganizationInput | PersonInput): string[] {
  if (objectType === 'organization') {
    const values = (input as OrganizationInput).values;
    if (values.inn) return [`inn:${values.inn}`];
    return values.name ? [`name:${lower(values.name)}`] : [];
  }
  const person = input as PersonInput;
  const contacts = (person.contacts ?? []).filter((c) => (c.kind === 'phone' || c.kind === 'email') && c.normalized);
  if (contacts.length > 0) return [...new Set(contacts.map((c) => `contact:${c.normalized}`))];
  const v = person.values;
  if (!v.last_name) return [];
  return [`name:${lower(`${v.last_name} ${v.first_name ?? ''} ${v.middle_name ?? ''}`.trim())}`];
}

/** The field whose column identified the duplicate, to point a "no right to change it" error at. */
function keyField(objectType: ClientType, state: RowState): string {
  const key = state.keys[0] ?? '';
  if (objectType === 'organization') return key.startsWith('inn:') ? 'inn' : 'name';
  return key.startsWith('contact:') ? 'contacts.0' : 'lastName';
}

/** Company cells of person rows → organization ids: 10/12 digits are an INN, anything else an exact name. */
async function resolveOrganizations(db: Kysely<DB>, actor: AccessSubject, states: RowState[]): Promise<Map<string, string>> {
  const inns = new Set<string>();
  const names = new Set<string>();
  for (const s of states) {
    const text = s.parsed.organization?.text;
    if (!text) continue;
    const digits = text.replace(/[\s-]/g, '');
    if (/^\d{10}$|^\d{12}$/.test(digits)) inns.add(digits);
    else names.add(lower(text));
  }
  if (inns.size === 0 && names.size === 0) return new Map();
  const { byInn, byName } = await viewableOrganizationsByKey(db, actor, [...inns], [...names]);
  // The oldest record wins when several share an INN or a name (rows come ordered by id).
  const idByInn = new Map<string, string>();
  for (const o of byInn) if (o.inn && !idByInn.has(o.inn)) idByInn.set(o.inn, o.id);
  const idByName = new Map<string, string>();
  for (const o of byName) if (!idByName.has(o.sort_name)) idByName.set(o.sort_name, o.id);
  const result = new Map<string, string>();
  for (const s of states) {
    const text = s.parsed.organization?.text;
    if (!text || result.has(lower(text))) continue;
    const digits = text.replace(/[\s-]/g, '');
    const id = /^\d{10}$|^\d{12}$/.test(digits) ? idByInn.get(digits) : idByName.get(lower(text));
    if (id) result.set(lower(text), id);
  }
  return result;
}
