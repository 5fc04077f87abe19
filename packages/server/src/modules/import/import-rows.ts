import { CHOICE_LABELS, CUSTOM_FIELD_PREFIX, LOCALES, type ClientType, type ImportMapping } from '@kontakt/shared';
import type { FieldProblem } from '../../platform/errors.js';

/**
 * Turns a row of text cells into the body the API would accept for the same record, remembering which
 * column fed each part of it, so a problem the shared checks report ("contacts.1.value") points back to a
 * column of the user's file. Values a spreadsheet writes differently from the API (kinds by their names,
 * dates as dd.mm.yyyy, "Иванов Иван Иванович" in one cell) are translated here; an untranslatable value is
 * a problem of its column.
 */
export interface RowBody {
  body: Record<string, unknown>;
  /** Body path ("inn", "contacts.0", "addresses.1.city", "custom.x") → column index. */
  columns: Map<string, number>;
  problems: FieldProblem[];
  /** Raw references resolved against the database by the caller. */
  responsible?: { text: string; column: number };
  organization?: { text: string; column: number };
}

type Choice = 'kind' | 'gender' | 'influence';

/** Lower-case label or value → value, for every language and a few short forms people type. */
const CHOICE_INDEX: Record<Choice, Map<string, string>> = (() => {
  const index = {} as Record<Choice, Map<string, string>>;
  for (const field of ['kind', 'gender', 'influence'] as Choice[]) {
    const map = new Map<string, string>();
    for (const [value, labels] of Object.entries(CHOICE_LABELS[field])) {
      map.set(value.toLowerCase(), value);
      for (const locale of LOCALES) map.set(labels[locale].toLowerCase(), value);
    }
    index[field] = map;
  }
  for (const [text, value] of [
    ['м', 'male'], ['муж', 'male'], ['муж.', 'male'], ['мужчина', 'male'], ['ч', 'male'], ['чол', 'male'], ['чоловік', 'male'], ['m', 'male'],
    ['ж', 'female'], ['жен', 'female'], ['жен.', 'female'], ['женщина', 'female'], ['жін', 'female'], ['жінка', 'female'], ['f', 'female'], ['w', 'female'],
    ['лпр', 'decision_maker'], ['партнер', 'partner'], ['потенциальный клиент', 'lead'],
  ] as const) {
    const field: Choice = value === 'male' || value === 'female' ? 'gender' : value === 'decision_maker' ? 'influence' : 'kind';
    index[field].set(text, value);
  }
  return index;
})();

/** "31.12.1980", "31/12/1980", "1980-12-31" (and a time after it, from spreadsheets) → "1980-12-31". */
export function parseDate(text: string): string | null {
  const t = text.trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CONTACT_FIELDS = new Set(['phone', 'fax', 'email']);
const PERSON_NAME_PARTS = ['lastName', 'firstName', 'middleName'] as const;

export function rowBody(objectType: ClientType, mapping: ImportMapping, cells: readonly string[]): RowBody {
  const body: Record<string, unknown> = {};
  const columns = new Map<string, number>();
  const problems: FieldProblem[] = [];
  const result: RowBody = { body, columns, problems };
  const contacts: { kind: string; value: string }[] = [];
  const addresses = new Map<string, Record<string, string>>();
  const bank: Record<string, string> = {};
  const custom: Record<string, string> = {};
  let fullName: { text: string; column: number } | undefined;

  for (let c = 0; c < mapping.length; c++) {
    const field = mapping[c];
    const value = cells[c] ?? '';
    if (!field || value === '') continue;
    if (CONTACT_FIELDS.has(field)) {
      // One cell may hold several phones or emails: "+7 495 111-22-33, +7 916 222-33-44".
      for (const part of value.split(/[;,\n]/)) {
        const v = part.trim();
        if (!v) continue;
        columns.set(`contacts.${contacts.length}`, c);
        contacts.push({ kind: field, value: v });
      }
    } else if (field.startsWith('address.')) {
      const [, kind, part] = field.split('.') as [string, string, string];
      const address = addresses.get(kind) ?? {};
      address[part] = value;
      addresses.set(kind, address);
      columns.set(`address:${kind}.${part}`, c);
    } else if (field.startsWith('bank.')) {
      const part = field.slice(5);
      bank[part === 'name' ? 'bankName' : part] = value;
      columns.set(`bankAccounts.0.${part === 'name' ? 'bankName' : part}`, c);
    } else if (field.startsWith(CUSTOM_FIELD_PREFIX)) {
      custom[field.slice(CUSTOM_FIELD_PREFIX.length)] = value;
      columns.set(field, c);
    } else if (field === 'kind' || field === 'gender' || field === 'influence') {
      const choice = CHOICE_INDEX[field].get(value.toLowerCase());
      if (choice) body[field] = choice;
      else problems.push({ field, code: 'invalid_option' });
      columns.set(field, c);
    } else if (field === 'birthDate') {
      const date = parseDate(value);
      if (date) body.birthDate = date;
      else problems.push({ field, code: 'invalid_date' });
      columns.set(field, c);
    } else if (field === 'responsible') {
      result.responsible = { text: value, column: c };
      columns.set('responsibleId', c);
    } else if (field === 'organization') {
      result.organization = { text: value, column: c };
      columns.set('employments', c);
    } else if (field === 'fullName' && objectType === 'person') {
      fullName = { text: value, column: c };
    } else {
      body[field] = value;
      columns.set(field, c);
    }
  }

  if (fullName) {
    // "Фамилия Имя Отчество" fills the parts no column of their own gave.
    const words = fullName.text.split(/\s+/).filter(Boolean);
    const parts = [words[0], words[1], words.slice(2).join(' ') || undefined];
    PERSON_NAME_PARTS.forEach((key, i) => {
      if (body[key] === undefined && parts[i]) {
        body[key] = parts[i];
        columns.set(key, fullName.column);
      }
    });
  }
  if (contacts.length > 0) body.contacts = contacts;
  if (addresses.size > 0) {
    body.addresses = [...addresses].map(([kind, parts], i) => {
      for (const part of Object.keys(parts)) columns.set(`addresses.${i}.${part}`, columns.get(`address:${kind}.${part}`)!);
      return { kind, ...parts };
    });
  }
  if (Object.keys(bank).length > 0) {
    body.bankAccounts = [bank];
    // A missing BIK or account is reported at the first bank column the row has.
    const first = Math.min(...Object.keys(bank).map((k) => columns.get(`bankAccounts.0.${k}`)!));
    columns.set('bankAccounts.0', first);
  }
  if (Object.keys(custom).length > 0) body.custom = custom;
  return result;
}

/** The column a problem's field path came from: the longest known prefix of the path. */
export function columnOf(columns: Map<string, number>, field: string): number | null {
  let path = field;
  for (;;) {
    const column = columns.get(path);
    if (column !== undefined) return column;
    const dot = path.lastIndexOf('.');
    if (dot < 0) return null;
    path = path.slice(0, dot);
  }
}
