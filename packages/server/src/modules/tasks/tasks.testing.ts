import type { Kysely } from 'kysely';
import { BUILT_IN_PERMISSIONS, normalizePermissions, type BuiltInRole } from '@kontakt/shared';
import type { DB, TasksTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';
import type { AccessSubject } from '../../platform/access/access.js';
import { newId } from '../../platform/ids.js';

/** Test helpers for tasks: rows written straight to the database, for tests that are not about writing them. */

export async function taskTypeId(db: Kysely<DB>, key = 'task'): Promise<string> {
  return (await db.selectFrom('task_types').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
}

export async function insertTask(
  db: Kysely<DB>,
  values: Partial<Insertable<TasksTable>> & { responsible_id: string; participantIds?: string[] },
): Promise<string> {
  const { participantIds, ...row } = values;
  const id = row.id ?? newId();
  await db
    .insertInto('tasks')
    .values({
      type_id: row.type_id ?? (await taskTypeId(db)),
      title: 'Задача',
      created_by: row.responsible_id,
      ...row,
      id,
    })
    .execute();
  if (participantIds?.length) {
    await db.insertInto('task_participants').values(participantIds.map((user_id) => ({ task_id: id, user_id }))).execute();
  }
  return id;
}

/** An access subject with a built-in role's rights, without signing in. */
export function subjectOf(userId: string, role: BuiltInRole, departmentScope: string[] = []): AccessSubject {
  return { userId, permissions: normalizePermissions(BUILT_IN_PERMISSIONS[role]), departmentScope };
}

/** A person working in an organization; the primary employment is mirrored in `persons.organization_id`. */
export async function employ(db: Kysely<DB>, personId: string, organizationId: string, primary = true): Promise<void> {
  await db.insertInto('employments').values({ id: newId(), person_id: personId, organization_id: organizationId, is_primary: primary }).execute();
  if (primary) await db.updateTable('persons').set({ organization_id: organizationId }).where('id', '=', personId).execute();
}
