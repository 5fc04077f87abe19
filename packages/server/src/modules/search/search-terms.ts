import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The dictionary behind typo-tolerant search. Comparing a typed word with every name by trigram similarity
 * takes seconds at a million rows (DESIGN.md); comparing it with the few hundred thousand distinct words of
 * all names takes milliseconds, and the records are then found by the corrected word through the ordinary
 * trigram index. So every write of a client name adds its words here; nothing is ever removed (a stale
 * word only costs a lookup that finds nothing).
 */

/** Shorter words are matched by plain fragment search; they carry too few trigrams for similarity. */
export const MIN_TERM_LENGTH = 3;
/** Longer "words" are noise (pasted ids, URLs); they would only bloat the dictionary. */
export const MAX_TERM_LENGTH = 40;

/**
 * Lower case with ё folded to е, exactly as the `search_text` columns are computed (migration 0005), so a
 * query typed either way finds "Семёнов".
 */
export function foldSearchText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Distinct folded words of letters and digits, in order of appearance. */
export function searchWords(text: string, minLength = MIN_TERM_LENGTH): string[] {
  const words = new Set<string>();
  for (const match of foldSearchText(text).matchAll(WORD)) {
    const word = match[0];
    if (word.length >= minLength && word.length <= MAX_TERM_LENGTH) words.add(word);
  }
  return [...words];
}

/**
 * Legal forms people type before a name ("ООО Ромашка") but that the name field usually leaves out: they
 * are dropped from a query that has other words, so they neither narrow it to nothing nor match everyone.
 */
const LEGAL_FORMS = new Set(['ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'тов', 'пп', 'фоп', 'пат', 'прат', 'llc', 'ltd', 'inc', 'gmbh']);

export function withoutLegalForms(words: readonly string[]): string[] {
  const rest = words.filter((word) => !LEGAL_FORMS.has(word));
  return rest.length > 0 ? rest : [...words];
}

/** Adds the words of these texts (names, legal names) to the dictionary; one statement, idempotent. */
export async function recordSearchTerms(db: Executor, texts: readonly (string | null | undefined)[]): Promise<void> {
  const terms = new Set<string>();
  for (const text of texts) if (text) for (const word of searchWords(text)) terms.add(word);
  if (terms.size === 0) return;
  // Sorted so concurrent writers take the primary-key locks in one order and cannot deadlock.
  const values = [...terms].sort();
  await sql`
    INSERT INTO search_terms (term)
    SELECT unnest(${values}::text[])
    ON CONFLICT (term) DO NOTHING`.execute(db);
}
