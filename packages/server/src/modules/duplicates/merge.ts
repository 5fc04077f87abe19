import type { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { ClientType, MergeResult, mergeBodySchema } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { assertCan, can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type Changes, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { Problems } from '../../platform/validate.js';
import { clientOwnership } from '../clients/ownership.js';
import { recordSearchTerms } from '../search/search-terms.js';
import * as q from './duplicates.queries.js';
import type { MergeSteps } from './merge-steps.js';

type MergeBody = z.output<typeof mergeBodySchema>;
type Row = Record<string, unknown> & {
  id: string;
  version: number;
  custom: Record<string, unknown>;
  responsible_id: string | null;
  created_by: string | null;
  responsible_department_id: string | null;
};

/** API field → the columns it stands for (the identity document is one field of five columns). */
const COLUMNS: Record<string, readonly string[]> = {
  kind: ['kind'],
  name: ['name'],
  fullName: ['full_name'],
  legalForm: ['legal_form'],
  inn: ['inn'],
  kpp: ['kpp'],
  ogrn: ['ogrn'],
  okpo: ['okpo'],
  industry: ['industry'],
  region: ['region'],
  source: ['source'],
  firstContactReason: ['first_contact_reason'],
  responsibleId: ['responsible_id'],
  parentId: ['parent_id'],
  website: ['website'],
  notes: ['notes'],
  lastName: ['last_name'],
  firstName: ['first_name'],
  middleName: ['middle_name'],
  gender: ['gender'],
  birthDate: ['birth_date'],
  position: ['position'],
  department: ['department'],
  organizationId: ['organization_id'],
  influence: ['influence'],
  preferences: ['preferences'],
  document: ['doc_type', 'doc_series', 'doc_number', 'doc_issued_by', 'doc_issued_on'],
};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const valueOf = (row: Row, field: string) => {
  const columns = COLUMNS[field]!;
  if (columns.length === 1) return row[columns[0]!] ?? null;
  const parts = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
  return Object.values(parts).every(isEmpty) ? null : parts;
};
const nameOf = (type: ClientType, row: Row) =>
  type === 'organization' ? String(row.name) : [row.last_name, row.first_name, row.middle_name].filter(Boolean).join(' ');

/**
 * Merges records of one type into a survivor, in one transaction: the survivor takes the chosen field
 * values, every registered step moves related rows over, the merged records go to the recycle bin marked
 * `merged_into_id`, and the audit log tells on the survivor what came from where.
 */
export async function mergeRecords(
  db: Kysely<DB>,
  mergeSteps: MergeSteps,
  actor: Actor,
  ctx: RequestContext,
  body: MergeBody,
  mergeFields: readonly string[],
): Promise<MergeResult> {
  const { type, survivorId } = body;
  const mergedIds = [...new Set(body.mergedIds)];
  if (mergedIds.includes(survivorId)) throw new AppError('merge_same_record');
  const allIds = [survivorId, ...mergedIds];

  const problems = new Problems();
  for (const [field, sourceId] of Object.entries(body.fields ?? {})) {
    if (!mergeFields.includes(field)) problems.add(`fields.${field}`, 'unknown_field');
    else if (!allIds.includes(sourceId)) problems.add(`fields.${field}`, 'invalid_value');
  }
  for (const [key, sourceId] of Object.entries(body.custom ?? {})) {
    if (!allIds.includes(sourceId)) problems.add(`custom.${key}`, 'invalid_value');
  }
  problems.throwIfAny();

  return db.transaction().execute(async (trx) => {
    const rows = (type === 'organization' ? await q.lockOrganizations(trx, allIds) : await q.lockPersons(trx, allIds)) as unknown as Row[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = allIds.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const other = await q.existingIds(trx, type === 'organization' ? 'person' : 'organization', missing);
      if (other.length > 0) throw new AppError('merge_type_mismatch');
      throw notFound();
    }
    const survivor = byId.get(survivorId)!;
    const merged = mergedIds.map((id) => byId.get(id)!);

    // Rights first (a record the actor may not view answers as missing), then state, then versions.
    for (const row of rows) if (!can(actor, 'view', type, clientOwnership(row))) throw notFound();
    assertCan(actor, 'edit', type, clientOwnership(survivor));
    for (const row of merged) assertCan(actor, 'delete', type, clientOwnership(row));
    if (rows.some((row) => row.deleted_at)) throw new AppError('record_deleted');
    for (const [id, version] of Object.entries(body.versions ?? {})) {
      const row = byId.get(id);
      if (row && row.version !== version) throw versionConflict();
    }

    // Field values: the chosen record's, else the survivor's, else the first merged record that has one.
    const mayEditDocument = can(actor, 'edit', 'identity_document', clientOwnership(survivor));
    const update: Record<string, unknown> = {};
    const changes: Changes = {};
    const sources: Record<string, string> = {};
    for (const field of mergeFields) {
      const chosen = body.fields?.[field];
      const before = valueOf(survivor, field);
      let source = chosen ? byId.get(chosen)! : isEmpty(before) ? merged.find((row) => !isEmpty(valueOf(row, field))) : undefined;
      if (field === 'document' && source && source !== survivor && !mayEditDocument) {
        if (chosen) throw new AppError('forbidden');
        source = undefined;
      }
      if (!source || source === survivor) continue;
      let after = valueOf(source, field);
      // A parent that is one of the merged records would make the survivor its own parent.
      if (field === 'parentId' && typeof after === 'string' && allIds.includes(after)) after = null;
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      for (const column of COLUMNS[field]!) update[column] = field === 'parentId' ? after : (source[column] ?? null);
      changes[field] = { before, after };
      sources[field] = source.id;
    }
    if (survivor.parent_id && allIds.includes(String(survivor.parent_id)) && !('parent_id' in update)) {
      update.parent_id = null;
      changes.parentId = { before: survivor.parent_id, after: null };
    }

    const custom = { ...survivor.custom };
    const customKeys = new Set([...Object.keys(survivor.custom), ...merged.flatMap((row) => Object.keys(row.custom)), ...Object.keys(body.custom ?? {})]);
    for (const key of customKeys) {
      const chosen = body.custom?.[key];
      const before = survivor.custom[key] ?? null;
      const source = chosen ? byId.get(chosen)! : isEmpty(before) ? merged.find((row) => !isEmpty(row.custom[key])) : undefined;
      if (!source || source === survivor) continue;
      const after = source.custom[key] ?? null;
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      if (after === null) delete custom[key];
      else custom[key] = after;
      changes[`custom.${key}`] = { before, after };
      sources[`custom.${key}`] = source.id;
    }
    if (Object.keys(sources).some((k) => k.startsWith('custom.'))) update.custom = JSON.stringify(custom);

    const table = type === 'organization' ? 'organizations' : 'persons';
    const written = await trx
      .updateTable(table)
      .set({ ...update, version: sql`version + 1`, updated_at: new Date() } as never)
      .where('id', '=', survivorId)
      .returning(['version'])
      .executeTakeFirstOrThrow();
    const survivorAfter = { ...survivor, ...update } as Row;
    await recordSearchTerms(
      trx,
      type === 'organization' ? [survivorAfter.name as string, survivorAfter.full_name as string | null] : [survivorAfter.last_name as string, survivorAfter.first_name as string | null, survivorAfter.middle_name as string | null],
    );

    const moved: Record<string, number> = {};
    for (const step of mergeSteps.forType(type)) {
      moved[step.name] = (moved[step.name] ?? 0) + (await step.run({ trx, type, survivorId, mergedIds, actorId: actor.userId }));
    }
    if (type === 'person') await q.syncPrimaryEmployment(trx, survivorId);

    await sql`
      UPDATE ${sql.raw(table)} SET deleted_at = now(), deleted_by = ${actor.userId}, merged_into_id = ${survivorId},
        version = version + 1, updated_at = now()
      WHERE id = ANY(${mergedIds}::uuid[])`.execute(trx);

    await recordAudit(trx, ctx, {
      action: 'merge',
      objectType: type,
      objectId: survivorId,
      objectLabel: nameOf(type, survivorAfter),
      changes: {
        ...changes,
        // What came from where: the merged records, the record each changed field came from, rows moved.
        merged: { before: null, after: { ids: mergedIds, names: merged.map((row) => nameOf(type, row)), fieldSources: sources, moved } },
      },
    });
    for (const row of merged) {
      await recordAudit(trx, ctx, {
        action: 'merge',
        objectType: type,
        objectId: row.id,
        objectLabel: nameOf(type, row),
        changes: { mergedInto: { before: null, after: { id: survivorId, name: nameOf(type, survivorAfter) } } },
      });
    }
    return { survivorId, version: written.version, moved };
  });
}

