import type { z } from 'zod';
import { sql } from 'kysely';
import type { createTaskTypeBodySchema, TaskTypeDto, updateTaskTypeBodySchema } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import type { TaskTypeRow, TaskTypeResult } from '../../db/schema.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import type { Executor } from './task-dto.js';

type CreateBody = z.output<typeof createTaskTypeBodySchema>;
type UpdateBody = z.output<typeof updateTaskTypeBodySchema>;

export function toTaskTypeDto(row: TaskTypeRow): TaskTypeDto {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    icon: row.icon,
    color: row.color,
    results: row.results.map((r) => ({ key: r.key, label: r.label })),
    isContact: row.is_contact,
    position: row.position,
    active: row.active,
    version: row.version,
  };
}

const audited = (dto: TaskTypeDto) => ({
  name: dto.name,
  icon: dto.icon,
  color: dto.color,
  results: dto.results,
  isContact: dto.isContact,
  position: dto.position,
  active: dto.active,
});

/** Result keys are stable codes stored in tasks; a new result typed by an administrator gets a generated one. */
const generatedKey = () => `r_${newId().replace(/-/g, '').slice(-10)}`;

/**
 * The result options after a change: given results in the given order; a known key keeps its key and takes
 * the new label; a built-in key (label null) keeps its translation; a removed key that tasks already use is
 * refused, so it can be relabelled but not removed.
 */
function mergeResults(
  before: TaskTypeResult[],
  input: { key?: string | undefined; label?: string | null | undefined }[],
  usedKeys: Set<string>,
  problems: Problems,
): TaskTypeResult[] {
  const known = new Map(before.map((r) => [r.key, r]));
  const out: TaskTypeResult[] = [];
  const seen = new Set<string>();
  input.forEach((item, index) => {
    const key = item.key ?? generatedKey();
    const label = item.label ?? null;
    if (seen.has(key)) problems.add(`results.${index}.key`, 'taken');
    seen.add(key);
    // Only a built-in result may go without a label: its name comes from the translations.
    const builtIn = known.has(key) && known.get(key)!.label === null;
    if (label === null && !builtIn) problems.add(`results.${index}.label`, 'required');
    out.push({ key, label });
  });
  for (const r of before) {
    if (!seen.has(r.key) && usedKeys.has(r.key)) problems.add('results', 'option_in_use', { key: r.key });
  }
  return out;
}

async function usedResultKeys(db: Executor, typeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('tasks').select('result_key').distinct().where('type_id', '=', typeId).where('result_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.result_key!));
}

async function nameTaken(db: Executor, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('task_types').select('id').where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return !!(await query.executeTakeFirst());
}

/** Types of tasks and their results: everyone reads them, those with the `task_type` right configure them. */
export function makeTaskTypesService({ db }: ServiceDeps) {
  async function list(): Promise<{ items: TaskTypeDto[] }> {
    const rows = await db.selectFrom('task_types').selectAll().orderBy('position').orderBy('created_at').orderBy('id').execute();
    return { items: rows.map(toTaskTypeDto) };
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateBody): Promise<TaskTypeDto> {
    assertCan(actor, 'edit', 'task_type');
    const problems = new Problems();
    const results = mergeResults([], body.results ?? [], new Set(), problems);
    return db.transaction().execute(async (trx) => {
      if (await nameTaken(trx, body.name, null)) problems.add('name', 'taken');
      problems.throwIfAny();
      const last = await trx.selectFrom('task_types').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
      const id = newId();
      const row = await trx
        .insertInto('task_types')
        .values({
          id,
          name: body.name,
          icon: body.icon ?? 'checkbox',
          color: body.color ?? 'blue',
          results: JSON.stringify(results),
          is_contact: body.isContact ?? false,
          position: Number(last?.max ?? -1) + 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const dto = toTaskTypeDto(row);
      await recordAudit(trx, ctx, { action: 'create', objectType: 'task_type', objectId: id, objectLabel: dto.name, changes: diffChanges(null, audited(dto)) });
      return dto;
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateBody): Promise<TaskTypeDto> {
    assertCan(actor, 'edit', 'task_type');
    const problems = new Problems();
    return db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('task_types').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound();
      if (before.version !== body.version) throw versionConflict();
      // A built-in type may drop its own name and go back to the translated one; an administrator's may not.
      if (body.name === null && !before.key) problems.add('name', 'required');
      if (body.name && (await nameTaken(trx, body.name, id))) problems.add('name', 'taken');
      const results = body.results ? mergeResults(before.results, body.results, await usedResultKeys(trx, id), problems) : undefined;
      problems.throwIfAny();
      const after = await trx
        .updateTable('task_types')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.icon !== undefined ? { icon: body.icon } : {}),
          ...(body.color !== undefined ? { color: body.color } : {}),
          ...(results ? { results: JSON.stringify(results) } : {}),
          ...(body.isContact !== undefined ? { is_contact: body.isContact } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          updated_at: new Date(),
          version: before.version + 1,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const dto = toTaskTypeDto(after);
      const changes = diffChanges(audited(toTaskTypeDto(before)), audited(dto));
      if (Object.keys(changes).length > 0) {
        await recordAudit(trx, ctx, { action: 'update', objectType: 'task_type', objectId: id, objectLabel: dto.name ?? dto.key, changes });
      }
      return dto;
    });
  }

  /** A type no task ever used goes away; a used or built-in one is switched off, so its tasks keep it. */
  async function remove(actor: Actor, ctx: RequestContext, id: string): Promise<{ outcome: 'deleted' | 'deactivated'; type: TaskTypeDto | null }> {
    assertCan(actor, 'edit', 'task_type');
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('task_types').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound();
      const used = !!(await trx.selectFrom('tasks').select('id').where('type_id', '=', id).limit(1).executeTakeFirst());
      if (!used && !row.key) {
        await trx.deleteFrom('task_types').where('id', '=', id).execute();
        await recordAudit(trx, ctx, { action: 'delete', objectType: 'task_type', objectId: id, objectLabel: row.name });
        return { outcome: 'deleted' as const, type: null };
      }
      if (!row.active) return { outcome: 'deactivated' as const, type: toTaskTypeDto(row) };
      const after = await trx
        .updateTable('task_types')
        .set({ active: false, updated_at: new Date(), version: row.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'task_type',
        objectId: id,
        objectLabel: row.name ?? row.key,
        changes: { active: { before: true, after: false } },
      });
      return { outcome: 'deactivated' as const, type: toTaskTypeDto(after) };
    });
  }

  return { list, create, update, remove };
}

export type TaskTypesService = ReturnType<typeof makeTaskTypesService>;
