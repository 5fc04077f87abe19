import type { z } from 'zod';
import {
  CHOICE_FIELD_TYPES,
  type createCustomFieldSchema,
  type customFieldListQuerySchema,
  type CustomFieldDefDto,
  type CustomFieldOption,
  type CustomFieldType,
  type updateCustomFieldSchema,
} from '@kontakt/shared';
import type { CustomFieldDefRow } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isUniqueViolation, Problems } from '../../platform/validate.js';
import { firstFreeKey, isValidKey, keyFromLabel } from './custom-field-key.js';
import * as q from './custom-fields.queries.js';

type ListQuery = z.output<typeof customFieldListQuerySchema>;
type CreateBody = z.output<typeof createCustomFieldSchema>;
type UpdateBody = z.output<typeof updateCustomFieldSchema>;

export function toCustomFieldDto(row: CustomFieldDefRow): CustomFieldDefDto {
  return {
    id: row.id,
    objectType: row.object_type,
    key: row.key,
    label: row.label,
    type: row.type as CustomFieldType,
    required: row.required,
    options: row.options ?? [],
    section: row.section,
    position: row.position,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** What the audit log keeps of a definition (everything an administrator can change). */
const audited = (d: CustomFieldDefDto) => ({
  key: d.key,
  label: d.label,
  type: d.type,
  required: d.required,
  options: d.options,
  section: d.section,
  position: d.position,
  active: d.active,
});

/** Choice fields need options, each value once; other types carry none. */
function checkOptions(type: CustomFieldType, options: CustomFieldOption[] | undefined, problems: Problems): CustomFieldOption[] {
  if (!CHOICE_FIELD_TYPES.includes(type)) return [];
  if (!options || options.length === 0) {
    problems.add('options', 'required');
    return [];
  }
  const seen = new Set<string>();
  options.forEach((option, index) => {
    if (seen.has(option.value)) problems.add(`options.${index}.value`, 'taken');
    seen.add(option.value);
  });
  return options;
}

export function makeCustomFieldsService({ db }: ServiceDeps) {
  async function list(actor: Actor, query: ListQuery): Promise<{ items: CustomFieldDefDto[] }> {
    assertCan(actor, 'view', 'custom_field');
    const rows = await q.listDefs(db, { objectType: query.objectType, includeInactive: query.includeInactive === 'true' });
    return { items: rows.map(toCustomFieldDto) };
  }

  async function get(actor: Actor, id: string): Promise<CustomFieldDefDto> {
    assertCan(actor, 'view', 'custom_field');
    const row = await q.findDef(db, id);
    if (!row) throw notFound();
    return toCustomFieldDto(row);
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<CustomFieldDefDto> {
    assertCan(actor, 'edit', 'custom_field');
    const problems = new Problems();
    const options = checkOptions(body.type, body.options, problems);
    if (body.key !== undefined && body.key !== '' && !isValidKey(body.key)) problems.add('key', 'invalid_format');
    problems.throwIfAny();
    const id = newId();
    try {
      return await db.transaction().execute(async (trx) => {
        const taken = await q.keysOf(trx, body.objectType);
        let key: string;
        if (body.key) {
          if (taken.has(body.key)) throw new AppError('validation_failed', { errors: [{ field: 'key', code: 'taken' }] });
          key = body.key;
        } else {
          key = firstFreeKey(keyFromLabel(body.label), taken);
        }
        await q.insertDef(trx, {
          id,
          object_type: body.objectType,
          key,
          label: body.label,
          type: body.type,
          required: body.required ?? false,
          options: JSON.stringify(options),
          section: body.section ?? null,
          position: body.position ?? (await q.nextPosition(trx, body.objectType)),
          created_by: actor.userId,
        });
        const created = toCustomFieldDto((await q.findDef(trx, id))!);
        await recordAudit(trx, ctx, {
          action: 'create',
          objectType: 'custom_field',
          objectId: id,
          objectLabel: created.label,
          changes: diffChanges(null, { objectType: created.objectType, ...audited(created) }),
        });
        return created;
      });
    } catch (error) {
      // Two administrators adding the same key at once: the unique index decides.
      if (isUniqueViolation(error)) throw new AppError('validation_failed', { errors: [{ field: 'key', code: 'taken' }] });
      throw error;
    }
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<CustomFieldDefDto> {
    assertCan(actor, 'edit', 'custom_field');
    return db.transaction().execute(async (trx) => {
      const before = await q.findDef(trx, id);
      if (!before) throw notFound();
      if (before.version !== body.version) throw versionConflict();
      const type = body.type ?? (before.type as CustomFieldType);
      const problems = new Problems();
      const typeChanges = type !== before.type;
      // Options stay as they were unless given; a type that needs them must end up with some.
      const options = checkOptions(type, body.options ?? before.options, problems);
      if (!typeChanges && body.options && CHOICE_FIELD_TYPES.includes(type)) {
        const kept = new Set(options.map((o) => o.value));
        const removed = (before.options ?? []).map((o) => o.value).filter((v) => !kept.has(v));
        for (const value of await q.optionsInUse(trx, before.object_type, before.key, removed)) {
          problems.add('options', 'option_in_use', { value });
        }
      }
      problems.throwIfAny();
      if (typeChanges && (await q.valuesExist(trx, before.object_type, before.key))) {
        throw new AppError('custom_field_has_values', { params: { key: before.key } });
      }
      const updated = await q.updateDefVersioned(trx, id, body.version, {
        ...(body.label !== undefined ? { label: body.label } : {}),
        ...(typeChanges ? { type } : {}),
        ...(body.required !== undefined ? { required: body.required } : {}),
        options: JSON.stringify(options),
        ...(body.section !== undefined ? { section: body.section } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      });
      if (!updated) throw versionConflict();
      const after = toCustomFieldDto((await q.findDef(trx, id))!);
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'custom_field',
        objectId: id,
        objectLabel: after.label,
        changes: diffChanges(audited(toCustomFieldDto(before)), audited(after)),
      });
      return after;
    });
  }

  /** Deactivates: the values stay in the records and come back when the field is activated again. */
  async function deactivate(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
    assertCan(actor, 'edit', 'custom_field');
    await db.transaction().execute(async (trx) => {
      const before = await q.findDef(trx, id);
      if (!before) throw notFound();
      if (!before.active) return;
      await q.updateDefVersioned(trx, id, before.version, { active: false });
      await recordAudit(trx, ctx, {
        action: 'delete',
        objectType: 'custom_field',
        objectId: id,
        objectLabel: before.label,
        changes: { active: { before: true, after: false } },
      });
    });
  }

  return { list, get, create, update, deactivate };
}

export type CustomFieldsService = ReturnType<typeof makeCustomFieldsService>;
