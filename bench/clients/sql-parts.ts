import { sql, type RawBuilder } from 'kysely';

/**
 * Pieces of the client-base generator's SQL. Every "random" value is a hash of the row number and a
 * salt, so a run is repeatable and a later statement can recompute what an earlier one chose (a person's
 * employer, that employer's city and manager) without joining back to the rows already written.
 */

/** A deterministic pseudo-random integer in [0, n) for the row number in column `col`. */
export const hash = (col: string, salt: number, n: number): RawBuilder<number> =>
  sql<number>`(abs(hashint8(${sql.raw(col)}::bigint * 1000 + ${sql.lit(salt)})::bigint) % ${sql.lit(n)})::int`;

/**
 * Dictionaries go into the statement as array literals, not parameters: a parameter cast to text[] is
 * parsed again wherever the planner inlines the expression (per row, per reference), which made the
 * organization statement 5× slower than the person one.
 */
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
export const textArray = (values: readonly string[]) => sql.raw(`(ARRAY[${values.map(quote).join(',')}]::text[])`);
export const intArray = (values: readonly number[]) => sql.raw(`(ARRAY[${values.map((v) => String(Math.trunc(v))).join(',')}]::int[])`);

/** One element of `values`, chosen by hash. */
export const pick = (values: readonly string[], col: string, salt: number) => sql<string>`(${textArray(values)})[1 + ${hash(col, salt, values.length)}]`;

/**
 * UUIDv7-shaped ids computed from the row number: a fixed millisecond prefix, version 7, a 3-hex tag per
 * table, the RFC 9562 variant and the number. Rows can then point at each other by number alone.
 */
export function idMaker(at = Date.now()) {
  const prefix = `${at.toString(16).padStart(12, '0')}7`;
  return (tag: string, n: RawBuilder<unknown> | string) =>
    sql<string>`(${sql.lit(prefix + tag)} || '8' || lpad(to_hex((${typeof n === 'string' ? sql.raw(n) : n})::bigint), 15, '0'))::uuid`;
}

/** The control digit of a body of digits (text column `body`) with these weights: (Σ wᵢdᵢ mod m) mod 10. */
export function controlDigit(body: string, weights: readonly number[], modulus = 11): RawBuilder<number> {
  const terms = weights.map((w, k) => `${w} * substr(${body}, ${k + 1}, 1)::int`).join(' + ');
  return sql<number>`((${sql.raw(terms)}) % ${sql.lit(modulus)} % 10)`;
}

export const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
export const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
export const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** Latin transliteration (for e-mail addresses and websites), digits and Latin letters only. */
export function translit(expr: RawBuilder<unknown> | string): RawBuilder<string> {
  let x: RawBuilder<unknown> = typeof expr === 'string' ? sql.raw(expr) : expr;
  x = sql`lower(${x})`;
  for (const [from, to] of [['ж', 'zh'], ['ч', 'ch'], ['ш', 'sh'], ['щ', 'sch'], ['ю', 'yu'], ['я', 'ya'], ['х', 'kh']] as const) {
    x = sql`replace(${x}, ${sql.lit(from)}, ${sql.lit(to)})`;
  }
  return sql<string>`regexp_replace(translate(${x}, 'абвгдеёзийклмнопрстуфцыэіїєґ', 'abvgdeezijklmnoprstufcyeiieg'), '[^a-z0-9]', '', 'g')`;
}

/**
 * A Russian number (10 national digits in `n`) as people type it: six formats, chosen by `f` in [0, 6).
 * The normalized E.164 form is always '+7' || n.
 */
export function russianPhoneAsTyped(n: string, f: RawBuilder<number>): RawBuilder<string> {
  const p = (from: number, len: number) => `substr(${n}, ${from}, ${len})`;
  return sql<string>`CASE ${f}
    WHEN 0 THEN '+7 (' || ${sql.raw(p(1, 3))} || ') ' || ${sql.raw(p(4, 3))} || '-' || ${sql.raw(p(7, 2))} || '-' || ${sql.raw(p(9, 2))}
    WHEN 1 THEN '8 (' || ${sql.raw(p(1, 3))} || ') ' || ${sql.raw(p(4, 3))} || '-' || ${sql.raw(p(7, 2))} || '-' || ${sql.raw(p(9, 2))}
    WHEN 2 THEN '+7' || ${sql.raw(n)}
    WHEN 3 THEN '8' || ${sql.raw(n)}
    WHEN 4 THEN '+7 ' || ${sql.raw(p(1, 3))} || ' ' || ${sql.raw(p(4, 3))} || ' ' || ${sql.raw(p(7, 2))} || ' ' || ${sql.raw(p(9, 2))}
    ELSE '8-' || ${sql.raw(p(1, 3))} || '-' || ${sql.raw(p(4, 3))} || '-' || ${sql.raw(p(7, 2))} || '-' || ${sql.raw(p(9, 2))}
  END`;
}

/** A Ukrainian mobile (9 national digits in `n`, without the trunk 0) as typed; normalized '+380' || n. */
export function ukrainianPhoneAsTyped(n: string, f: RawBuilder<number>): RawBuilder<string> {
  const p = (from: number, len: number) => `substr(${n}, ${from}, ${len})`;
  return sql<string>`CASE ${f}
    WHEN 0 THEN '+380 ' || ${sql.raw(p(1, 2))} || ' ' || ${sql.raw(p(3, 3))} || ' ' || ${sql.raw(p(6, 2))} || ' ' || ${sql.raw(p(8, 2))}
    WHEN 1 THEN '0' || ${sql.raw(p(1, 2))} || ' ' || ${sql.raw(p(3, 3))} || ' ' || ${sql.raw(p(6, 2))} || ' ' || ${sql.raw(p(8, 2))}
    WHEN 2 THEN '+380' || ${sql.raw(n)}
    ELSE '(0' || ${sql.raw(p(1, 2))} || ') ' || ${sql.raw(p(3, 3))} || '-' || ${sql.raw(p(6, 2))} || '-' || ${sql.raw(p(8, 2))}
  END`;
}
