import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import {
  CLIENT_FIELDS,
  CURRENT_USER_TOKEN,
  CUSTOM_FIELD_FILTER_TYPE,
  CUSTOM_FIELD_PREFIX,
  filterSchema,
  normalizeEmail,
  normalizePhone,
  OPERATORS_BY_TYPE,
  type ClientType,
  type Filter,
  type FilterCondition,
  type FilterFieldType,
} from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import type { AccessSubject } from '../../platform/access/access.js';
import { AppError } from '../../platform/errors.js';

/**
 * The filter builder's JSON turned into SQL over `organizations` / `persons` (never aliased, so the access
 * scope filter and these conditions can sit in one WHERE). Shared by the lists, their counts, export and
 * the duplicates finder, so what a user sees, counts and exports is the same set of rows.
 *
 * Every value reaches the database as a bound parameter of a checked type; a field or operator that does
 * not exist, or a value of the wrong kind, is a 400 naming `filter` with the condition's index.
 */

type Sql = RawBuilder<unknown>;
type Cond = RawBuilder<SqlBool>;

const TABLE: Record<ClientType, string> = { organization: 'organizations', person: 'persons' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^-?\d{1,30}(\.\d{1,30})?$/;
const TRUE: Cond = sql<SqlBool>`TRUE`;

export type FilterProblemCode = 'invalid_filter' | 'unknown_field' | 'invalid_operator' | 'invalid_value';

export function filterError(code: FilterProblemCode, index?: number): AppError {
  return new AppError('validation_failed', {
    errors: [{ field: 'filter', code, ...(index !== undefined ? { params: { condition: index + 1 } } : {}) }],
  });
}

/** The `filter` query parameter: JSON of `filterSchema`. */
export function parseFilterParam(text: string | undefined): Filter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw filterError('invalid_filter');
  }
  return parseFilter(json);
}

export function parseFilter(json: unknown): Filter {
  const result = filterSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const index = issue?.path[0] === 'conditions' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
  const code: FilterProblemCode = issue?.path[2] === 'op' ? 'invalid_operator' : issue?.path[2] === 'value' ? 'invalid_value' : 'invalid_filter';
  throw filterError(code, index);
}

/** How one filterable field reads in SQL. Collection fields (phones, groups…) answer through EXISTS. */
interface FieldSql {
  type: FilterFieldType;
  options?: readonly string[];
  /** A scalar expression of the row (column or json value). */
  expr?: Sql;
  /** The SQL cast of typed values compared with `expr`. */
  cast?: 'date' | 'timestamptz' | 'numeric' | 'text';
  /** For collection fields: the condition "some item matches `inner`". */
  exists?: (inner: Cond) => Cond;
  /** Text of a collection item, for text operators inside `exists`. */
  itemText?: Sql;
  /** Turns the typed value into what the item column stores (phones to E.164, emails to lower case). */
  normalize?: (value: string, op: string) => string | null;
  custom?: CustomFieldDefRow;
  /** The name's lower-case, ё-folded search column, whose trigram and prefix indexes answer fragments. */
  searchText?: Sql;
}

function t(type: ClientType) {
  return sql.raw(TABLE[type]);
}

function contactExists(type: ClientType, kinds: string[]) {
  const kindList = sql.join(kinds.map((k) => sql`${k}`));
  return (inner: Cond): Cond =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM contact_points cp WHERE cp.owner_id = ${t(type)}.id AND cp.kind IN (${kindList}) AND ${inner})`;
}

function cityExists(type: ClientType) {
  return (inner: Cond): Cond => sql<SqlBool>`EXISTS (SELECT 1 FROM addresses a WHERE a.owner_id = ${t(type)}.id AND ${inner})`;
}

/** Phones are compared in E.164: "8 (916) 123-45-67" and "+7 916 1234567" are the same number. */
function phoneForm(value: string, op: string): string | null {
  const whole = normalizePhone(value);
  if (whole) return whole.split(';')[0]!;
  const digits = value.replace(/\D/g, '');
  if (!digits) return null;
  return op === 'startsWith' ? `+${digits}` : digits;
}

function emailForm(value: string): string | null {
  const text = value.trim().toLowerCase();
  return text ? (normalizeEmail(text) ?? text) : null;
}

function builtInField(type: ClientType, key: string): FieldSql | undefined {
  const def = CLIENT_FIELDS[type].find((f) => f.key === key);
  if (!def) return undefined;
  const tb = t(type);
  const col = (name: string) => sql`${tb}.${sql.raw(name)}`;
  const base = { type: def.type, ...(def.options ? { options: def.options } : {}) };
  switch (key) {
    case 'phone':
      return { ...base, exists: contactExists(type, ['phone', 'fax']), itemText: sql`cp.normalized`, normalize: phoneForm };
    case 'email':
      return { ...base, exists: contactExists(type, ['email']), itemText: sql`cp.normalized`, normalize: emailForm };
    case 'city':
      return { ...base, exists: cityExists(type), itemText: sql`a.city` };
    case 'group':
      return base;
    case 'responsible':
      return { ...base, expr: col('responsible_id') };
    case 'createdBy':
      return { ...base, expr: col('created_by') };
    case 'createdAt':
      return { ...base, expr: col('created_at'), cast: 'timestamptz' };
    case 'updatedAt':
      return { ...base, expr: col('updated_at'), cast: 'timestamptz' };
    case 'parent':
      return { ...base, expr: col('parent_id') };
    case 'organization':
      // Any organization the person works in, not only the primary one.
      return {
        ...base,
        exists: (inner) => sql<SqlBool>`EXISTS (SELECT 1 FROM employments e WHERE e.person_id = persons.id AND ${inner})`,
        itemText: sql`e.organization_id`,
      };
    case 'name':
      return { ...base, expr: type === 'organization' ? col('name') : col('full_name'), searchText: col('search_text') };
    case 'birthDate':
      return { ...base, expr: col('birth_date'), cast: 'date' };
    default:
      return { ...base, expr: col(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) };
  }
}

/** Numbers and money are kept as JSON numbers / decimal strings; anything else reads as "no value". */
export function customExpr(type: ClientType, def: CustomFieldDefRow): { expr: Sql; cast?: FieldSql['cast'] } {
  const text = sql`(${t(type)}.custom ->> ${def.key})`;
  switch (def.type) {
    case 'number':
    case 'money':
      return { expr: sql`(CASE WHEN ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN ${text}::numeric END)`, cast: 'numeric' };
    default:
      // Dates are 'YYYY-MM-DD' and date-times UTC ISO text: as text they order like the moments they name.
      return { expr: text };
  }
}

function customField(clientType: ClientType, def: CustomFieldDefRow): FieldSql {
  const type = CUSTOM_FIELD_FILTER_TYPE[def.type] ?? 'text';
  const options = (def.options ?? []).map((o) => o.value);
  return { type, ...(options.length ? { options } : {}), ...customExpr(clientType, def), custom: def };
}

export function resolveField(type: ClientType, key: string, customDefs: readonly CustomFieldDefRow[]): FieldSql | undefined {
  if (key.startsWith(CUSTOM_FIELD_PREFIX)) {
    const def = customDefs.find((d) => d.object_type === type && d.key === key.slice(CUSTOM_FIELD_PREFIX.length));
    return def ? customField(type, def) : undefined;
  }
  return builtInField(type, key);
}

class BadValue extends Error {}
const bad = (): never => {
  throw new BadValue();
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return bad();
}

function list(value: unknown): unknown[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.length > 0 ? items : bad();
}

function isoDate(value: unknown): string {
  const text = scalarText(value).trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return bad();
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? text : bad();
}

function isoMoment(value: unknown): string {
  const text = scalarText(value).trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return bad();
  const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(time)) return bad();
  const iso = new Date(time).toISOString();
  return /^\d{4}-/.test(iso) ? iso : bad();
}

function numberText(value: unknown): string {
  const text = scalarText(value).trim().replace(',', '.');
  return NUMBER.test(text) ? text : bad();
}

/** One typed value of an ordered field, as SQL of the right type. */
function orderedValue(field: FieldSql, value: unknown): Sql {
  switch (field.type) {
    case 'date':
      return field.custom ? sql`${isoDate(value)}` : sql`${isoDate(value)}::date`;
    case 'datetime':
      return field.custom ? sql`${isoMoment(value)}` : sql`${isoMoment(value)}::timestamptz`;
    case 'number':
    case 'money':
      return sql`${numberText(value)}::numeric`;
    default:
      return bad();
  }
}

function idValue(value: unknown, actor: AccessSubject, allowMe: boolean): string {
  const text = scalarText(value).trim();
  if (allowMe && text === CURRENT_USER_TOKEN) return actor.userId;
  return UUID.test(text) ? text.toLowerCase() : bad();
}

/** Text operators on a plain expression. */
function textCondition(expr: Sql, op: string, raw: unknown, normalize?: (v: string, op: string) => string | null): Cond {
  if (op === 'empty') return sql<SqlBool>`(${expr} IS NULL OR ${expr} = '')`;
  if (op === 'notEmpty') return sql<SqlBool>`(${expr} IS NOT NULL AND ${expr} <> '')`;
  const typed = scalarText(raw);
  const value = normalize ? (normalize(typed, op) ?? bad()) : typed;
  switch (op) {
    case 'contains':
      return sql<SqlBool>`${expr} ILIKE ${`%${escapeLike(value)}%`}`;
    case 'notContains':
      return sql<SqlBool>`(${expr} IS NULL OR ${expr} NOT ILIKE ${`%${escapeLike(value)}%`})`;
    case 'startsWith':
      return sql<SqlBool>`${expr} ILIKE ${`${escapeLike(value)}%`}`;
    case 'eq':
      return normalize ? sql<SqlBool>`${expr} = ${value}` : sql<SqlBool>`lower(${expr}) = lower(${value})`;
    case 'neq':
      return normalize ? sql<SqlBool>`${expr} <> ${value}` : sql<SqlBool>`(${expr} IS NULL OR lower(${expr}) <> lower(${value}))`;
    default:
      return bad();
  }
}

/**
 * A name fragment through `search_text` (trigram GIN for "contains", text_pattern_ops for "starts with"),
 * so a rare fragment among a million names is an index lookup, not a scan; ё and е match each other. An
 * organization's search_text also holds its legal name, so the name itself is checked again.
 */
function nameFragment(type: ClientType, searchText: Sql, op: string, raw: unknown): Cond {
  const folded = escapeLike(scalarText(raw).toLowerCase().replace(/ё/g, 'е'));
  const pattern = op === 'contains' ? `%${folded}%` : `${folded}%`;
  const onSearch = sql<SqlBool>`${searchText} LIKE ${pattern}`;
  if (type === 'person') return onSearch;
  return sql<SqlBool>`(${onSearch} AND replace(lower(organizations.name), 'ё', 'е') LIKE ${pattern})`;
}

/** Text operators on a collection: "no item matches" for the negative ones, so a record without items counts. */
function collectionTextCondition(field: FieldSql, op: string, raw: unknown): Cond {
  const exists = field.exists!;
  const item = field.itemText!;
  const negated: Record<string, string> = { neq: 'eq', notContains: 'contains', empty: 'notEmpty' };
  const positive = negated[op];
  if (positive) return sql<SqlBool>`NOT ${exists(textCondition(item, positive, raw, field.normalize))}`;
  return exists(textCondition(item, op, raw, field.normalize));
}

function groupCondition(type: ClientType, op: string, raw: unknown, actor: AccessSubject): Cond {
  const ids = list(raw).map((v) => idValue(v, actor, false));
  // Only groups the actor can see: a filter must not reveal who is in someone's personal group.
  const match = sql<SqlBool>`EXISTS (
    SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id
    WHERE gm.record_id = ${t(type)}.id AND gm.group_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
      AND (g.shared OR g.owner_id = ${actor.userId}))`;
  return op === 'in' ? match : sql<SqlBool>`NOT ${match}`;
}

function compileCondition(type: ClientType, condition: FilterCondition, field: FieldSql, actor: AccessSubject): Cond {
  const { op, value } = condition;
  if (field.type === 'group') return groupCondition(type, op, value, actor);

  if (field.exists) {
    if (field.type === 'text') return collectionTextCondition(field, op, value);
    // persons.organization: ids of organizations the person works in.
    if (op === 'empty') return sql<SqlBool>`NOT ${field.exists(TRUE)}`;
    if (op === 'notEmpty') return field.exists(TRUE);
    const ids = list(value).map((v) => idValue(v, actor, false));
    const match = field.exists(sql<SqlBool>`${field.itemText!} IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})`);
    return op === 'in' ? match : sql<SqlBool>`NOT ${match}`;
  }

  const expr = field.expr!;
  switch (field.type) {
    case 'text':
      if (field.searchText && (op === 'contains' || op === 'startsWith')) return nameFragment(type, field.searchText, op, value);
      return textCondition(expr, op, value);
    case 'boolean': {
      const truth = value === true || value === 'true' ? true : value === false || value === 'false' ? false : bad();
      const isTrue = sql<SqlBool>`${t(type)}.custom @> ${JSON.stringify({ [field.custom!.key]: true })}::jsonb`;
      return truth ? isTrue : sql<SqlBool>`NOT (${isTrue})`;
    }
    case 'enum':
    case 'multi_enum': {
      if (op === 'empty' || op === 'notEmpty') {
        const empty =
          field.type === 'multi_enum'
            ? sql<SqlBool>`(${t(type)}.custom -> ${field.custom!.key} IS NULL OR ${t(type)}.custom -> ${field.custom!.key} = '[]'::jsonb)`
            : sql<SqlBool>`(${expr} IS NULL OR ${expr} = '')`;
        return op === 'empty' ? empty : sql<SqlBool>`NOT ${empty}`;
      }
      const values = list(value).map((v) => {
        const text = scalarText(v);
        return !field.options || field.options.includes(text) ? text : bad();
      });
      const match =
        field.type === 'multi_enum'
          ? sql<SqlBool>`coalesce(jsonb_exists_any(${t(type)}.custom -> ${field.custom!.key}, ${values}::text[]), false)`
          : sql<SqlBool>`coalesce(${expr} IN (${sql.join(values.map((v) => sql`${v}`))}), false)`;
      return op === 'in' ? match : sql<SqlBool>`NOT ${match}`;
    }
    case 'user':
    case 'organization':
    case 'person': {
      if (op === 'empty') return sql<SqlBool>`${expr} IS NULL`;
      if (op === 'notEmpty') return sql<SqlBool>`${expr} IS NOT NULL`;
      const ids = list(value).map((v) => idValue(v, actor, field.type === 'user'));
      // Columns are uuid, custom values text: compare in the column's own type so indexes apply.
      const items = sql.join(ids.map((id) => (field.custom ? sql`${id}` : sql`${id}::uuid`)));
      const match = sql<SqlBool>`coalesce(${expr} IN (${items}), false)`;
      return op === 'in' ? match : sql<SqlBool>`NOT ${match}`;
    }
    case 'date':
    case 'datetime':
    case 'number':
    case 'money': {
      if (op === 'empty') return sql<SqlBool>`${expr} IS NULL`;
      if (op === 'notEmpty') return sql<SqlBool>`${expr} IS NOT NULL`;
      if (op === 'between') {
        const pair = Array.isArray(value) && value.length === 2 ? value : bad();
        return sql<SqlBool>`(${expr} >= ${orderedValue(field, pair[0])} AND ${expr} <= ${orderedValue(field, pair[1])})`;
      }
      const v = orderedValue(field, value);
      const ops: Record<string, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
      if (op === 'neq') return sql<SqlBool>`(${expr} IS NULL OR ${expr} <> ${v})`;
      return ops[op] ? sql<SqlBool>`${expr} ${sql.raw(ops[op])} ${v}` : bad();
    }
    default:
      return bad();
  }
}

/**
 * The user's filter as one SQL condition (TRUE when empty). Does not include the access scope or the
 * recycle-bin condition: see `clientListWhere`.
 */
export function compileClientFilter(
  type: ClientType,
  filter: Filter | undefined,
  customDefs: readonly CustomFieldDefRow[],
  actor: AccessSubject,
): Expression<SqlBool> {
  if (!filter || filter.conditions.length === 0) return TRUE;
  const parts = filter.conditions.map((condition, index) => {
    const field = resolveField(type, condition.field, customDefs);
    if (!field) throw filterError('unknown_field', index);
    if (!OPERATORS_BY_TYPE[field.type].includes(condition.op)) throw filterError('invalid_operator', index);
    try {
      return compileCondition(type, condition, field, actor);
    } catch (error) {
      if (error instanceof BadValue) throw filterError('invalid_value', index);
      throw error;
    }
  });
  const joiner = filter.match === 'any' ? sql` OR ` : sql` AND `;
  return sql<SqlBool>`(${sql.join(parts, joiner)})`;
}

/** Everything a list, count or export of one client type filters by, including what the actor may view. */
export function clientListWhere(
  type: ClientType,
  scope: Expression<SqlBool>,
  options: { filter?: Filter | undefined; q?: string | undefined; deleted?: boolean | undefined },
  customDefs: readonly CustomFieldDefRow[],
  actor: AccessSubject,
): Expression<SqlBool> {
  const tb = t(type);
  const parts: Expression<SqlBool>[] = [
    options.deleted ? sql<SqlBool>`${tb}.deleted_at IS NOT NULL` : sql<SqlBool>`${tb}.deleted_at IS NULL`,
    scope,
  ];
  const q = options.q?.trim();
  if (q) {
    // search_text is lower case with ё folded to е (migration 0005); its trigram index answers fragments.
    const folded = q.toLowerCase().replace(/ё/g, 'е');
    parts.push(sql<SqlBool>`${tb}.search_text LIKE ${`%${escapeLike(folded)}%`}`);
  }
  parts.push(compileClientFilter(type, options.filter, customDefs, actor));
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Sorting

export interface ClientSort {
  key: string;
  direction: 'asc' | 'desc';
  expr: Sql;
  /** How a cursor's text value is cast back for the keyset comparison. */
  cast: 'text' | 'numeric' | 'timestamptz' | 'date';
  nullable: boolean;
}

function builtInSort(type: ClientType, key: string): Omit<ClientSort, 'direction'> | undefined {
  const def = CLIENT_FIELDS[type].find((f) => f.key === key && f.sortable);
  if (!def) return undefined;
  const tb = t(type);
  const col = (name: string) => sql`${tb}.${sql.raw(name)}`;
  switch (key) {
    case 'name':
      // Index (sort_name, id): the default order reads the index and filters while scanning.
      return { key, expr: col('sort_name'), cast: 'text', nullable: false };
    case 'kind':
      return { key, expr: col('kind'), cast: 'text', nullable: false };
    case 'createdAt':
      return { key, expr: col('created_at'), cast: 'timestamptz', nullable: false };
    case 'updatedAt':
      return { key, expr: col('updated_at'), cast: 'timestamptz', nullable: false };
    case 'birthDate':
      return { key, expr: col('birth_date'), cast: 'date', nullable: true };
    case 'responsible':
      return { key, expr: sql`(SELECT su.name FROM users su WHERE su.id = ${tb}.responsible_id)`, cast: 'text', nullable: true };
    case 'organization':
      return { key, expr: sql`(SELECT so.sort_name FROM organizations so WHERE so.id = persons.organization_id)`, cast: 'text', nullable: true };
    default:
      return { key, expr: col(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)), cast: 'text', nullable: true };
  }
}

/** `sort` of a list: a sortable field or `custom.<key>`, "-" for descending. */
export function parseClientSort(type: ClientType, sort: string, customDefs: readonly CustomFieldDefRow[]): ClientSort {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const key = sort.replace(/^[-+]/, '');
  let spec: Omit<ClientSort, 'direction'> | undefined;
  if (key.startsWith(CUSTOM_FIELD_PREFIX)) {
    const def = customDefs.find((d) => d.object_type === type && d.key === key.slice(CUSTOM_FIELD_PREFIX.length));
    if (def) {
      const { expr, cast } = customExpr(type, def);
      spec = { key, expr, cast: cast === 'numeric' ? 'numeric' : 'text', nullable: true };
    }
  } else {
    spec = builtInSort(type, key);
  }
  if (!spec) throw new AppError('validation_failed', { errors: [{ field: 'sort', code: 'invalid_sort' }] });
  return { ...spec, direction };
}

/** `ORDER BY` of a sort, with the id as tie-breaker; NULLs last either way (only where a key can be NULL). */
export function sortOrder(type: ClientType, spec: ClientSort): Sql {
  const dir = sql.raw(spec.direction === 'asc' ? 'ASC' : 'DESC');
  const nulls = sql.raw(spec.nullable ? ' NULLS LAST' : '');
  return sql`${spec.expr} ${dir}${nulls}, ${t(type)}.id ${dir}`;
}

/** Rows strictly after the cursor's (value, id) in the sort's order. */
export function keysetAfter(type: ClientType, spec: ClientSort, value: string | null, id: string): Cond {
  const cmp = sql.raw(spec.direction === 'asc' ? '>' : '<');
  const idRef = sql`${t(type)}.id`;
  if (value === null) return sql<SqlBool>`(${spec.expr} IS NULL AND ${idRef} ${cmp} ${id}::uuid)`;
  const typed = sql`CAST(${value} AS ${sql.raw(spec.cast)})`;
  const after = sql<SqlBool>`(${spec.expr}, ${idRef}) ${cmp} (${typed}, ${id}::uuid)`;
  return spec.nullable ? sql<SqlBool>`(${after} OR ${spec.expr} IS NULL)` : after;
}
