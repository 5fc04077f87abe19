import {
  ORGANIZATION_MERGE_FIELDS,
  PERSON_MERGE_FIELDS,
  choiceLabel,
  clientFieldLabel,
  type ClientType,
  type ContactPointDto,
  type CustomFieldDefDto,
  type Locale,
  type MergeBody,
  type OrganizationDto,
  type PersonDto,
} from '@kontakt/shared';

export type MergeRecord = OrganizationDto | PersonDto;

/** What one record holds in one field: `text` to show, `key` to tell equal values apart (ids for references). */
export interface CellValue {
  text: string | null;
  key: string | null;
}

export interface MergeRow {
  /** The API's field name, or `custom.<key>`. */
  id: string;
  label: string;
  custom: boolean;
  values: CellValue[];
  /** Every record that fills the field in holds the same value: nothing to choose. */
  same: boolean;
  /** Indexes of the records that fill the field in. */
  filled: number[];
}

const EMPTY: CellValue = { text: null, key: null };
const plain = (v: string | null | undefined): CellValue => (v == null || v.trim() === '' ? EMPTY : { text: v, key: v.trim() });
const ref = (r: { id: string; name: string } | null | undefined): CellValue => (r ? { text: r.name, key: r.id } : EMPTY);

/** The API's merge field names that hold a reference are labelled after the reference. */
const LABEL_KEY: Record<string, string> = { responsibleId: 'responsible', parentId: 'parent', organizationId: 'organization' };

function organizationValue(o: OrganizationDto, field: string, locale: Locale): CellValue {
  switch (field) {
    case 'kind':
      return { text: choiceLabel('kind', o.kind, locale), key: o.kind };
    case 'responsibleId':
      return ref(o.responsible);
    case 'parentId':
      return ref(o.parent);
    default:
      return plain((o as unknown as Record<string, string | null>)[field]);
  }
}

function personValue(p: PersonDto, field: string, locale: Locale, formatDate: (iso: string) => string): CellValue {
  switch (field) {
    case 'gender':
      return p.gender ? { text: choiceLabel('gender', p.gender, locale), key: p.gender } : EMPTY;
    case 'influence':
      return p.influence ? { text: choiceLabel('influence', p.influence, locale), key: p.influence } : EMPTY;
    case 'birthDate':
      return p.birthDate ? { text: formatDate(p.birthDate), key: p.birthDate } : EMPTY;
    case 'responsibleId':
      return ref(p.responsible);
    case 'organizationId':
      return ref(p.organization);
    case 'document': {
      const d = p.document;
      if (!d) return EMPTY;
      const text = [d.type, [d.series, d.number].filter(Boolean).join(' '), d.issuedBy, d.issuedOn && formatDate(d.issuedOn)]
        .filter(Boolean)
        .join(', ');
      return plain(text);
    }
    default:
      return plain((p as unknown as Record<string, string | null>)[field]);
  }
}

/** A custom field's value as text: option labels for choices, yes/no for a checkbox. */
export function customValue(def: CustomFieldDefDto | undefined, value: unknown, words: { yes: string; no: string }): CellValue {
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return EMPTY;
  const option = (v: unknown) => def?.options.find((o) => o.value === v)?.label ?? String(v);
  if (typeof value === 'boolean') return { text: value ? words.yes : words.no, key: String(value) };
  if (Array.isArray(value)) return { text: value.map(option).join(', '), key: JSON.stringify([...value].map(String).sort()) };
  if (typeof value === 'object') return { text: JSON.stringify(value), key: JSON.stringify(value) };
  return { text: def?.type === 'choice' ? option(value) : String(value), key: String(value) };
}

function describe(values: CellValue[]): Pick<MergeRow, 'same' | 'filled'> {
  const filled = values.flatMap((v, i) => (v.key === null ? [] : [i]));
  const first = values[filled[0] ?? 0]?.key;
  return { filled, same: filled.every((i) => values[i]!.key === first) };
}

export interface RowOptions {
  locale: Locale;
  customDefs: CustomFieldDefDto[];
  formatDate: (iso: string) => string;
  words: { yes: string; no: string; document: string };
}

/** One row per field that any record fills in: built-in fields first, then custom fields in their order. */
export function mergeRows(type: ClientType, records: MergeRecord[], options: RowOptions): MergeRow[] {
  const fields = type === 'organization' ? ORGANIZATION_MERGE_FIELDS : PERSON_MERGE_FIELDS;
  const rows: MergeRow[] = [];
  for (const field of fields) {
    if (field === 'document' && records.some((r) => (r as PersonDto).documentHidden)) continue;
    const values = records.map((r) =>
      type === 'organization'
        ? organizationValue(r as OrganizationDto, field, options.locale)
        : personValue(r as PersonDto, field, options.locale, options.formatDate),
    );
    if (values.every((v) => v.key === null)) continue;
    const label = field === 'document' ? options.words.document : clientFieldLabel(type, LABEL_KEY[field] ?? field, options.locale);
    rows.push({ id: field, label, custom: false, values, ...describe(values) });
  }
  const defs = new Map(options.customDefs.map((d) => [d.key, d]));
  const keys = [...new Set(records.flatMap((r) => Object.keys(r.custom ?? {})))];
  keys.sort((a, b) => (defs.get(a)?.position ?? 1e9) - (defs.get(b)?.position ?? 1e9) || a.localeCompare(b));
  for (const key of keys) {
    const values = records.map((r) => customValue(defs.get(key), r.custom?.[key], options.words));
    if (values.every((v) => v.key === null)) continue;
    rows.push({ id: `custom.${key}`, label: defs.get(key)?.label ?? key, custom: true, values, ...describe(values) });
  }
  return rows;
}

/**
 * The value each field keeps by default: the survivor's when it has one, otherwise the first record (in
 * the order shown) that has one — so merging never drops something filled in unless the user says so.
 */
export function defaultChoices(rows: MergeRow[], records: MergeRecord[], survivorId: string): Record<string, string> {
  const survivorIndex = Math.max(0, records.findIndex((r) => r.id === survivorId));
  const choices: Record<string, string> = {};
  for (const row of rows) {
    const index = row.values[survivorIndex]?.key !== null ? survivorIndex : row.values.findIndex((v) => v.key !== null);
    choices[row.id] = records[index === -1 ? survivorIndex : index]!.id;
  }
  return choices;
}

export function toMergeBody(type: ClientType, records: MergeRecord[], survivorId: string, choices: Record<string, string>): MergeBody {
  const fields: Record<string, string> = {};
  const custom: Record<string, string> = {};
  for (const [id, recordId] of Object.entries(choices)) {
    if (id.startsWith('custom.')) custom[id.slice('custom.'.length)] = recordId;
    else fields[id] = recordId;
  }
  return {
    type,
    survivorId,
    mergedIds: records.map((r) => r.id).filter((id) => id !== survivorId),
    fields,
    custom,
    versions: Object.fromEntries(records.map((r) => [r.id, r.version])),
  };
}

/** Union of a collection across the records, without repeats (same key = same item). */
export function uniteBy<T>(lists: T[][], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of lists.flat()) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export const contactKey = (c: ContactPointDto) => `${c.kind}:${c.normalized || c.value.trim().toLowerCase()}`;

/** Ids from the merge screen's address (`?ids=a,b,c`): unique, at most 20 as the API takes. */
export function parseIds(raw: string | null): string[] {
  return [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 20);
}
