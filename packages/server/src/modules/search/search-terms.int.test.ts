import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { newId } from '../../platform/ids.js';
import { recordSearchTerms, searchWords } from './search-terms.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('search dictionary', () => {
  it('splits names into folded words of three or more letters and digits', () => {
    expect(searchWords('ООО «Ромашка-2000», Семёнов и К°')).toEqual(['ооо', 'ромашка', '2000', 'семенов']);
    expect(searchWords('  ')).toEqual([]);
  });

  it('adds each word once, whatever the case and ё, in one idempotent statement', async () => {
    await recordSearchTerms(database.db, ['Семёнов Пётр', null, undefined, 'СЕМЕНОВ', '']);
    await recordSearchTerms(database.db, ['семенов петр']);
    const terms = await database.db.selectFrom('search_terms').select('term').where('term', 'in', ['семенов', 'петр']).orderBy('term').execute();
    expect(terms.map((t) => t.term)).toEqual(['петр', 'семенов']);
  });

  it('stores search_text folded the same way, so dictionary words are found in records', async () => {
    const id = newId();
    await database.db.insertInto('persons').values({ id, last_name: 'Семёнов', first_name: 'Пётр', updated_at: new Date() }).execute();
    const row = await database.db.selectFrom('persons').select('search_text').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.search_text).toBe('семенов петр ');
    const similar = await sql<{ term: string }>`SELECT term FROM search_terms WHERE term % 'семенв'`.execute(database.db);
    expect(similar.rows.map((r) => r.term)).toContain('семенов');
  });
});
