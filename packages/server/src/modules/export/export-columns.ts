import {
  choiceLabel,
  CLIENT_FIELDS,
  clientFieldLabel,
  CUSTOM_FIELD_PREFIX,
  type ClientType,
  type Locale,
  type OrganizationListItem,
  type PersonListItem,
} from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';

/**
 * The columns of an exported view and how each cell reads: in the user's language, choices by their names,
 * dates as dd.mm.yyyy and times in the user's time zone, references by name, exactly as the list shows them.
 */
export type ListItem = OrganizationListItem | PersonListItem;

export interface ExportColumn {
  key: string;
  header: string;
  value(item: ListItem, names: ReadonlyMap<string, string>): string;
}

export interface Formatting {
  locale: Locale;
  timeZone: string;
}

const YES_NO: Record<Locale, [string, string]> = { ru: ['Да', 'Нет'], uk: ['Так', 'Ні'], en: ['Yes', 'No'] };

/** "1985-05-17" → "17.05.1985" without going through a Date (a calendar date has no time zone). */
export const formatDate = (iso: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
};

export function dateTimeFormatter(timeZone: string) {
  const format = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date).replace(',', '');
  };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function builtIn(type: ClientType, key: string, f: Formatting): ExportColumn['value'] | undefined {
  const dateTime = dateTimeFormatter(f.timeZone);
  const field = (item: ListItem) => (item as unknown as Record<string, unknown>)[key];
  switch (key) {
    case 'name':
      return type === 'person' ? (item) => (item as PersonListItem).fullName : (item) => (item as OrganizationListItem).name;
    case 'kind':
    case 'gender':
    case 'influence':
      return (item) => {
        const v = field(item);
        return typeof v === 'string' ? choiceLabel(key, v, f.locale) : '';
      };
    case 'birthDate':
      return (item) => formatDate(text(field(item)));
    case 'createdAt':
    case 'updatedAt':
      return (item) => dateTime(text(field(item)));
    case 'responsible':
    case 'parent':
    case 'organization':
      return (item) => (field(item) as { name: string } | null)?.name ?? '';
    default:
      return (item) => text(field(item));
  }
}

/** Ids that link-type custom fields hold, to look their names up once per batch. */
export const LINK_TYPES = new Set(['user', 'organization', 'person']);

function customValue(def: CustomFieldDefRow, f: Formatting): ExportColumn['value'] {
  const dateTime = dateTimeFormatter(f.timeZone);
  const label = (value: string) => def.options.find((o) => o.value === value)?.label ?? value;
  return (item, names) => {
    const v = item.custom[def.key];
    if (v === null || v === undefined) return '';
    switch (def.type) {
      case 'checkbox':
        return YES_NO[f.locale][v === true ? 0 : 1];
      case 'choice':
        return label(String(v));
      case 'multi_choice':
        return Array.isArray(v) ? v.map((x) => label(String(x))).join('; ') : label(String(v));
      case 'date':
        return formatDate(String(v));
      case 'datetime':
        return dateTime(String(v));
      case 'user':
      case 'organization':
      case 'person':
        return names.get(String(v)) ?? String(v);
      default:
        return String(v);
    }
  };
}

/** Columns by key (`columns=name,inn,custom.x`); the list's default columns when none are given. */
export function exportColumns(
  type: ClientType,
  keys: readonly string[] | undefined,
  defs: readonly CustomFieldDefRow[],
  f: Formatting,
): ExportColumn[] {
  const catalog = CLIENT_FIELDS[type];
  const extra = type === 'person' ? ['lastName', 'firstName', 'middleName'] : [];
  const wanted = keys && keys.length > 0 ? keys : catalog.filter((c) => c.column).map((c) => c.key);
  const unknown: { field: string; code: string }[] = [];
  const columns: ExportColumn[] = [];
  wanted.forEach((key, index) => {
    if (key.startsWith(CUSTOM_FIELD_PREFIX)) {
      const def = defs.find((d) => d.key === key.slice(CUSTOM_FIELD_PREFIX.length));
      if (def) columns.push({ key, header: def.label, value: customValue(def, f) });
      else unknown.push({ field: `columns.${index}`, code: 'unknown_field' });
      return;
    }
    const known = catalog.some((c) => c.key === key && c.column) || extra.includes(key);
    const value = known ? builtIn(type, key, f) : undefined;
    if (value) columns.push({ key, header: clientFieldLabel(type, key, f.locale), value });
    else unknown.push({ field: `columns.${index}`, code: 'unknown_field' });
  });
  if (unknown.length > 0) throw new AppError('validation_failed', { errors: unknown });
  return columns;
}
