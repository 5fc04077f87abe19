import { describe, expect, it } from 'vitest';
import type { CustomFieldDefRow } from '../../db/schema.js';
import { withCustomFields } from './custom-fields.openapi.js';

const def = (objectType: 'organization' | 'person', key: string, type: string, extra: Partial<CustomFieldDefRow> = {}): CustomFieldDefRow => ({
  id: '00000000-0000-7000-8000-000000000000',
  object_type: objectType,
  key,
  label: key,
  type,
  required: false,
  options: [],
  section: null,
  position: 0,
  active: true,
  created_at: new Date(),
  updated_at: new Date(),
  created_by: null,
  version: 1,
  ...extra,
});

describe('custom fields in the OpenAPI document', () => {
  it('describes each field by type and points the `custom` properties of client routes at it', () => {
    const custom = () => ({ type: 'object', additionalProperties: {} });
    const doc = {
      openapi: '3.0.3',
      paths: {
        '/api/v1/organizations': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, custom: custom() } } } } } } },
        '/api/v1/persons/{id}': { get: { responses: { 200: { content: { 'application/json': { schema: { type: 'object', properties: { custom: custom() } } } } } } } },
        '/api/v1/users': { get: { responses: { 200: { content: { 'application/json': { schema: { type: 'object', properties: { custom: custom() } } } } } } } },
      },
    };
    const defs = [
      def('organization', 'turnover', 'money', { label: 'Оборот', required: true, section: 'Финансы' }),
      def('organization', 'segment', 'multi_choice', { options: [{ value: 'smb', label: 'МСБ' }] }),
      def('person', 'curator', 'user'),
    ];
    type Schema = { properties: Record<string, unknown> };
    const result = withCustomFields(doc, defs) as unknown as {
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    };
    const org = result.components.schemas.OrganizationCustomFields!;
    expect(org.properties.turnover).toMatchObject({ type: 'string', title: 'Оборот', description: 'Section: Финансы. Required when creating.' });
    expect(org.properties.segment).toMatchObject({ type: 'array', items: { enum: ['smb'] } });
    expect(Object.keys(result.components.schemas.PersonCustomFields!.properties)).toEqual(['curator']);
    const orgBody: Schema = doc.paths['/api/v1/organizations'].post.requestBody.content['application/json'].schema;
    expect(orgBody.properties.custom).toEqual({ $ref: '#/components/schemas/OrganizationCustomFields' });
    const person: Schema = doc.paths['/api/v1/persons/{id}'].get.responses[200].content['application/json'].schema;
    expect(person.properties.custom).toEqual({ $ref: '#/components/schemas/PersonCustomFields' });
    const users: Schema = doc.paths['/api/v1/users'].get.responses[200].content['application/json'].schema;
    expect(users.properties.custom).toEqual(custom());
  });
});
