import PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sqlExecutor } from './sql-executor.js';

/**
 * Background work on the app's own database, on PostgreSQL and PGlite alike:
 *
 * - queued jobs (emails) through pg-boss: retried with back-off, sent inside the transaction of the change
 *   that caused them, picked up by whichever app instance polls first;
 * - periodic sweeps (due reminders, missed deadlines) run by every instance; each sweep claims its rows
 *   with `FOR UPDATE SKIP LOCKED` and marks them done in the same transaction, so two instances never
 *   deliver the same row and nothing due while the server was down is lost.
 *
 * Reminders are not mirrored as pg-boss jobs on purpose: their rows belong to the tasks module, which moves
 * and deletes them with every edit of a task; a sweep over the due index reads the truth directly and
 * costs one index probe a second when nothing is due.
 */
export const JOB_SCHEMA = 'pgboss';

export interface QueueDefinition {
  name: string;
  /** Attempts after the first failure. */
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
}

export const QUEUES = {
  notificationEmail: {
    name: 'notification-email',
    // 30 s, 1 min, 2 min … about a day of attempts in all: a mail server down for a while is common.
    retryLimit: 12,
    retryDelaySeconds: 30,
    retryBackoff: true,
    // A batch of five slow servers (10 s to connect, 30 s idle each) still fits.
    expireInSeconds: 300,
  },
} satisfies Record<string, QueueDefinition>;

const bossOptions = (db: Kysely<DB>) => ({ db: sqlExecutor(db), schema: JOB_SCHEMA });

/**
 * Installs or upgrades pg-boss's schema and creates the app's queues; part of preparing a database
 * (start-up, tests' template, CLI commands), so jobs can be sent from any transaction afterwards.
 */
export async function installJobSchema(db: Kysely<DB>): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(db), supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    for (const queue of Object.values(QUEUES)) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queueOptions(queue));
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

function queueOptions(queue: QueueDefinition) {
  return {
    name: queue.name,
    policy: 'standard' as const,
    retryLimit: queue.retryLimit,
    retryDelay: queue.retryDelaySeconds,
    retryBackoff: queue.retryBackoff,
    expireInSeconds: queue.expireInSeconds,
  };
}

/** Sends only: never started, so it polls nothing; each send runs on the executor it is given. */
let sender: PgBoss | undefined;

/**
 * Queues jobs in the given transaction (or database): they exist exactly when the change does. The
 * queue's own retry settings apply.
 */
export async function enqueue(db: Kysely<DB>, queue: QueueDefinition, items: readonly object[]): Promise<void> {
  if (items.length === 0) return;
  sender ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error('the job sender has no database of its own')) }, schema: JOB_SCHEMA });
  const executor = sqlExecutor(db);
  for (let i = 0; i < items.length; i += 500) {
    await sender.insert(items.slice(i, i + 500).map((data) => ({ name: queue.name, data })), { db: executor });
  }
}

export interface Logger {
  info(obj: object, message?: string): void;
  warn(obj: object, message?: string): void;
  error(obj: object, message?: string): void;
}

export interface Worker<T> {
  queue: QueueDefinition;
  /** Throwing fails the attempt; pg-boss retries it later. */
  handle(data: T, job: { id: string; retryCount: number }): Promise<void>;
}

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Returns how many items it handled; a full batch runs again at once instead of waiting. */
  run(): Promise<number>;
  batchSize: number;
}

export interface JobsRuntime {
  /** Runs a periodic task now (tests; and after start so nothing due waits a whole interval). */
  runNow(name: string): Promise<number>;
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  db: Kysely<DB>;
  log: Logger;
  workers: Worker<object>[];
  periodic: PeriodicTask[];
  /** How often idle workers ask for jobs. */
  pollingIntervalSeconds?: number;
}

export async function startJobs({ db, log, workers, periodic, pollingIntervalSeconds = 2 }: StartJobsOptions): Promise<JobsRuntime> {
  const boss = new PgBoss({
    ...bossOptions(db),
    migrate: true,
    // Maintenance (expiring stuck jobs, archiving, deleting old ones) runs on one instance at a time: pg-boss
    // records when it last ran in its own table.
    supervise: true,
    schedule: false,
    archiveCompletedAfterSeconds: 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error: unknown) => log.error({ err: error }, 'background jobs: pg-boss error'));
  await boss.start();

  for (const worker of workers) {
    // A few jobs per fetch, each completed or failed on its own: one letter that cannot go must not send
    // the others of its batch round again.
    await boss.work<object>(worker.queue.name, { pollingIntervalSeconds, batchSize: 5, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        try {
          await worker.handle(job.data, { id: job.id, retryCount: job.retryCount });
        } catch (error) {
          log.warn({ err: error, queue: worker.queue.name, jobId: job.id, attempt: job.retryCount + 1 }, 'background job failed; it will be retried');
          await boss.fail(worker.queue.name, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }
    });
  }

  const tickers = periodic.map((task) => ticker(task, log));
  for (const t of tickers) t.start();

  return {
    async runNow(name) {
      const t = tickers.find((x) => x.name === name);
      if (!t) throw new Error(`no periodic task ${name}`);
      return t.runNow();
    },
    async stop() {
      await Promise.all(tickers.map((t) => t.stop()));
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 5000 });
    },
  };
}

/**
 * Runs a task every `everyMs`, never two at once in this process; drains a backlog in full batches
 * back to back. A failure is logged and retried on the next tick.
 */
function ticker(task: PeriodicTask, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await task.run();
      total += handled;
      if (handled < task.batchSize || stopped) return total;
    }
  }

  /** A run asked for while one is under way follows it, so it sees rows written after that one began. */
  function runNow(): Promise<number> {
    const next: Promise<number> = (running ?? Promise.resolve(0))
      .then(drain)
      .catch((error: unknown) => {
        log.error({ err: error, task: task.name }, 'periodic task failed');
        return 0;
      })
      .finally(() => {
        if (running === next) running = undefined;
      });
    running = next;
    return next;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      void runNow().then(schedule);
    }, task.everyMs);
  }

  return {
    name: task.name,
    start() {
      void runNow().then(schedule);
    },
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
