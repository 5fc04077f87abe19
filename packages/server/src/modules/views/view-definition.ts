import {
  CLIENT_FIELDS,
  CUSTOM_FIELD_FILTER_TYPE,
  CUSTOM_FIELD_PREFIX,
  OPERATORS_BY_TYPE,
  type ClientType,
  type FilterFieldType,
  type ViewDefinition,
} from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import type { Problems } from '../../platform/validate.js';

interface KnownField {
  type: FilterFieldType;
  sortable: boolean;
  column: boolean;
}

/** The fields a view of this object type may name: the catalog plus `custom.<key>` of every custom field. */
function knownFields(objectType: ClientType, customDefs: readonly CustomFieldDefRow[]): Map<string, KnownField> {
  const fields = new Map<string, KnownField>();
  for (const f of CLIENT_FIELDS[objectType]) fields.set(f.key, { type: f.type, sortable: f.sortable, column: f.column });
  for (const def of customDefs) {
    const type = CUSTOM_FIELD_FILTER_TYPE[def.type];
    if (type) fields.set(`${CUSTOM_FIELD_PREFIX}${def.key}`, { type, sortable: type !== 'multi_enum', column: true });
  }
  return fields;
}

/**
 * Checks that a view names only fields that exist, sorts by a sortable one, and uses operators that fit
 * each field's type, so a saved view never breaks the list that opens it. Deactivated custom fields
 * still count: their values stay in records and the field may come back.
 */
export function checkViewDefinition(
  objectType: ClientType,
  definition: ViewDefinition,
  customDefs: readonly CustomFieldDefRow[],
  problems: Problems,
  prefix = 'definition',
): void {
  const fields = knownFields(objectType, customDefs);
  definition.columns.forEach((column, index) => {
    if (!fields.get(column)?.column) problems.add(`${prefix}.columns.${index}`, 'unknown_field');
  });
  if (definition.sort) {
    const key = definition.sort.replace(/^[-+]/, '');
    if (!fields.get(key)?.sortable) problems.add(`${prefix}.sort`, 'invalid_sort');
  }
  definition.filter?.conditions.forEach((condition, index) => {
    const field = fields.get(condition.field);
    const at = `${prefix}.filter.conditions.${index}`;
    if (!field) problems.add(`${at}.field`, 'unknown_field');
    else if (!OPERATORS_BY_TYPE[field.type].includes(condition.op)) problems.add(`${at}.op`, 'invalid_operator');
  });
}
