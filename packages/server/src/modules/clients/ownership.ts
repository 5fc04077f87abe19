import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RecordOwnership } from '../../platform/access/access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The owner and department of a client record, as `scopeFilter`'s SQL for organizations and persons sees them. */
export interface ClientOwnerRow {
  responsible_id: string | null;
  created_by: string | null;
  responsible_department_id?: string | null;
}

export function clientOwnership(row: ClientOwnerRow): RecordOwnership {
  return {
    ownerIds: [row.responsible_id ?? row.created_by],
    departmentIds: [row.responsible_department_id ?? null],
  };
}

/** Ownership of a new or re-assigned record: the responsible manager's department counts. */
export async function ownershipFor(db: Executor, responsibleId: string | null, createdBy: string | null): Promise<RecordOwnership> {
  const department = responsibleId
    ? await db.selectFrom('users').select('department_id').where('id', '=', responsibleId).executeTakeFirst()
    : undefined;
  return clientOwnership({ responsible_id: responsibleId, created_by: createdBy, responsible_department_id: department?.department_id ?? null });
}
