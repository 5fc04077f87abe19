import type { Transaction } from 'kysely';
import type { ClientType, DB } from '../../db/schema.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { settleOpenTasksOfDeletedClients, type ClientOpenTasksChoice } from '../tasks/client-tasks.js';
import { clientOwnership, type ClientOwnerRow } from './ownership.js';

/** What the recycle bin needs of an organization or person row the caller has found and may view. */
export interface BinRow extends ClientOwnerRow {
  id: string;
  version: number;
  deleted_at: Date | null;
  merged_into_id: string | null;
}

const TABLE = { organization: 'organizations', person: 'persons' } as const;

/**
 * Moves the record into the recycle bin; nothing is erased, so restore brings everything back. Its open
 * tasks need the user's choice first (see settleOpenTasksOfDeletedClients).
 */
export async function moveToBin(
  trx: Transaction<DB>,
  actor: Actor,
  ctx: RequestContext,
  type: ClientType,
  row: BinRow,
  label: string,
  openTasks?: ClientOpenTasksChoice,
): Promise<void> {
  assertCan(actor, 'delete', type, clientOwnership(row));
  if (row.deleted_at) return;
  await settleOpenTasksOfDeletedClients(trx, actor, ctx, type, [row.id], openTasks);
  await trx
    .updateTable(TABLE[type])
    .set({ deleted_at: new Date(), deleted_by: actor.userId, version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, ctx, { action: 'delete', objectType: type, objectId: row.id, objectLabel: label });
}

export async function restoreFromBin(trx: Transaction<DB>, actor: Actor, ctx: RequestContext, type: ClientType, row: BinRow, label: string): Promise<void> {
  assertCan(actor, 'delete', type, clientOwnership(row));
  // A merged record's contacts, persons and groups now belong to the survivor: restoring it would bring back an empty shell.
  if (row.merged_into_id) throw new AppError('record_merged');
  if (!row.deleted_at) return;
  await trx
    .updateTable(TABLE[type])
    .set({ deleted_at: null, deleted_by: null, updated_at: new Date(), version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, ctx, { action: 'restore', objectType: type, objectId: row.id, objectLabel: label });
}
