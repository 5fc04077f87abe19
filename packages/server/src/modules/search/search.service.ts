import type { z } from 'zod';
import { normalizeEmail, phoneSearchKey, type OrganizationKind, type OrganizationSearchHit, type PersonSearchHit, type SearchMatch, type SearchResult, type searchQuerySchema } from '@kontakt/shared';
import type { Expression, SqlBool } from 'kysely';
import type { ServiceDeps } from '../../platform/deps.js';
import { can, scopeFilter } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { foldSearchText, MIN_TERM_LENGTH, searchWords, withoutLegalForms } from './search-terms.js';
import * as q from './search.queries.js';

type SearchQuery = z.output<typeof searchQuerySchema>;

/** How many dictionary words may stand in for one typed word; each adds one OR to the fragment query. */
const SIMILAR_TERMS_PER_WORD = 6;
const INN = /^(\d{10}|\d{12})$/;

interface Hit<R> {
  row: R;
  matched: SearchMatch;
  /** Lower ranks first: 0 exact name, 1 name starts with the query, 2 a word starts with it, 3 elsewhere. */
  rank: number;
}

/** Collects hits of one type in the order the phases find them, without repeating a record. */
class Hits<R extends { id: string; name: string; search_text: string }> {
  private readonly byId = new Map<string, Hit<R>>();

  constructor(private readonly limit: number) {}

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  get missing(): number {
    return Math.max(0, this.limit - this.byId.size);
  }

  add(rows: readonly R[], matched: SearchMatch, rank: (row: R) => number = () => 0): void {
    for (const row of rows) {
      if (this.byId.size >= this.limit) return;
      if (!this.byId.has(row.id)) this.byId.set(row.id, { row, matched, rank: rank(row) });
    }
  }

  /** Phases first (contacts, INN, names, similar names), then rank, then alphabetically. */
  sorted(): Hit<R>[] {
    const order: Record<SearchMatch, number> = { inn: 0, phone: 0, email: 0, name: 1, similar_name: 2 };
    return [...this.byId.values()].sort(
      (a, b) => order[a.matched] - order[b.matched] || a.rank - b.rank || a.row.name.localeCompare(b.row.name, 'ru'),
    );
  }
}

/** Rank of a name against the folded query: exact, starts with it, a word starts with it, contains it. */
export function nameRank(searchText: string, query: string): number {
  const text = searchText.replace(/\s+/g, ' ').trim();
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  const first = query.split(' ')[0] ?? query;
  if (text.split(' ').some((word) => word.startsWith(first))) return 2;
  return 3;
}

export function makeSearchService({ db }: Pick<ServiceDeps, 'db'>) {
  async function search(actor: Actor, query: SearchQuery): Promise<SearchResult> {
    const limit = query.limit;
    const text = query.q.trim();
    const folded = foldSearchText(text).replace(/\s+/g, ' ');
    const canOrganizations = can(actor, 'view', 'organization');
    const canPersons = can(actor, 'view', 'person');
    const organizationScope = scopeFilter(actor, 'view', 'organization');
    const personScope = scopeFilter(actor, 'view', 'person');
    const organizations = new Hits<q.OrganizationHitRow>(limit);
    const persons = new Hits<q.PersonHitRow>(limit);

    const orgFilter = () => ({ scope: organizationScope, exclude: organizations.ids, limit: organizations.missing });
    const personFilter = () => ({ scope: personScope, organizationScope, exclude: persons.ids, limit: persons.missing });

    async function byContact(match: q.ContactMatch, matched: SearchMatch): Promise<void> {
      const [orgRows, personRows] = await Promise.all([
        canOrganizations ? q.organizationsByContact(db, match, orgFilter()) : [],
        canPersons ? q.personsByContact(db, match, personFilter()) : [],
      ]);
      organizations.add(orgRows, matched);
      persons.add(personRows, matched);
    }

    /** Fills what is left of each list from a condition per table; skips a table that is full or not viewable. */
    async function byCondition(
      matched: SearchMatch,
      orgCondition: Expression<SqlBool> | null,
      personCondition: Expression<SqlBool> | null,
    ): Promise<void> {
      const rank = (row: { search_text: string }) => nameRank(row.search_text, folded);
      const [orgRows, personRows] = await Promise.all([
        canOrganizations && orgCondition && organizations.missing > 0 ? q.organizationsWhere(db, orgCondition, orgFilter()) : [],
        canPersons && personCondition && persons.missing > 0 ? q.personsWhere(db, personCondition, personFilter()) : [],
      ]);
      organizations.add(orgRows, matched, rank);
      persons.add(personRows, matched, rank);
    }

    if (text.includes('@')) {
      // "ivanov@" or "ivanov@romashka.ru": emails are stored lower-cased, so a prefix of the normalized form.
      const prefix = normalizeEmail(text) ?? text.toLowerCase();
      await byContact({ kind: 'email', prefix }, 'email');
    } else {
      const compact = text.replace(/[\s\-().]/g, '');
      if (INN.test(compact) && canOrganizations) {
        organizations.add(await q.organizationsWhere(db, q.innEquals(compact), orgFilter()), 'inn');
      }
      const phone = phoneSearchKey(text);
      if (phone) await byContact({ kind: 'phone', normalized: phone }, 'phone');
      // A number that found nobody may still be part of a name ("Ромашка-2000").
      const looksLikeNumber = INN.test(compact) || phone !== null;
      if (!looksLikeNumber || (organizations.missing === limit && persons.missing === limit)) {
        await byName(folded);
      }
    }

    async function byName(foldedQuery: string): Promise<void> {
      const words = withoutLegalForms(searchWords(foldedQuery, 1));
      if (words.length === 0) return;
      // Names that start with the query first: a bounded range scan, alphabetical by the index.
      await byCondition('name', q.startsWith('organizations', foldedQuery), q.startsWith('persons', foldedQuery));
      // Words of one or two letters have no trigram of their own: the GIN index cannot narrow them down,
      // so they only filter rows a longer word found, and a query of short words stays a prefix search.
      if (!words.some((word) => word.length >= MIN_TERM_LENGTH)) return;
      const long = words.filter((word) => word.length >= MIN_TERM_LENGTH);
      // Escaped like the LIKE patterns: a word with % or _ is checked literally against the dictionary.
      const absent = await q.wordsInNoTerm(db, long.map(q.escapeLike));
      const isAbsent = (word: string) => absent.has(q.escapeLike(word));
      if (!long.some(isAbsent)) {
        await byCondition('name', q.containsAllWords('organizations', words), q.containsAllWords('persons', words));
        if (organizations.missing === 0 && persons.missing === 0) return;
      }

      // Typos: correct each word against the dictionary, then look records up by the corrected words; a word
      // no name contains is replaced by its corrections rather than kept beside them.
      const similar = await q.similarTerms(db, long, SIMILAR_TERMS_PER_WORD);
      const corrections = (word: string) => (similar.get(word) ?? []).filter((term) => term !== word);
      // Nothing to correct, or a word no name contains and nothing close to it: no name can match.
      if (words.every((word) => corrections(word).length === 0) || long.some((w) => isAbsent(w) && corrections(w).length === 0)) return;
      const groups = words.map((word) => (isAbsent(word) ? corrections(word) : [word, ...corrections(word)]));
      await byCondition('similar_name', q.containsAnyOfEach('organizations', groups), q.containsAnyOfEach('persons', groups));
    }

    return {
      organizations: organizations.sorted().map(({ row, matched }): OrganizationSearchHit => ({
        id: row.id,
        name: row.name,
        kind: row.kind as OrganizationKind,
        inn: row.inn,
        city: row.city,
        matched,
        matchedValue: row.matched_value,
      })),
      persons: persons.sorted().map(({ row, matched }): PersonSearchHit => ({
        id: row.id,
        name: row.name,
        position: row.position,
        organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
        matched,
        matchedValue: row.matched_value,
      })),
    };
  }

  return { search };
}

export type SearchService = ReturnType<typeof makeSearchService>;
