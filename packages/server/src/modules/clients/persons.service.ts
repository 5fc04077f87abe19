import type { BulkActionBody, PersonDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, can, type RecordOwnership } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type Changes, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import { checkCustomValues, loadCustomFieldDefs, mergeCustomValues } from '../custom-fields/custom-values.js';
import { recordSearchTerms } from '../search/search-terms.js';
import { checkPersonInput, type DocumentColumns, type PersonInput } from './client-input.js';
import { auditedPerson, toPersonDto } from './clients.mapper.js';
import * as q from './clients.queries.js';
import { recordHandoffs } from './handoff.js';
import { clientOwnership, ownershipFor } from './ownership.js';
import { countClients, listClients, type ClientListOptions } from './clients-list.js';
import { runBulkAction } from './clients-bulk.js';
import { clientHistory } from './clients-history.js';
import { moveToBin, restoreFromBin } from './clients-recycle.js';
import type { ClientOpenTasksChoice } from '../tasks/client-tasks.js';

const DOCUMENT_COLUMNS = ['doc_type', 'doc_series', 'doc_number', 'doc_issued_by', 'doc_issued_on'] as const;

const documentChanged = (row: q.PersonCardRow, next: DocumentColumns) => DOCUMENT_COLUMNS.some((c) => (row[c] ?? null) !== next[c]);

/**
 * Contact persons: card, create, change, recycle bin. The identity document is a right of its own
 * (`identity_document`), judged on the person's ownership: without `view` the card hides it, without
 * `edit` writing it is refused.
 */
export function makePersonsService({ db }: ServiceDeps) {
  async function card(exec: q.Executor, row: q.PersonCardRow, actor: Actor): Promise<PersonDto> {
    const [contacts, addresses, employments, groups] = [
      await q.loadContacts(exec, row.id),
      await q.loadAddresses(exec, row.id),
      await q.loadEmployments(exec, row.id),
      await q.loadGroups(exec, row.id, actor.userId),
    ];
    const showDocument = can(actor, 'view', 'identity_document', clientOwnership(row));
    return toPersonDto(row, { contacts, addresses, employments, groups, showDocument });
  }

  function assertVisible(actor: Actor, row: q.PersonCardRow | undefined): asserts row is q.PersonCardRow {
    if (!row || !can(actor, 'view', 'person', clientOwnership(row))) throw notFound();
  }

  async function get(actor: Actor, id: string): Promise<PersonDto> {
    const row = await q.findPerson(db, id);
    assertVisible(actor, row);
    return card(db, row, actor);
  }

  async function checkReferences(exec: q.Executor, input: PersonInput, problems: Problems, partial: boolean) {
    const responsibleId = input.values.responsible_id;
    if (responsibleId && !(await q.activeUserIds(exec, [responsibleId])).has(responsibleId)) problems.add('responsibleId', 'not_found');
    if (input.employments?.length) {
      const live = await q.liveOrganizationIds(exec, input.employments.map((e) => e.organization_id));
      input.employments.forEach((e, i) => {
        if (!live.has(e.organization_id)) problems.add(`employments.${i}.organizationId`, 'not_found');
      });
    }
    if (partial && input.custom === undefined) return {};
    const defs = await loadCustomFieldDefs(exec, 'person');
    return checkCustomValues(exec, defs, input.custom, problems, { partial, fieldPrefix: 'custom' });
  }

  async function writeCollections(exec: q.Executor, id: string, input: PersonInput) {
    if (input.employments) await q.replaceEmployments(exec, id, input.employments);
    if (input.contacts) await q.replaceContacts(exec, 'person', id, input.contacts);
    if (input.addresses) await q.replaceAddresses(exec, 'person', id, input.addresses);
  }

  /** `persons.organization_id` mirrors the primary employment, so lists sort and filter without a join. */
  const primaryOrganization = (input: PersonInput) =>
    input.employments ? { organization_id: input.employments.find((e) => e.is_primary)?.organization_id ?? null } : {};

  const searchTexts = (input: PersonInput) => [input.values.last_name, input.values.first_name, input.values.middle_name];

  async function create(actor: Actor, ctx: RequestContext, body: Record<string, unknown>): Promise<PersonDto> {
    assertCan(actor, 'create', 'person');
    const problems = new Problems();
    const input = checkPersonInput(body, problems);
    if (body.responsibleId === undefined) input.values.responsible_id = actor.userId;
    const id = newId();
    return db.transaction().execute(async (trx) => {
      const ownership = await ownershipFor(trx, input.values.responsible_id ?? null, actor.userId);
      assertCan(actor, 'create', 'person', ownership);
      if (input.document && documentGiven(input.document)) assertCan(actor, 'edit', 'identity_document', ownership);
      const custom = await checkReferences(trx, input, problems, false);
      problems.throwIfAny();
      const now = new Date();
      await trx
        .insertInto('persons')
        .values({
          ...(input.values as Required<typeof input.values>),
          ...(input.document ?? {}),
          ...primaryOrganization(input),
          id,
          custom: JSON.stringify(custom),
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeCollections(trx, id, input);
      await recordSearchTerms(trx, searchTexts(input));
      const created = await card(trx, (await q.findPerson(trx, id))!, actor);
      const changes = diffChanges(null, auditedPerson(created));
      if (input.document && documentGiven(input.document)) changes.document = { before: null, after: 'set' };
      await recordAudit(trx, ctx, { action: 'create', objectType: 'person', objectId: id, objectLabel: created.fullName, changes });
      if (created.responsible && created.responsible.id !== actor.userId) {
        await recordHandoffs(trx, actor, ctx, [
          { recordType: 'person', recordId: id, recordName: created.fullName, before: null, after: created.responsible },
        ]);
      }
      return created;
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<PersonDto> {
    const problems = new Problems();
    const input = checkPersonInput(body, problems, { partial: true });
    return db.transaction().execute(async (trx) => {
      const before = await q.findPerson(trx, id, true);
      assertVisible(actor, before);
      if (before.deleted_at) throw new AppError('record_deleted');
      if (input.version !== undefined && before.version !== input.version) throw versionConflict();
      const ownership: RecordOwnership = clientOwnership(before);
      assertCan(actor, 'edit', 'person', ownership);
      // A card saved whole sends back the document as it was shown: unchanged, or null when it was hidden.
      // Neither is a write; only a real change needs the right.
      const hiddenEcho = input.document && !documentGiven(input.document) && !can(actor, 'view', 'identity_document', ownership);
      const document = input.document && !hiddenEcho && documentChanged(before, input.document) ? input.document : undefined;
      if (document) assertCan(actor, 'edit', 'identity_document', ownership);
      const customChanges = await checkReferences(trx, input, problems, true);
      problems.throwIfAny();
      const beforeDto = await card(trx, before, actor);
      await trx
        .updateTable('persons')
        .set({
          ...input.values,
          ...(document ?? {}),
          ...primaryOrganization(input),
          ...(input.custom !== undefined ? { custom: JSON.stringify(mergeCustomValues(before.custom, customChanges)) } : {}),
          updated_at: new Date(),
          version: before.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await writeCollections(trx, id, input);
      if (searchTexts(input).some((t) => t !== undefined)) await recordSearchTerms(trx, searchTexts(input));
      const after = await card(trx, (await q.findPerson(trx, id))!, actor);
      const { responsible, ...changes } = diffChanges(auditedPerson(beforeDto), auditedPerson(after)) as Changes;
      if (document) changes.document = { before: 'hidden', after: documentGiven(document) ? 'set' : null };
      if (Object.keys(changes).length > 0) {
        await recordAudit(trx, ctx, { action: 'update', objectType: 'person', objectId: id, objectLabel: after.fullName, changes });
      }
      if (responsible) {
        await recordHandoffs(trx, actor, ctx, [
          { recordType: 'person', recordId: id, recordName: after.fullName, before: beforeDto.responsible, after: after.responsible },
        ]);
      }
      return after;
    });
  }

  async function remove(actor: Actor, ctx: RequestContext, id: string, options: { openTasks?: ClientOpenTasksChoice | undefined } = {}): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await q.findPerson(trx, id, true);
      assertVisible(actor, row);
      await moveToBin(trx, actor, ctx, 'person', row, row.full_name, options.openTasks);
    });
  }

  async function restore(actor: Actor, ctx: RequestContext, id: string): Promise<PersonDto> {
    return db.transaction().execute(async (trx) => {
      const row = await q.findPerson(trx, id, true);
      assertVisible(actor, row);
      await restoreFromBin(trx, actor, ctx, 'person', row, row.full_name);
      return card(trx, (await q.findPerson(trx, id))!, actor);
    });
  }

  const list = (actor: Actor, query: ClientListOptions & { limit: number; cursor?: string | undefined }) =>
    listClients(db, actor, 'person', query);
  const count = async (actor: Actor, query: ClientListOptions) => ({ total: await countClients(db, actor, 'person', query) });
  const bulk = (actor: Actor, ctx: RequestContext, body: BulkActionBody) => runBulkAction(db, actor, ctx, 'person', body);
  const history = (actor: Actor, id: string, query: { limit: number; cursor?: string | undefined }) =>
    clientHistory(db, actor, 'person', id, query);

  return { get, create, update, remove, restore, list, count, bulk, history };
}

const documentGiven = (d: DocumentColumns) => DOCUMENT_COLUMNS.some((c) => d[c] !== null);

export type PersonsService = ReturnType<typeof makePersonsService>;
