import { z } from 'zod';
import { INFLUENCES, GENDERS, ORGANIZATION_KINDS, type ClientType } from './clients.js';

/**
 * The filter builder's language, shared by the web builder and the server that turns it into SQL.
 * A filter is a list of conditions joined by "all" (AND) or "any" (OR); each condition names a field of
 * the catalog below (or `custom.<key>` of a custom field) and an operator that fits the field's type.
 */
export const FIELD_TYPES = [
  'text',
  'enum',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'user',
  'organization',
  'person',
  'group',
  'multi_enum',
] as const;
export type FilterFieldType = (typeof FIELD_TYPES)[number];

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'contains',
  'notContains',
  'startsWith',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'empty',
  'notEmpty',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const OPERATORS_BY_TYPE: Record<FilterFieldType, readonly FilterOperator[]> = {
  text: ['contains', 'notContains', 'eq', 'neq', 'startsWith', 'empty', 'notEmpty'],
  enum: ['in', 'notIn', 'empty', 'notEmpty'],
  multi_enum: ['in', 'notIn', 'empty', 'notEmpty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  boolean: ['eq'],
  user: ['in', 'notIn', 'empty', 'notEmpty'],
  organization: ['in', 'notIn', 'empty', 'notEmpty'],
  person: ['in', 'notIn', 'empty', 'notEmpty'],
  group: ['in', 'notIn'],
};

/** In a user-valued condition, "@me" stands for whoever runs the filter (shared "My clients" views). */
export const CURRENT_USER_TOKEN = '@me';

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
export const filterConditionSchema = z.object({
  field: z.string().min(1).max(80),
  op: z.enum(FILTER_OPERATORS),
  value: z.union([scalar, z.array(scalar).max(500)]).optional(),
});
export type FilterCondition = z.infer<typeof filterConditionSchema>;

export const filterSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(filterConditionSchema).max(30),
});
export type Filter = z.infer<typeof filterSchema>;

export interface FieldDef {
  key: string;
  type: FilterFieldType;
  /** Choices of an enum field; labels come from the web app's translations. */
  options?: readonly string[];
  sortable: boolean;
  /** Shown as a list column (every field is; some only make sense in filters). */
  column: boolean;
}

const f = (key: string, type: FilterFieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  type,
  sortable: false,
  column: true,
  ...extra,
});

export const ORGANIZATION_FIELDS: readonly FieldDef[] = [
  f('name', 'text', { sortable: true }),
  f('kind', 'enum', { options: ORGANIZATION_KINDS, sortable: true }),
  f('fullName', 'text'),
  f('legalForm', 'text'),
  f('inn', 'text', { sortable: true }),
  f('kpp', 'text'),
  f('industry', 'text', { sortable: true }),
  f('region', 'text', { sortable: true }),
  f('source', 'text', { sortable: true }),
  f('responsible', 'user', { sortable: true }),
  f('parent', 'organization'),
  f('phone', 'text'),
  f('email', 'text'),
  f('city', 'text'),
  f('group', 'group', { column: false }),
  f('createdBy', 'user', { column: false }),
  f('createdAt', 'datetime', { sortable: true }),
  f('updatedAt', 'datetime', { sortable: true }),
];

export const PERSON_FIELDS: readonly FieldDef[] = [
  f('name', 'text', { sortable: true }),
  f('lastName', 'text', { column: false }),
  f('firstName', 'text', { column: false }),
  f('position', 'text', { sortable: true }),
  f('department', 'text'),
  f('organization', 'organization', { sortable: true }),
  f('gender', 'enum', { options: GENDERS }),
  f('birthDate', 'date', { sortable: true }),
  f('influence', 'enum', { options: INFLUENCES, sortable: true }),
  f('responsible', 'user', { sortable: true }),
  f('phone', 'text'),
  f('email', 'text'),
  f('city', 'text'),
  f('group', 'group', { column: false }),
  f('createdBy', 'user', { column: false }),
  f('createdAt', 'datetime', { sortable: true }),
  f('updatedAt', 'datetime', { sortable: true }),
];

export const CLIENT_FIELDS: Record<ClientType, readonly FieldDef[]> = {
  organization: ORGANIZATION_FIELDS,
  person: PERSON_FIELDS,
};

/** Custom fields appear in filters and columns as `custom.<key>`. */
export const CUSTOM_FIELD_PREFIX = 'custom.';

/** The filter type of each custom field type. */
export const CUSTOM_FIELD_FILTER_TYPE: Record<string, FilterFieldType> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  checkbox: 'boolean',
  choice: 'enum',
  multi_choice: 'multi_enum',
  user: 'user',
  organization: 'organization',
  person: 'person',
};

/** What a saved view stores: the columns shown (in order), the filter and the sort. */
export const viewDefinitionSchema = z.object({
  columns: z.array(z.string().max(80)).max(60),
  filter: filterSchema.optional(),
  sort: z.string().max(80).optional(),
});
export type ViewDefinition = z.infer<typeof viewDefinitionSchema>;
