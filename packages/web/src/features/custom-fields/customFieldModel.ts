/**
 * Custom field values between the API (`custom` object: see shared/schemas/custom-fields.ts) and inputs.
 * Inputs hold text (numbers and money as typed, so the server's message can point at what was typed),
 * booleans for checkboxes, arrays for multiple choice.
 */
import type { CustomFieldDefDto } from '@kontakt/shared';

export type FormValue = string | boolean | string[] | null;

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → the "YYYY-MM-DD HH:mm:ss" the date-time picker holds, in the browser's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`;
}

export function toFormValue(def: CustomFieldDefDto, value: unknown): FormValue {
  switch (def.type) {
    case 'checkbox':
      return value === true;
    case 'multi_choice':
      return Array.isArray(value) ? value.map(String) : [];
    case 'user':
    case 'organization':
    case 'person':
      return typeof value === 'string' && value ? value : null;
    case 'datetime':
      return typeof value === 'string' ? toLocalInput(value) : '';
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

/** What the API gets: null clears a field; text is trimmed; numbers and money go as typed for the server to read. */
export function toApiValue(def: CustomFieldDefDto, value: FormValue): unknown {
  switch (def.type) {
    case 'checkbox':
      return value === true;
    case 'multi_choice':
      return Array.isArray(value) && value.length > 0 ? value : null;
    case 'datetime': {
      if (typeof value !== 'string' || !value) return null;
      const d = new Date(value.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? value : d.toISOString();
    }
    default:
      return typeof value === 'string' ? value.trim() || null : value;
  }
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Only the keys whose value changed, so saving one section never rewrites another's custom values. */
export function customBody(defs: CustomFieldDefDto[], record: Record<string, unknown>, values: Record<string, FormValue>) {
  const body: Record<string, unknown> = {};
  for (const def of defs) {
    const next = toApiValue(def, values[def.key] ?? null);
    const before = record[def.key] ?? null;
    // An unticked checkbox and a value never set mean the same to the user: no change to send.
    const blank = (v: unknown) => isEmptyValue(v) || (def.type === 'checkbox' && v === false);
    const bothEmpty = blank(next) && blank(before);
    if (!bothEmpty && JSON.stringify(next) !== JSON.stringify(before)) body[def.key] = next;
  }
  return body;
}

/** Fields in card sections: by their section name (unnamed ones under "" first), each by position. */
export function groupBySection(defs: CustomFieldDefDto[]): { section: string; fields: CustomFieldDefDto[] }[] {
  const map = new Map<string, CustomFieldDefDto[]>();
  for (const def of [...defs].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label))) {
    const key = def.section?.trim() ?? '';
    map.set(key, [...(map.get(key) ?? []), def]);
  }
  return [...map.entries()].map(([section, fields]) => ({ section, fields }));
}
