import type { Kysely } from 'kysely';
import { CUSTOM_TEXT_MAX, type ClientType, type CustomFieldType } from '@kontakt/shared';
import type { CustomFieldDefRow, DB } from '../../db/schema.js';

/**
 * The custom fields in the OpenAPI document: a schema per object type (`OrganizationCustomFields`,
 * `PersonCustomFields`) listing each field's key, type and options, and every `custom` property of the
 * organization and person routes pointing at it. The document is built once, so it shows the fields
 * defined when the server started; `GET /custom-fields` always answers the current ones.
 */
type JsonSchema = Record<string, unknown>;

const COMPONENT: Record<ClientType, string> = { organization: 'OrganizationCustomFields', person: 'PersonCustomFields' };
const PATH_PREFIX: Record<ClientType, string> = { organization: '/api/v1/organizations', person: '/api/v1/persons' };

function valueSchema(def: CustomFieldDefRow): JsonSchema {
  const options = (def.options ?? []).map((o) => o.value);
  switch (def.type as CustomFieldType) {
    case 'text':
    case 'long_text':
      return { type: 'string', maxLength: CUSTOM_TEXT_MAX[def.type as 'text' | 'long_text'] };
    case 'number':
      return { type: 'number' };
    case 'money':
      return { type: 'string', pattern: '^-?\\d{1,16}\\.\\d{2}$', example: '1500.00' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'checkbox':
      return { type: 'boolean' };
    case 'choice':
      return { type: 'string', enum: options };
    case 'multi_choice':
      return { type: 'array', items: { type: 'string', enum: options }, uniqueItems: true };
    case 'user':
    case 'organization':
    case 'person':
      return { type: 'string', format: 'uuid', description: `Id of a ${def.type}` };
    default:
      return {};
  }
}

export function customFieldsComponent(objectType: ClientType, defs: readonly CustomFieldDefRow[]): JsonSchema {
  const own = defs.filter((d) => d.object_type === objectType);
  const properties: Record<string, JsonSchema> = {};
  for (const def of own) {
    const schema = valueSchema(def);
    const notes = [def.section ? `Section: ${def.section}.` : '', def.required ? 'Required when creating.' : '', schema.description ?? '']
      .filter(Boolean)
      .join(' ');
    properties[def.key] = { ...schema, title: def.label, ...(notes ? { description: notes } : {}), nullable: true };
  }
  return {
    type: 'object',
    description:
      `Custom fields of ${objectType}s by key (see GET /api/v1/custom-fields for the current list). ` +
      'On update `null` clears a field and absent keys keep their values.',
    properties,
    // Values of deactivated fields stay in records and come back in answers.
    additionalProperties: true,
  };
}

/** Points every `custom` object property below `node` at the component. */
function linkCustomProperties(node: unknown, ref: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) linkCustomProperties(item, ref);
    return;
  }
  const record = node as Record<string, unknown>;
  const properties = record.properties as Record<string, JsonSchema> | undefined;
  if (properties && typeof properties === 'object' && properties.custom && properties.custom.type === 'object') {
    properties.custom = { $ref: ref };
  }
  for (const value of Object.values(record)) linkCustomProperties(value, ref);
}

export function withCustomFields<T extends { paths?: unknown; components?: unknown }>(document: T, defs: readonly CustomFieldDefRow[]): T {
  const doc = document as { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const objectType of ['organization', 'person'] as const) {
    doc.components.schemas[COMPONENT[objectType]] = customFieldsComponent(objectType, defs);
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (path.startsWith(PATH_PREFIX[objectType])) linkCustomProperties(item, `#/components/schemas/${COMPONENT[objectType]}`);
    }
  }
  return document;
}

/** Active definitions for the document; none when the table is not there yet (a server started before migrating). */
export async function loadOpenApiCustomFields(db: Kysely<DB>): Promise<CustomFieldDefRow[]> {
  try {
    return await db.selectFrom('custom_field_defs').selectAll().where('active', '=', true).orderBy('position').execute();
  } catch {
    return [];
  }
}
