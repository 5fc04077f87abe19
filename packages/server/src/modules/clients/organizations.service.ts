import type { BulkActionBody, OrganizationDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import { checkCustomValues, loadCustomFieldDefs, mergeCustomValues } from '../custom-fields/custom-values.js';
import { recordSearchTerms } from '../search/search-terms.js';
import { checkOrganizationInput, type OrganizationInput } from './client-input.js';
import { auditedOrganization, toOrganizationDto } from './clients.mapper.js';
import * as q from './clients.queries.js';
import { recordHandoffs } from './handoff.js';
import { clientOwnership, ownershipFor } from './ownership.js';
import { countClients, listClients, type ClientListOptions } from './clients-list.js';
import { runBulkAction } from './clients-bulk.js';
import { clientHistory } from './clients-history.js';
import { moveToBin, restoreFromBin } from './clients-recycle.js';
import type { ClientOpenTasksChoice } from '../tasks/client-tasks.js';

/** Organizations: card, create, change, recycle bin. Lists live in clients-list.ts, bulk actions in clients-bulk.ts. */
export function makeOrganizationsService({ db }: ServiceDeps) {
  async function card(exec: q.Executor, row: q.OrganizationCardRow, readerId: string): Promise<OrganizationDto> {
    const [contacts, addresses, bankAccounts, units, groups] = [
      await q.loadContacts(exec, row.id),
      await q.loadAddresses(exec, row.id),
      await q.loadBankAccounts(exec, row.id),
      await q.loadUnits(exec, row.id),
      await q.loadGroups(exec, row.id, readerId),
    ];
    return toOrganizationDto(row, { contacts, addresses, bankAccounts, units, groups });
  }

  /** A record the actor may not view answers like one that does not exist, so ids reveal nothing. */
  function assertVisible(actor: Actor, row: q.OrganizationCardRow | undefined): asserts row is q.OrganizationCardRow {
    if (!row || !can(actor, 'view', 'organization', clientOwnership(row))) throw notFound();
  }

  async function get(actor: Actor, id: string): Promise<OrganizationDto> {
    const row = await q.findOrganization(db, id);
    assertVisible(actor, row);
    return card(db, row, actor.userId);
  }

  /** References that need the database: responsible, parent (no loops), custom values. */
  async function checkReferences(exec: q.Executor, id: string, input: OrganizationInput, problems: Problems, partial: boolean) {
    const { responsible_id: responsibleId, parent_id: parentId } = input.values;
    if (responsibleId && !(await q.activeUserIds(exec, [responsibleId])).has(responsibleId)) problems.add('responsibleId', 'not_found');
    if (parentId) {
      if (parentId === id) problems.add('parentId', 'self_reference');
      else if (!(await q.liveOrganizationIds(exec, [parentId])).has(parentId)) problems.add('parentId', 'not_found');
      else if (partial && (await q.isDescendantOrSelf(exec, id, parentId))) problems.add('parentId', 'cycle');
    }
    if (partial && input.custom === undefined) return {};
    // Inside the transaction: on PGlite a second connection would wait for this one forever.
    const defs = await loadCustomFieldDefs(exec, 'organization');
    return checkCustomValues(exec, defs, input.custom, problems, { partial, fieldPrefix: 'custom' });
  }

  async function writeCollections(exec: q.Executor, id: string, input: OrganizationInput) {
    if (input.contacts) await q.replaceContacts(exec, 'organization', id, input.contacts);
    if (input.addresses) await q.replaceAddresses(exec, 'organization', id, input.addresses);
    if (input.bankAccounts) await q.replaceBankAccounts(exec, id, input.bankAccounts);
    if (input.units) await q.replaceUnits(exec, id, input.units);
  }

  async function create(actor: Actor, ctx: RequestContext, body: Record<string, unknown>): Promise<OrganizationDto> {
    assertCan(actor, 'create', 'organization');
    const problems = new Problems();
    const input = checkOrganizationInput(body, problems);
    // Whoever creates a record is responsible for it unless they name someone else (or nobody).
    if (body.responsibleId === undefined) input.values.responsible_id = actor.userId;
    const id = newId();
    return db.transaction().execute(async (trx) => {
      assertCan(actor, 'create', 'organization', await ownershipFor(trx, input.values.responsible_id ?? null, actor.userId));
      const custom = await checkReferences(trx, id, input, problems, false);
      problems.throwIfAny();
      const now = new Date();
      await trx
        .insertInto('organizations')
        .values({
          ...(input.values as Required<typeof input.values>),
          id,
          custom: JSON.stringify(custom),
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeCollections(trx, id, input);
      await recordSearchTerms(trx, [input.values.name, input.values.full_name]);
      const created = await card(trx, (await q.findOrganization(trx, id))!, actor.userId);
      await recordAudit(trx, ctx, {
        action: 'create',
        objectType: 'organization',
        objectId: id,
        objectLabel: created.name,
        changes: diffChanges(null, auditedOrganization(created)),
      });
      if (created.responsible && created.responsible.id !== actor.userId) {
        await recordHandoffs(trx, actor, ctx, [
          { recordType: 'organization', recordId: id, recordName: created.name, before: null, after: created.responsible },
        ]);
      }
      return created;
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<OrganizationDto> {
    const problems = new Problems();
    const input = checkOrganizationInput(body, problems, { partial: true });
    return db.transaction().execute(async (trx) => {
      const before = await q.findOrganization(trx, id, true);
      assertVisible(actor, before);
      if (before.deleted_at) throw new AppError('record_deleted');
      if (input.version !== undefined && before.version !== input.version) throw versionConflict();
      assertCan(actor, 'edit', 'organization', clientOwnership(before));
      const customChanges = await checkReferences(trx, id, input, problems, true);
      problems.throwIfAny();
      const beforeDto = await card(trx, before, actor.userId);
      await trx
        .updateTable('organizations')
        .set({
          ...input.values,
          ...(input.custom !== undefined ? { custom: JSON.stringify(mergeCustomValues(before.custom, customChanges)) } : {}),
          updated_at: new Date(),
          version: before.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await writeCollections(trx, id, input);
      if (input.values.name !== undefined || input.values.full_name !== undefined) {
        await recordSearchTerms(trx, [input.values.name, input.values.full_name]);
      }
      const after = await card(trx, (await q.findOrganization(trx, id))!, actor.userId);
      await auditUpdate(trx, actor, ctx, beforeDto, after);
      return after;
    });
  }

  /** An update's history: the changed fields, and a handoff entry of its own when the responsible changed. */
  async function auditUpdate(trx: q.Executor, actor: Actor, ctx: RequestContext, before: OrganizationDto, after: OrganizationDto) {
    const { responsible, ...changes } = diffChanges(auditedOrganization(before), auditedOrganization(after));
    if (Object.keys(changes).length > 0) {
      await recordAudit(trx, ctx, { action: 'update', objectType: 'organization', objectId: after.id, objectLabel: after.name, changes });
    }
    if (responsible) {
      await recordHandoffs(trx, actor, ctx, [
        { recordType: 'organization', recordId: after.id, recordName: after.name, before: before.responsible, after: after.responsible },
      ]);
    }
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string, options: { openTasks?: ClientOpenTasksChoice | undefined } = {}): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await q.findOrganization(trx, id, true);
      assertVisible(actor, row);
      await moveToBin(trx, actor, ctx, 'organization', row, row.name, options.openTasks);
    });
  }

  async function restore(actor: Actor, ctx: RequestContext, id: string): Promise<OrganizationDto> {
    return db.transaction().execute(async (trx) => {
      const row = await q.findOrganization(trx, id, true);
      assertVisible(actor, row);
      await restoreFromBin(trx, actor, ctx, 'organization', row, row.name);
      return card(trx, (await q.findOrganization(trx, id))!, actor.userId);
    });
  }

  const list = (actor: Actor, query: ClientListOptions & { limit: number; cursor?: string | undefined }) =>
    listClients(db, actor, 'organization', query);
  const count = async (actor: Actor, query: ClientListOptions) => ({ total: await countClients(db, actor, 'organization', query) });
  const bulk = (actor: Actor, ctx: RequestContext, body: BulkActionBody) => runBulkAction(db, actor, ctx, 'organization', body);
  const history = (actor: Actor, id: string, query: { limit: number; cursor?: string | undefined }) =>
    clientHistory(db, actor, 'organization', id, query);

  return { get, create, update, remove, restore, list, count, bulk, history };
}

export type OrganizationsService = ReturnType<typeof makeOrganizationsService>;
