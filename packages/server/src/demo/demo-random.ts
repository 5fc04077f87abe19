import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The demo's building blocks: a repeatable random sequence (so every demo looks the same) and batched inserts. */

/** mulberry32: a small seeded generator; good enough for believable data, and repeatable. */
export function randomSequence(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const weighted = <T>(items: readonly T[], weight: (item: T) => number): T => {
    const total = items.reduce((s, item) => s + weight(item), 0);
    let r = next() * total;
    for (const item of items) if ((r -= weight(item)) < 0) return item;
    return items[items.length - 1]!;
  };
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  return { next, int, chance, pick, weighted, digits };
}
export type Random = ReturnType<typeof randomSequence>;

export async function insertInBatches<T extends keyof DB & string>(trx: Transaction<DB>, table: T, rows: Insertable<DB[T]>[], size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Kysely's generic insert over a table name: the rows were typed against the table above.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}
