import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { JOB_SCHEMA, type Logger } from './jobs.js';

/*
 * Upkeep of the embedded database. PGlite is PostgreSQL in one process, without the autovacuum PostgreSQL
 * runs beside every database. Left alone it never gathers the planner's statistics (a table filled by an
 * import is planned on default guesses of how many rows each condition keeps), never marks pages
 * all-visible (index-only scans then read the table anyway) and never takes back the room of updated and
 * deleted rows. Kontakt does that work for it: at start-up it analyzes the tables that have rows but no
 * statistics yet, and every night at the upkeep hour (UPKEEP_HOUR, 03:00 of the server's clock unless set)
 * it vacuums and analyzes every table. Each table is its own statement, so requests arriving meanwhile are
 * answered between tables; the largest table of a big installation (5 million tasks) holds them up for
 * about 14 s, once a night.
 *
 * On PostgreSQL autovacuum does all of this, so the upkeep does not run there.
 */

/** A timer never waits longer than this: the clock may jump (a suspended machine, a changed time zone). */
const MAX_WAIT_MS = 3_600_000;

interface TableRow {
  schema: string;
  name: string;
}

/** The app's tables and the job queue's (its partitions, as autovacuum sees them); the job table churns most. */
async function tables(db: Kysely<DB>, onlyUnanalyzed: boolean): Promise<TableRow[]> {
  const { rows } = await sql<TableRow>`
    SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname IN ('public', ${JOB_SCHEMA})
      AND (NOT ${onlyUnanalyzed} OR (c.reltuples < 0 AND pg_relation_size(c.oid) > 0))
    ORDER BY n.nspname, c.relname`.execute(db);
  return rows;
}

const qualified = (t: TableRow) => sql.table(`${t.schema}.${t.name}`);

/** Vacuums and analyzes every table, one at a time; answers how many. */
export async function vacuumAndAnalyze(db: Kysely<DB>, log: Logger): Promise<number> {
  const all = await tables(db, false);
  const started = performance.now();
  for (const table of all) await sql`VACUUM (ANALYZE) ${qualified(table)}`.execute(db);
  log.info({ tables: all.length, ms: Math.round(performance.now() - started) }, 'embedded database: vacuumed and analyzed');
  return all.length;
}

/** Gathers statistics of the tables that have rows but were never analyzed; answers how many. */
export async function analyzeUnanalyzed(db: Kysely<DB>, log: Logger): Promise<number> {
  const found = await tables(db, true);
  for (const table of found) await sql`ANALYZE ${qualified(table)}`.execute(db);
  if (found.length > 0) log.info({ tables: found.map((t) => t.name) }, 'embedded database: analyzed tables without statistics');
  return found.length;
}

/** The first `hour`:00 of the server's clock after `now`. */
export function nextUpkeepAt(now: Date, hour: number): Date {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export interface EmbeddedUpkeep {
  stop(): Promise<void>;
}

/** Starts the upkeep: statistics now where there are none, the full pass every night at `hour`. */
export function startEmbeddedUpkeep(db: Kysely<DB>, log: Logger, hour: number): EmbeddedUpkeep {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let due = nextUpkeepAt(new Date(), hour);

  const guarded = (work: () => Promise<number>) => {
    running = running.then(work).catch((error: unknown) => log.error({ err: error }, 'embedded database upkeep failed; it runs again next night'));
    return running;
  };

  function wait() {
    if (stopped) return;
    timer = setTimeout(
      () => {
        if (Date.now() < due.getTime()) return wait();
        due = nextUpkeepAt(new Date(), hour);
        void guarded(() => vacuumAndAnalyze(db, log)).then(wait);
      },
      Math.min(Math.max(due.getTime() - Date.now(), 0), MAX_WAIT_MS),
    );
    // The upkeep alone must not keep the process alive.
    timer.unref();
  }

  void guarded(() => analyzeUnanalyzed(db, log)).then(wait);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
