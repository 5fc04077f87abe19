import type { z } from 'zod';
import {
  normalizeContact,
  ORGANIZATION_MERGE_FIELDS,
  PERSON_MERGE_FIELDS,
  type ClientType,
  type DuplicateCandidate,
  type DuplicateCheckResult,
  type DuplicateGroup,
  type DuplicateRecord,
  type duplicateCheckBodySchema,
  type duplicateGroupsQuerySchema,
  type MergeResult,
  type mergeBodySchema,
} from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan, can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/pagination.js';
import { foldSearchText, searchWords, withoutLegalForms } from '../search/search-terms.js';
import { similarTerms } from '../search/search.queries.js';
import * as q from './duplicates.queries.js';
import { mergeRecords } from './merge.js';
import type { MergeSteps } from './merge-steps.js';

type CheckBody = z.output<typeof duplicateCheckBodySchema>;
type GroupsQuery = z.output<typeof duplicateGroupsQuerySchema>;
type MergeBody = z.output<typeof mergeBodySchema>;

/** Trigram similarity of whole names above which two names are "very similar" (Ромашка / Ромашко: 0.6). */
const SIMILAR_NAME_THRESHOLD = 0.5;
const RECORDS_PER_GROUP = 50;
/** Index entries read per window, and windows per request: bounds one finder page to a few tens of ms. */
const KEY_WINDOW = 5000;
const WINDOWS_PER_PAGE = 4;
const GROUP_REASONS: Record<ClientType, readonly q.GroupReason[]> = {
  organization: ['inn', 'phone', 'email', 'name'],
  person: ['phone', 'email', 'name'],
};

export function toDuplicateRecord(row: q.RecordSummaryRow): DuplicateRecord {
  return {
    id: row.id,
    name: row.name,
    inn: row.inn,
    position: row.position,
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    phone: row.phone,
    email: row.email,
    responsible: row.responsible_id && row.responsible_name ? { id: row.responsible_id, name: row.responsible_name } : null,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    version: row.version,
  };
}

export function makeDuplicatesService({ db, mergeSteps }: Pick<ServiceDeps, 'db'> & { mergeSteps: MergeSteps }) {
  const scopesOf = (actor: Actor) => ({
    organization: scopeFilter(actor, 'view', 'organization'),
    person: scopeFilter(actor, 'view', 'person'),
  });

  /**
   * Likely duplicates of a record being typed in. The candidates are found over the whole base (a
   * duplicate the actor cannot see is still a duplicate), then only the viewable ones are named; the rest
   * are counted, so the user knows to ask a colleague instead of creating a second record.
   */
  async function check(actor: Actor, body: CheckBody): Promise<DuplicateCheckResult> {
    if (!can(actor, 'create', body.type) && !can(actor, 'view', body.type)) throw new AppError('forbidden');
    const excludeId = body.excludeId ?? null;
    const lookups: Promise<q.CandidateRow[]>[] = [];

    const inn = body.inn?.replace(/\s/g, '');
    if (body.type === 'organization' && inn) lookups.push(q.sameInn(db, inn, excludeId));

    const phones = new Set<string>();
    const emails = new Set<string>();
    for (const contact of body.contacts ?? []) {
      if (contact.kind === 'website') continue;
      const normalized = normalizeContact(contact.kind, contact.value);
      if (!normalized) continue;
      if (contact.kind === 'email') emails.add(normalized);
      else if (normalized.startsWith('+')) phones.add(normalized);
    }
    lookups.push(q.sameContacts(db, body.type, { phones: [...phones], emails: [...emails] }, excludeId));

    const name = body.name?.trim().replace(/\s+/g, ' ');
    if (name) {
      const words = withoutLegalForms(searchWords(name));
      const similar = await similarTerms(db, words, 6, { unknownOnly: false });
      const wordGroups = words.map((word) => [word, ...(similar.get(word) ?? []).filter((term) => term !== word)]);
      // "ООО Ромашка" is the same name as "Ромашка": compare without the legal form.
      const bare = words.join(' ');
      const lower = [...new Set([name.toLowerCase(), bare])];
      lookups.push(q.sameOrSimilarName(db, body.type, { lower, folded: bare || foldSearchText(name), wordGroups }, excludeId, SIMILAR_NAME_THRESHOLD));
    }

    const matchesById = new Map<string, DuplicateCandidate['matches']>();
    for (const rows of await Promise.all(lookups)) {
      for (const row of rows) {
        const matches = matchesById.get(row.id) ?? [];
        if (!matches.some((m) => m.reason === row.reason && m.value === row.value)) matches.push({ reason: row.reason, value: row.value });
        matchesById.set(row.id, matches);
      }
    }
    const summaries = await q.recordSummaries(db, body.type, [...matchesById.keys()], scopesOf(actor));
    const strength = (matches: DuplicateCandidate['matches']) =>
      Math.min(...matches.map((m) => ['inn', 'phone', 'email', 'name', 'similar_name'].indexOf(m.reason)));
    const items = summaries
      .filter((row) => row.visible)
      .map((row): DuplicateCandidate => ({ ...toDuplicateRecord(row), matches: matchesById.get(row.id) ?? [] }))
      .sort((a, b) => strength(a.matches) - strength(b.matches) || b.matches.length - a.matches.length);
    return { items, hiddenCount: summaries.filter((row) => !row.visible).length };
  }

  /**
   * Groups of likely duplicates among the records the actor may view: same INN, then same phone, same
   * email, same name. Each request reads a bounded number of key windows (see groupKeyWindow), so a page
   * costs about the same at any size of the base; the cursor is (reason, last key read). A page may hold
   * fewer groups than `limit` (even none) while `nextCursor` says there is more to read.
   */
  async function groups(actor: Actor, query: GroupsQuery): Promise<Page<DuplicateGroup>> {
    assertCan(actor, 'view', query.type);
    const reasons = GROUP_REASONS[query.type];
    const cursor = decodeCursor(query.cursor, 2);
    let reasonIndex = 0;
    let after: string | null = null;
    if (cursor) {
      const [index, key] = cursor;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= reasons.length || typeof key === 'number') {
        throw new AppError('validation_failed', { errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
      }
      reasonIndex = index;
      after = key ?? null;
    }
    const scope = scopeFilter(actor, 'view', query.type);
    const found: { reason: q.GroupReason; key: string }[] = [];
    for (let windows = 0; windows < WINDOWS_PER_PAGE && reasonIndex < reasons.length && found.length < query.limit; windows++) {
      const reason = reasons[reasonIndex]!;
      const window = await q.groupKeyWindow(db, query.type, reason, after, KEY_WINDOW);
      const room = query.limit - found.length;
      found.push(...window.keys.slice(0, room).map((key) => ({ reason, key })));
      if (window.keys.length > room) {
        after = window.keys[room - 1]!;
      } else if (window.resumeAfter === null) {
        reasonIndex++;
        after = null;
      } else {
        after = window.resumeAfter;
      }
    }

    const items: DuplicateGroup[] = [];
    for (const reason of reasons) {
      const keys = found.filter((g) => g.reason === reason).map((g) => g.key);
      if (keys.length === 0) continue;
      const members = await q.groupMembers(db, query.type, reason, scope, keys, RECORDS_PER_GROUP);
      const summaries = new Map(
        (await q.recordSummaries(db, query.type, [...new Set(members.map((m) => m.id))], scopesOf(actor))).map((row) => [row.id, row]),
      );
      for (const key of keys) {
        const records = members
          .filter((m) => m.key === key)
          .map((m) => summaries.get(m.id))
          .filter((row): row is q.RecordSummaryRow => !!row && row.visible)
          .map(toDuplicateRecord);
        // Keys are read over the whole base; a group counts when two of its records are the actor's to see.
        if (records.length > 1) items.push({ reason, key, records });
      }
    }
    return { items, nextCursor: reasonIndex < reasons.length ? encodeCursor([reasonIndex, after]) : null };
  }

  async function merge(actor: Actor, ctx: RequestContext, body: MergeBody): Promise<MergeResult> {
    const fields = body.type === 'organization' ? ORGANIZATION_MERGE_FIELDS : PERSON_MERGE_FIELDS;
    return mergeRecords(db, mergeSteps, actor, ctx, body, fields);
  }

  return { check, groups, merge };
}

export type DuplicatesService = ReturnType<typeof makeDuplicatesService>;
