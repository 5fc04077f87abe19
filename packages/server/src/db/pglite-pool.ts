import type { PGlite } from '@electric-sql/pglite';

interface QueryResultLike {
  command: string;
  rowCount: number;
  rows: unknown[];
}

/**
 * PGlite has one connection. Kysely's PostgresDialect wants a pool, so this hands out the single
 * connection to one client at a time: `connect()` waits until the previous client calls `release()`.
 * That keeps transactions whole, since nothing else can interleave while a client holds it.
 */
export class PGlitePool {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  async connect() {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const pglite = this.pglite;
    return {
      async query(sql: string, params?: readonly unknown[]): Promise<QueryResultLike> {
        const result = await pglite.query(sql, params as unknown[] | undefined);
        return {
          command: sql.trimStart().slice(0, 6).toUpperCase(),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    };
  }

  async end(): Promise<void> {
    await this.queue;
  }
}
