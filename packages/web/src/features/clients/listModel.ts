/**
 * Pure transforms of a client list's state: the URL (what a reload or a shared link restores), saved
 * views, the column catalog with custom fields, and the filter's text form sent to the server.
 */
import {
  CLIENT_FIELDS,
  CURRENT_USER_TOKEN,
  CUSTOM_FIELD_FILTER_TYPE,
  CUSTOM_FIELD_PREFIX,
  filterSchema,
  type ClientType,
  type FieldDef,
  type Filter,
  type FilterFieldType,
  type ViewDefinition,
} from '@kontakt/shared';
import type { CustomFieldDef, SavedView } from './clientsApi';

export const EMPTY_FILTER: Filter = { match: 'all', conditions: [] };

/** Views every user has without saving anything; their ids never collide with stored (uuid) ones. */
export const BUILTIN_VIEWS = ['all', 'mine'] as const;
export type BuiltinViewId = (typeof BUILTIN_VIEWS)[number];

export const DEFAULT_COLUMNS: Record<ClientType, string[]> = {
  organization: ['name', 'kind', 'inn', 'phone', 'email', 'city', 'responsible'],
  person: ['name', 'organization', 'position', 'phone', 'email', 'responsible'],
};

/** The name column links to the card, so it is always shown and always first. */
export const LOCKED_COLUMN = 'name';

export function builtinDefinition(type: ClientType, id: BuiltinViewId): ViewDefinition {
  const columns = DEFAULT_COLUMNS[type];
  if (id === 'mine') {
    return {
      columns,
      sort: 'name',
      filter: { match: 'all', conditions: [{ field: 'responsible', op: 'in', value: [CURRENT_USER_TOKEN] }] },
    };
  }
  return { columns, sort: 'name', filter: EMPTY_FILTER };
}

export function isBuiltinView(id: string | null | undefined): id is BuiltinViewId {
  return id === 'all' || id === 'mine';
}

/** A field as the list and the filter builder see it: the catalog's own fields and custom ones alike. */
export interface ListField {
  key: string;
  type: FilterFieldType;
  /** Catalog fields carry a translation key; custom fields their administrator-given label. */
  labelKey?: string;
  label?: string;
  options?: Array<{ value: string; labelKey?: string; label?: string }>;
  sortable: boolean;
  column: boolean;
  custom: boolean;
}

const OPTION_LABEL_PREFIX: Record<string, string> = {
  kind: 'clients.kinds.',
  gender: 'clients.genders.',
  influence: 'clients.influences.',
};

function catalogField(type: ClientType, def: FieldDef): ListField {
  const prefix = OPTION_LABEL_PREFIX[def.key];
  return {
    key: def.key,
    type: def.type,
    labelKey: `clients.${type === 'organization' ? 'orgFields' : 'personFields'}.${def.key}`,
    options: def.options?.map((value) => ({ value, labelKey: prefix ? `${prefix}${value}` : undefined, label: value })),
    sortable: def.sortable,
    column: def.column,
    custom: false,
  };
}

function customField(def: CustomFieldDef): ListField {
  const type = CUSTOM_FIELD_FILTER_TYPE[def.type] ?? 'text';
  return {
    key: `${CUSTOM_FIELD_PREFIX}${def.key}`,
    type,
    label: def.label,
    options: (def.options ?? []).map((o) =>
      typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label ?? o.value },
    ),
    // Custom values live in one jsonb column; sorting by them is the server's call, offered for scalars.
    sortable: type !== 'multi_enum',
    column: true,
    custom: true,
  };
}

export function listFields(type: ClientType, customDefs: readonly CustomFieldDef[]): ListField[] {
  const own = CLIENT_FIELDS[type].map((def) => catalogField(type, def));
  const custom = [...customDefs]
    .filter((d) => d.active !== false)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map(customField);
  return [...own, ...custom];
}

/** Reads a filter from text (the URL, a saved view); anything malformed means "no filter", never a crash. */
export function parseFilter(text: string | null | undefined): Filter {
  if (!text) return EMPTY_FILTER;
  try {
    const parsed = filterSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_FILTER;
  } catch {
    return EMPTY_FILTER;
  }
}

export function serializeFilter(filter: Filter | undefined): string | undefined {
  if (!filter || filter.conditions.length === 0) return undefined;
  return JSON.stringify({ match: filter.match, conditions: filter.conditions });
}

export interface ListState {
  /** The view the list started from: a built-in id, a saved view's id, or null for a bare link. */
  viewId: string;
  columns: string[];
  filter: Filter;
  sort: string;
  q: string;
  /** True when the URL changes columns, filter or sort of the chosen view. */
  modified: boolean;
}

/** Keeps only known columns, the name column first, no repeats. */
export function normalizeColumns(columns: readonly string[], known: ReadonlySet<string> | null): string[] {
  const seen = new Set<string>([LOCKED_COLUMN]);
  const rest = columns.filter((c) => {
    if (seen.has(c) || (known && !known.has(c))) return false;
    seen.add(c);
    return true;
  });
  return [LOCKED_COLUMN, ...rest];
}

/**
 * The URL holds `view` plus whatever differs from it (`cols`, `filter`, `sort`) and the quick search `q`;
 * a parameter that is absent falls back to the view's definition.
 */
export function readListState(type: ClientType, params: URLSearchParams, views: readonly SavedView[]): ListState {
  const viewId = params.get('view') ?? 'all';
  const saved = isBuiltinView(viewId) ? null : views.find((v) => v.id === viewId);
  const base = saved?.definition ?? builtinDefinition(type, isBuiltinView(viewId) ? viewId : 'all');
  const cols = params.get('cols');
  const filter = params.get('filter');
  const sort = params.get('sort');
  return {
    viewId,
    columns: cols ? cols.split(',').filter(Boolean) : base.columns,
    filter: filter !== null ? parseFilter(filter) : (base.filter ?? EMPTY_FILTER),
    sort: sort || base.sort || 'name',
    q: params.get('q') ?? '',
    modified: cols !== null || filter !== null || sort !== null,
  };
}

export function definitionOf(state: Pick<ListState, 'columns' | 'filter' | 'sort'>): ViewDefinition {
  return { columns: state.columns, filter: state.filter, sort: state.sort };
}

/** Sort cycles ascending → descending → ascending on the same column; a new column starts ascending. */
export function nextSort(current: string, field: string): string {
  return current === field ? `-${field}` : field;
}

export function sortField(sort: string): { field: string; descending: boolean } {
  return sort.startsWith('-') ? { field: sort.slice(1), descending: true } : { field: sort, descending: false };
}

/** Custom values come back as the server stores them; references may be ids or `{ id, name }`. */
export function customValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(customValueText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: unknown; label?: unknown };
    return String(named.name ?? named.label ?? '');
  }
  return String(value);
}
