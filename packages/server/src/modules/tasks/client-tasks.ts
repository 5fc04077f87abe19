import { sql, type Kysely, type Transaction } from 'kysely';
import type { CLIENT_OPEN_TASKS_CHOICES, ClientType } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { scopeFilter, type AccessSubject } from '../../platform/access/access.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { recordAuditMany } from '../clients/handoff.js';
import type { MergeStep } from '../duplicates/merge-steps.js';
import { dropUnfired } from './task-reminders.js';

/** What the client base does to tasks when clients are merged or deleted. */

const ids = (list: readonly string[]) => sql`${[...list]}::uuid[]`;
const column = (type: ClientType) => sql.raw(type === 'organization' ? 'organization_id' : 'person_id');

/**
 * A merge moves the merged records' tasks (live and deleted) to the survivor, so its timeline holds the
 * whole history. A merged person's tasks keep their organization: the person's employments move to the
 * survivor too, so it works there as well.
 */
export const tasksMergeStep: MergeStep = {
  name: 'tasks',
  types: ['organization', 'person'],
  async run({ trx, type, survivorId, mergedIds }) {
    const moved = await sql`
      UPDATE tasks SET ${column(type)} = ${survivorId}, version = version + 1, updated_at = now()
      WHERE ${column(type)} = ANY(${ids(mergedIds)})`.execute(trx);
    return Number(moved.numAffectedRows ?? 0);
  },
};

export type ClientOpenTasksChoice = (typeof CLIENT_OPEN_TASKS_CHOICES)[number];

/**
 * Deleting clients never leaves their tasks silently: the client goes to the recycle bin and its tasks stay
 * (history shows the client as deleted; restoring the client brings the link back). Open tasks — a planned
 * call to a client that is gone — need the user's word: without `choice` the answer is 409
 * `client_has_open_tasks` with their count; `keep` leaves them, `cancel` cancels those the user may edit
 * (audited, reminders dropped) — a colleague's task the user may not touch stays open with its responsible,
 * who sees the client as deleted. An organization's count includes its persons' tasks, which carry the
 * organization.
 */
export async function settleOpenTasksOfDeletedClients(
  trx: Transaction<DB> | Kysely<DB>,
  actor: AccessSubject,
  ctx: RequestContext,
  type: ClientType,
  clientIds: readonly string[],
  choice: ClientOpenTasksChoice | undefined,
): Promise<void> {
  if (clientIds.length === 0) return;
  const open = await sql<{ id: string; title: string; status: string; editable: boolean }>`
    SELECT id, title, status, ${scopeFilter(actor, 'edit', 'task')} AS editable FROM tasks
    WHERE ${column(type)} = ANY(${ids(clientIds)}) AND deleted_at IS NULL AND status IN ('planned', 'in_progress')
    ORDER BY id
    FOR UPDATE`.execute(trx);
  if (open.rows.length === 0 || choice === 'keep') return;
  if (!choice) throw new AppError('client_has_open_tasks', { params: { count: open.rows.length } });
  const cancelled = open.rows.filter((r) => r.editable);
  if (cancelled.length === 0) return;
  const taskIds = cancelled.map((r) => r.id);
  await sql`
    UPDATE tasks SET status = 'cancelled', completed_at = NULL, updated_at = now(), version = version + 1
    WHERE id = ANY(${ids(taskIds)})`.execute(trx);
  await dropUnfired(trx, taskIds);
  const entries: AuditEntry[] = cancelled.map((r) => ({
    action: 'update',
    objectType: 'task',
    objectId: r.id,
    objectLabel: r.title,
    changes: { status: { before: r.status, after: 'cancelled' }, reason: { before: null, after: `${type}_deleted` } },
  }));
  await recordAuditMany(trx as Kysely<DB>, ctx, entries);
}
