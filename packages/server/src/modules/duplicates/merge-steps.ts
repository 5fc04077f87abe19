import { sql, type Transaction } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';

/**
 * What a merge does besides choosing field values: every row that points at a merged record is moved to
 * the survivor, one step per kind of reference. Later modules (tasks, deals, invoices, mail) add their own
 * step with `mergeSteps.register(...)` where app.ts builds the services, instead of editing the merge code:
 *
 *   mergeSteps.register({
 *     name: 'tasks',
 *     types: ['organization', 'person'],
 *     run: async ({ trx, survivorId, mergedIds }) =>
 *       Number((await trx.updateTable('tasks').set({ client_id: survivorId }).where('client_id', 'in', mergedIds).executeTakeFirst()).numUpdatedRows),
 *   });
 *
 * A step runs inside the merge transaction after the survivor's fields are written and before the merged
 * records go to the recycle bin; it returns how many rows it moved (shown to the user and audited).
 */
export interface MergeStepContext {
  trx: Transaction<DB>;
  type: ClientType;
  survivorId: string;
  /** Never empty, never contains the survivor. */
  mergedIds: readonly string[];
  actorId: string;
}

export interface MergeStep {
  /** Key in the merge result's `moved` and in the audit entry. */
  name: string;
  types: readonly ClientType[];
  run(context: MergeStepContext): Promise<number>;
}

export class MergeSteps {
  private readonly steps: MergeStep[] = [];

  register(step: MergeStep): this {
    if (this.steps.some((s) => s.name === step.name && s.types.some((type) => step.types.includes(type)))) {
      throw new Error(`merge step "${step.name}" registered twice`);
    }
    this.steps.push(step);
    return this;
  }

  forType(type: ClientType): readonly MergeStep[] {
    return this.steps.filter((step) => step.types.includes(type));
  }
}

const ids = (list: readonly string[]) => sql`${[...list]}::uuid[]`;
const count = (result: { numAffectedRows?: bigint } | { rows: unknown[]; numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);

/**
 * Phones, emails, messengers, sites: a merged record's contact that the survivor (or an earlier merged
 * record) already has with the same normalized value is dropped, the rest move and go after the survivor's.
 */
const contacts: MergeStep = {
  name: 'contacts',
  types: ['organization', 'person'],
  async run({ trx, survivorId, mergedIds }) {
    await sql`
      DELETE FROM contact_points c
      WHERE c.owner_id = ANY(${ids(mergedIds)}) AND (
        EXISTS (SELECT 1 FROM contact_points s WHERE s.owner_id = ${survivorId} AND s.kind = c.kind AND s.normalized = c.normalized)
        OR EXISTS (SELECT 1 FROM contact_points o WHERE o.owner_id = ANY(${ids(mergedIds)}) AND o.kind = c.kind
                   AND o.normalized = c.normalized AND o.id < c.id))`.execute(trx);
    const moved = await sql`
      UPDATE contact_points SET owner_id = ${survivorId},
        position = position + 1 + coalesce((SELECT max(position) FROM contact_points WHERE owner_id = ${survivorId}), 0)
      WHERE owner_id = ANY(${ids(mergedIds)})`.execute(trx);
    return count(moved);
  },
};

/** Addresses: the same kind with the same text in every part counts as one. */
const addresses: MergeStep = {
  name: 'addresses',
  types: ['organization', 'person'],
  async run({ trx, survivorId, mergedIds }) {
    const same = (a: string, b: string) =>
      sql.raw(
        ['kind', 'country', 'postal_code', 'region', 'city', 'street']
          .map((column) => `lower(coalesce(${a}.${column}, '')) = lower(coalesce(${b}.${column}, ''))`)
          .join(' AND '),
      );
    await sql`
      DELETE FROM addresses c
      WHERE c.owner_id = ANY(${ids(mergedIds)}) AND (
        EXISTS (SELECT 1 FROM addresses s WHERE s.owner_id = ${survivorId} AND ${same('s', 'c')})
        OR EXISTS (SELECT 1 FROM addresses o WHERE o.owner_id = ANY(${ids(mergedIds)}) AND ${same('o', 'c')} AND o.id < c.id))`.execute(trx);
    const moved = await sql`
      UPDATE addresses SET owner_id = ${survivorId},
        position = position + 1 + coalesce((SELECT max(position) FROM addresses WHERE owner_id = ${survivorId}), 0)
      WHERE owner_id = ANY(${ids(mergedIds)})`.execute(trx);
    return count(moved);
  },
};

/** Bank accounts: one per BIK + account number; the survivor's primary account stays the primary one. */
const bankAccounts: MergeStep = {
  name: 'bankAccounts',
  types: ['organization'],
  async run({ trx, survivorId, mergedIds }) {
    await sql`
      DELETE FROM bank_accounts c
      WHERE c.organization_id = ANY(${ids(mergedIds)}) AND (
        EXISTS (SELECT 1 FROM bank_accounts s WHERE s.organization_id = ${survivorId} AND s.bik = c.bik AND s.account = c.account)
        OR EXISTS (SELECT 1 FROM bank_accounts o WHERE o.organization_id = ANY(${ids(mergedIds)}) AND o.bik = c.bik
                   AND o.account = c.account AND o.id < c.id))`.execute(trx);
    const moved = await sql`
      UPDATE bank_accounts SET organization_id = ${survivorId},
        is_primary = is_primary AND NOT EXISTS (SELECT 1 FROM bank_accounts s WHERE s.organization_id = ${survivorId} AND s.is_primary),
        position = position + 1 + coalesce((SELECT max(position) FROM bank_accounts WHERE organization_id = ${survivorId}), 0)
      WHERE organization_id = ANY(${ids(mergedIds)})`.execute(trx);
    // Several merged primaries: keep the first.
    await sql`
      UPDATE bank_accounts b SET is_primary = false
      WHERE b.organization_id = ${survivorId} AND b.is_primary
        AND EXISTS (SELECT 1 FROM bank_accounts o WHERE o.organization_id = ${survivorId} AND o.is_primary AND o.position < b.position)`.execute(trx);
    return count(moved);
  },
};

/** The client organization's own departments. */
const units: MergeStep = {
  name: 'units',
  types: ['organization'],
  async run({ trx, survivorId, mergedIds }) {
    const moved = await trx.updateTable('organization_units').set({ organization_id: survivorId }).where('organization_id', 'in', [...mergedIds]).executeTakeFirst();
    return Number(moved.numUpdatedRows);
  },
};

/**
 * People working in a merged organization now work in the survivor. A person employed in both keeps one
 * employment (the survivor's, filled in from the other, primary if either was).
 */
const organizationEmployments: MergeStep = {
  name: 'employments',
  types: ['organization'],
  async run({ trx, survivorId, mergedIds }) {
    // Employed in two merged organizations: keep the primary one, else the older.
    await sql`
      DELETE FROM employments m
      WHERE m.organization_id = ANY(${ids(mergedIds)}) AND EXISTS (
        SELECT 1 FROM employments o WHERE o.person_id = m.person_id AND o.organization_id = ANY(${ids(mergedIds)}) AND o.id <> m.id
          AND (o.is_primary AND NOT m.is_primary OR o.is_primary = m.is_primary AND o.id < m.id))`.execute(trx);
    const clashes = await sql<{ id: string; person_id: string; is_primary: boolean; position: string | null; department: string | null }>`
      SELECT m.id, m.person_id, m.is_primary, m.position, m.department
      FROM employments m JOIN employments s ON s.person_id = m.person_id AND s.organization_id = ${survivorId}
      WHERE m.organization_id = ANY(${ids(mergedIds)})`.execute(trx);
    if (clashes.rows.length > 0) {
      await trx.deleteFrom('employments').where('id', 'in', clashes.rows.map((r) => r.id)).execute();
      for (const clash of clashes.rows) {
        await sql`
          UPDATE employments SET is_primary = is_primary OR ${clash.is_primary},
            position = coalesce(position, ${clash.position}), department = coalesce(department, ${clash.department})
          WHERE person_id = ${clash.person_id} AND organization_id = ${survivorId}`.execute(trx);
      }
    }
    const moved = await trx.updateTable('employments').set({ organization_id: survivorId }).where('organization_id', 'in', [...mergedIds]).executeTakeFirst();
    return Number(moved.numUpdatedRows) + clashes.rows.length;
  },
};

/** `persons.organization_id` mirrors the primary employment; their cards change, so their versions move. */
const organizationPersons: MergeStep = {
  name: 'persons',
  types: ['organization'],
  async run({ trx, survivorId, mergedIds }) {
    const moved = await sql`
      UPDATE persons SET organization_id = ${survivorId}, version = version + 1, updated_at = now()
      WHERE organization_id = ANY(${ids(mergedIds)})`.execute(trx);
    return count(moved);
  },
};

/** Branches and subsidiaries of a merged organization now hang under the survivor. */
const subOrganizations: MergeStep = {
  name: 'subOrganizations',
  types: ['organization'],
  async run({ trx, survivorId, mergedIds }) {
    const moved = await sql`
      UPDATE organizations SET parent_id = ${survivorId}, version = version + 1, updated_at = now()
      WHERE parent_id = ANY(${ids(mergedIds)}) AND id <> ${survivorId} AND NOT (id = ANY(${ids(mergedIds)}))`.execute(trx);
    return count(moved);
  },
};

/**
 * A merged person's employments move to the survivor, one per organization. The survivor's primary
 * employment stays primary; `persons.organization_id` is then made to agree with it (the service calls
 * `syncPrimaryEmployment` after the field values are chosen).
 */
const personEmployments: MergeStep = {
  name: 'employments',
  types: ['person'],
  async run({ trx, survivorId, mergedIds }) {
    const all = ids([survivorId, ...mergedIds]);
    // One employment per organization among all the records, the survivor's first, then primary, then older.
    await sql`
      DELETE FROM employments m
      WHERE m.person_id = ANY(${ids(mergedIds)}) AND EXISTS (
        SELECT 1 FROM employments o WHERE o.person_id = ANY(${all}) AND o.organization_id = m.organization_id AND o.id <> m.id
          AND (o.person_id = ${survivorId}
               OR o.is_primary AND NOT m.is_primary
               OR o.is_primary = m.is_primary AND o.id < m.id))`.execute(trx);
    // At most one primary after the move: the survivor's, else the first merged one.
    await sql`
      UPDATE employments m SET is_primary = false
      WHERE m.person_id = ANY(${ids(mergedIds)}) AND m.is_primary AND EXISTS (
        SELECT 1 FROM employments o WHERE o.person_id = ANY(${all}) AND o.is_primary AND o.id <> m.id
          AND (o.person_id = ${survivorId} OR o.id < m.id))`.execute(trx);
    const moved = await trx.updateTable('employments').set({ person_id: survivorId }).where('person_id', 'in', [...mergedIds]).executeTakeFirst();
    return Number(moved.numUpdatedRows);
  },
};

/** Group memberships: the survivor joins every group a merged record was in. */
const groups: MergeStep = {
  name: 'groups',
  types: ['organization', 'person'],
  async run({ trx, type, survivorId, mergedIds }) {
    const added = await sql`
      INSERT INTO group_members (group_id, record_type, record_id, added_at, added_by)
      SELECT DISTINCT ON (group_id) group_id, ${type}, ${survivorId}::uuid, added_at, added_by
      FROM group_members WHERE record_id = ANY(${ids(mergedIds)})
      ORDER BY group_id, added_at
      ON CONFLICT (group_id, record_id) DO NOTHING`.execute(trx);
    await trx.deleteFrom('group_members').where('record_id', 'in', [...mergedIds]).execute();
    return count(added);
  },
};

/** Links from and to merged records now start or end at the survivor; links between them vanish. */
const links: MergeStep = {
  name: 'links',
  types: ['organization', 'person'],
  async run({ trx, survivorId, mergedIds }) {
    const from = await sql`UPDATE record_links SET from_id = ${survivorId} WHERE from_id = ANY(${ids(mergedIds)})`.execute(trx);
    const to = await sql`UPDATE record_links SET to_id = ${survivorId} WHERE to_id = ANY(${ids(mergedIds)})`.execute(trx);
    await sql`DELETE FROM record_links WHERE from_id = ${survivorId} AND to_id = ${survivorId}`.execute(trx);
    // The same link twice (both records were "recommended by" the same person): keep the older.
    await sql`
      DELETE FROM record_links l
      WHERE (l.from_id = ${survivorId} OR l.to_id = ${survivorId}) AND EXISTS (
        SELECT 1 FROM record_links o WHERE o.from_id = l.from_id AND o.to_id = l.to_id AND o.label = l.label AND o.id < l.id)`.execute(trx);
    return count(from) + count(to);
  },
};

/**
 * Custom fields of the "link to an organization / person" kind, in any client record, now name the
 * survivor. One containment query per field key, served by the jsonb_path_ops GIN index on `custom`.
 */
const customFieldLinks: MergeStep = {
  name: 'customFieldLinks',
  types: ['organization', 'person'],
  async run({ trx, type, survivorId, mergedIds }) {
    const defs = await trx.selectFrom('custom_field_defs').select(['object_type', 'key']).where('type', '=', type).execute();
    let moved = 0;
    for (const def of defs) {
      const table = sql.raw(def.object_type === 'organization' ? 'organizations' : 'persons');
      for (const mergedId of mergedIds) {
        const result = await sql`
          UPDATE ${table} SET custom = jsonb_set(custom, ARRAY[${def.key}]::text[], to_jsonb(${survivorId}::text)), version = version + 1, updated_at = now()
          WHERE custom @> jsonb_build_object(${def.key}::text, ${mergedId}::text)`.execute(trx);
        moved += count(result);
      }
    }
    return moved;
  },
};

/** Records merged earlier into a record merged now point at the final survivor (for the recycle bin). */
const earlierMerges: MergeStep = {
  name: 'earlierMerges',
  types: ['organization', 'person'],
  async run({ trx, type, survivorId, mergedIds }) {
    const table = sql.raw(type === 'organization' ? 'organizations' : 'persons');
    return count(await sql`UPDATE ${table} SET merged_into_id = ${survivorId} WHERE merged_into_id = ANY(${ids(mergedIds)})`.execute(trx));
  },
};

/** The steps of the client base itself; app.ts creates the registry once and later modules add theirs. */
export function createMergeSteps(): MergeSteps {
  return new MergeSteps()
    .register(contacts)
    .register(addresses)
    .register(bankAccounts)
    .register(units)
    .register(organizationEmployments)
    .register(organizationPersons)
    .register(subOrganizations)
    .register(personEmployments)
    .register(groups)
    .register(links)
    .register(customFieldLinks)
    .register(earlierMerges);
}
