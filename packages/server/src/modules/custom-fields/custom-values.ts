import { sql, type Kysely } from 'kysely';
import {
  CUSTOM_TEXT_MAX,
  LINK_FIELD_TYPES,
  type ClientType,
  type CustomFieldType,
  type LinkFieldType,
} from '@kontakt/shared';
import type { CustomFieldDefRow, DB } from '../../db/schema.js';
import type { Problems } from '../../platform/validate.js';

/**
 * Checking and normalizing the values of custom fields, for cards, the API and bulk import.
 *
 * A value is checked in two steps: `normalizeCustomValue` (pure, synchronous: shape and format) and, for
 * fields that point at a user, organization or person, an existence check that needs the database.
 * The import checks 100k rows by calling `checkCustomValuesSync` per row (each row with its own `refs`),
 * putting every row's referenced ids into one `CustomRefs`, asking `findMissingRefs` once for it (one
 * query per record type and 10k ids), then `reportMissingRefs(rowRefs, missing, rowProblems)` per row.
 */

export type CustomValue = string | number | boolean | string[];
export type NormalizeResult =
  | { ok: true; value: CustomValue | null }
  | { ok: false; code: string; params?: Record<string, string | number> };

/** Active definitions of an object type, in card order. */
export async function loadCustomFieldDefs(db: Kysely<DB>, objectType: ClientType): Promise<CustomFieldDefRow[]> {
  return db
    .selectFrom('custom_field_defs')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('active', '=', true)
    .orderBy(sql`coalesce(section, '')`)
    .orderBy('position')
    .orderBy('label')
    .execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fail = (code: string, params?: Record<string, string | number>): NormalizeResult =>
  params ? { ok: false, code, params } : { ok: false, code };
const ok = (value: CustomValue | null): NormalizeResult => ({ ok: true, value });

/** Spaces people and spreadsheets put between thousands: ordinary, no-break and narrow no-break. */
const GROUP_SEPARATORS = /[\s\u00a0\u202f']/g;

/** "1 234,5" → "1234.5"; undefined when the text is not a plain decimal number. */
function decimalText(raw: string | number): string | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    // Avoid exponent notation for tiny/huge floats: such numbers are not plausible field values anyway.
    const text = String(raw);
    return /e/i.test(text) ? undefined : text;
  }
  const text = raw.replace(GROUP_SEPARATORS, '').replace(',', '.');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? text.replace(/^\+/, '') : undefined;
}

/** A decimal string with exactly two places, without floating point arithmetic. */
function moneyText(raw: string | number): NormalizeResult {
  const text = decimalText(raw);
  if (text === undefined) return fail('invalid_number');
  const negative = text.startsWith('-');
  const [intPart = '', fracPart = ''] = (negative ? text.slice(1) : text).split('.');
  if (fracPart.length > 2 && /[1-9]/.test(fracPart.slice(2))) return fail('invalid_number');
  const integer = intPart.replace(/^0+(?=\d)/, '') || '0';
  // numeric(18,2): sixteen digits before the point.
  if (integer.length > 16) return fail('too_big', { max: '9999999999999999.99' });
  const fraction = fracPart.slice(0, 2).padEnd(2, '0');
  const isZero = integer === '0' && fraction === '00';
  return ok(`${negative && !isZero ? '-' : ''}${integer}.${fraction}`);
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "2024-12-31", and the Russian/Ukrainian "31.12.2024" that spreadsheets produce. */
function dateText(raw: string): string | undefined {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  let y: number, m: number, d: number;
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1000 || !isCalendarDate(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 date and time; without an offset the time is taken as UTC. Stored as UTC ISO text. */
function datetimeText(raw: string): string | undefined {
  const match = ISO_DATETIME.exec(raw);
  if (!match) return undefined;
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  if (Number(match[4]) > 23 || Number(match[5]) > 59) return undefined;
  const withZone = match[8] ? raw.replace(' ', 'T') : `${raw.replace(' ', 'T')}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'да', 'д', 'так', 'on', '+']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'нет', 'н', 'ні', 'off', '-']);

/** Finds an option by its value, or by its label (imports carry what users see). */
function optionValue(def: CustomFieldDefRow, raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  const options = def.options ?? [];
  const byValue = options.find((o) => o.value === text);
  if (byValue) return byValue.value;
  const lower = text.toLowerCase();
  return options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value;
}

/**
 * Checks one value against its field definition, without touching the database. `null`, `undefined`, an
 * empty string and an empty list all mean "no value" (clears the field). Link values are only checked
 * to be ids here; their existence is `findMissingRefs`' job.
 */
export function normalizeCustomValue(def: CustomFieldDefRow, raw: unknown): NormalizeResult {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === 'string' && raw.trim() === '') return ok(null);
  if (Array.isArray(raw) && raw.length === 0) return ok(null);
  const type = def.type as CustomFieldType;

  switch (type) {
    case 'text':
    case 'long_text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return fail('invalid_type');
      const text = String(raw).trim();
      const max = CUSTOM_TEXT_MAX[type];
      return text.length > max ? fail('too_long', { max }) : ok(text);
    }
    case 'number': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return fail('invalid_type');
      const text = decimalText(typeof raw === 'string' ? raw.trim() : raw);
      if (text === undefined) return fail('invalid_number');
      const value = Number(text);
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return fail('invalid_number');
      return ok(value);
    }
    case 'money': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return fail('invalid_type');
      return moneyText(typeof raw === 'string' ? raw.trim() : raw);
    }
    case 'date': {
      if (typeof raw !== 'string') return fail('invalid_date');
      const value = dateText(raw.trim());
      return value ? ok(value) : fail('invalid_date');
    }
    case 'datetime': {
      if (typeof raw !== 'string') return fail('invalid_date');
      const value = datetimeText(raw.trim());
      return value ? ok(value) : fail('invalid_date');
    }
    case 'checkbox': {
      if (typeof raw === 'boolean') return ok(raw);
      if (typeof raw === 'number') return raw === 1 ? ok(true) : raw === 0 ? ok(false) : fail('invalid_value');
      if (typeof raw !== 'string') return fail('invalid_type');
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return ok(true);
      if (FALSE_WORDS.has(word)) return ok(false);
      return fail('invalid_value');
    }
    case 'choice': {
      const value = optionValue(def, raw);
      return value === undefined ? fail('invalid_option') : ok(value);
    }
    case 'multi_choice': {
      // A spreadsheet cell holds several choices as "a; b" (or "a, b").
      const items = typeof raw === 'string' ? raw.split(/[;,]/).map((s) => s.trim()).filter(Boolean) : raw;
      if (!Array.isArray(items)) return fail('invalid_type');
      if (items.length > 500) return fail('too_big', { max: 500 });
      const values: string[] = [];
      for (const item of items) {
        const value = optionValue(def, item);
        if (value === undefined) return fail('invalid_option');
        if (!values.includes(value)) values.push(value);
      }
      return ok(values.length > 0 ? values : null);
    }
    case 'user':
    case 'organization':
    case 'person': {
      if (typeof raw !== 'string') return fail('invalid_id');
      const id = raw.trim().toLowerCase();
      return UUID.test(id) ? ok(id) : fail('invalid_id');
    }
    default:
      return fail('invalid_type');
  }
}

/** Ids that custom values point at, per record type, each with the fields that named it. */
export type CustomRefs = Record<LinkFieldType, Map<string, Set<string>>>;

export const emptyCustomRefs = (): CustomRefs => ({
  user: new Map(),
  organization: new Map(),
  person: new Map(),
});

export interface CheckOptions {
  /** An update: fields absent from the input keep their values and are not "missing". */
  partial: boolean;
  /** Prefix of the problem's field name; `custom` gives `custom.<key>`. */
  fieldPrefix?: string;
}

/**
 * Checks a record's custom values without the database. Returns the values to write (only the keys
 * given, or on create every field with a value; `null` means "clear this key" — apply with
 * `mergeCustomValues`) and adds each referenced id to `refs` for a later `findMissingRefs`.
 */
export function checkCustomValuesSync(
  defs: readonly CustomFieldDefRow[],
  input: Record<string, unknown> | null | undefined,
  problems: Problems,
  opts: CheckOptions,
  refs: CustomRefs = emptyCustomRefs(),
): { values: Record<string, CustomValue | null>; refs: CustomRefs } {
  const prefix = opts.fieldPrefix ?? 'custom';
  const values: Record<string, CustomValue | null> = {};
  const source = input ?? {};
  const byKey = new Map(defs.map((d) => [d.key, d]));

  for (const key of Object.keys(source)) {
    if (!byKey.has(key)) problems.add(`${prefix}.${key}`, 'unknown_field');
  }
  for (const def of defs) {
    const field = `${prefix}.${def.key}`;
    const present = Object.prototype.hasOwnProperty.call(source, def.key);
    if (!present) {
      if (!opts.partial && def.required) problems.add(field, 'required');
      continue;
    }
    const result = normalizeCustomValue(def, source[def.key]);
    if (!result.ok) {
      problems.add(field, result.code, result.params);
      continue;
    }
    if (result.value === null) {
      if (def.required) problems.add(field, 'required');
      else if (opts.partial) values[def.key] = null;
      continue;
    }
    values[def.key] = result.value;
    if ((LINK_FIELD_TYPES as readonly string[]).includes(def.type)) {
      const byId = refs[def.type as LinkFieldType];
      const id = result.value as string;
      const fields = byId.get(id) ?? new Set<string>();
      fields.add(field);
      byId.set(id, fields);
    }
  }
  return { values, refs };
}

const CHUNK = 10_000;

/**
 * Of the ids in `refs`, those that name no existing record: users must exist (inactive ones too — a
 * former employee can still be "who recommended"), organizations and persons must not be in the
 * recycle bin. One query per record type and 10k ids, whatever the number of rows checked.
 */
export async function findMissingRefs(db: Kysely<DB>, refs: CustomRefs): Promise<Record<LinkFieldType, Set<string>>> {
  const missing: Record<LinkFieldType, Set<string>> = { user: new Set(), organization: new Set(), person: new Set() };
  for (const type of LINK_FIELD_TYPES) {
    const ids = [...refs[type].keys()];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const found = await existingIds(db, type, chunk);
      for (const id of chunk) if (!found.has(id)) missing[type].add(id);
    }
  }
  return missing;
}

async function existingIds(db: Kysely<DB>, type: LinkFieldType, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows =
    type === 'user'
      ? await db.selectFrom('users').select('id').where('id', 'in', ids).execute()
      : await db
          .selectFrom(type === 'organization' ? 'organizations' : 'persons')
          .select('id')
          .where('id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Checks a record's custom values (shape, format, required, referenced records) and returns what to
 * write into its `custom` object: on create, the values; on update (`partial`), the changes, where
 * `null` clears a key — apply them with `mergeCustomValues(existing, changes)`.
 */
export async function checkCustomValues(
  db: Kysely<DB>,
  defs: readonly CustomFieldDefRow[],
  input: Record<string, unknown> | null | undefined,
  problems: Problems,
  opts: CheckOptions,
): Promise<Record<string, CustomValue | null>> {
  const { values, refs } = checkCustomValuesSync(defs, input, problems, opts);
  const missing = await findMissingRefs(db, refs);
  reportMissingRefs(refs, missing, problems);
  return values;
}

/** Adds a `not_found` problem to every field that named a missing record. */
export function reportMissingRefs(
  refs: CustomRefs,
  missing: Record<LinkFieldType, Set<string>>,
  problems: Problems,
): void {
  for (const type of LINK_FIELD_TYPES) {
    for (const id of missing[type]) {
      for (const field of refs[type].get(id) ?? []) problems.add(field, 'not_found');
    }
  }
}

/**
 * A record's new `custom` object: the existing one with the changes applied, `null` removing a key.
 * Values of deactivated fields stay, so re-activating a field brings them back.
 */
export function mergeCustomValues(
  existing: Record<string, unknown> | null | undefined,
  changes: Record<string, CustomValue | null>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
