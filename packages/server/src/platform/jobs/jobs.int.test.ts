import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { enqueue, installJobSchema, JOB_SCHEMA, QUEUES, startJobs, type QueueDefinition } from './jobs.js';
import { sqlExecutor } from './sql-executor.js';

let database: Database;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const testQueue: QueueDefinition = { name: 'test-flaky', retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30 };

beforeAll(async () => {
  database = await createTestDatabase();
  const boss = new PgBoss({ db: sqlExecutor(database.db), schema: JOB_SCHEMA });
  await boss.createQueue(testQueue.name, { name: testQueue.name, retryLimit: testQueue.retryLimit, retryDelay: testQueue.retryDelaySeconds, expireInSeconds: testQueue.expireInSeconds });
});
afterAll(() => database.close());

async function jobs(queue: string) {
  return (await sql<{ state: string; data: { n: number } }>`SELECT state, data FROM pgboss.job WHERE name = ${queue} ORDER BY created_on`.execute(database.db)).rows;
}

describe('background jobs on the app database', () => {
  it('the schema and the queues are in place after preparing the database, and preparing again changes nothing', async () => {
    const queues = await sql<{ name: string; retry_limit: number }>`SELECT name, retry_limit FROM pgboss.queue ORDER BY name`.execute(database.db);
    expect(queues.rows).toContainEqual({ name: QUEUES.notificationEmail.name, retry_limit: QUEUES.notificationEmail.retryLimit });
    await installJobSchema(database.db);
    await installJobSchema(database.db);
    const again = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.queue`.execute(database.db);
    expect(again.rows[0]!.n).toBe(queues.rows.length);
  });

  it('a job sent in a transaction exists only if the transaction commits', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, testQueue, [{ n: 0 }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await jobs(testQueue.name)).toEqual([]);
  });

  it('a failing job is retried, the others of its batch are not sent twice, and stop leaves nothing running', async () => {
    const seen: number[] = [];
    let attemptsOfTwo = 0;
    const runtime = await startJobs({
      db: database.db,
      log: quiet,
      pollingIntervalSeconds: 0.5,
      workers: [
        {
          queue: testQueue,
          async handle(data: { n: number }) {
            if (data.n === 2 && ++attemptsOfTwo === 1) throw new Error('the mail server is down');
            seen.push(data.n);
          },
        },
      ],
      periodic: [],
    });
    try {
      await database.db.transaction().execute((trx) => enqueue(trx, testQueue, [{ n: 1 }, { n: 2 }, { n: 3 }]));
      const until = Date.now() + 10_000;
      while (seen.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual([1, 2, 3]);
      expect(attemptsOfTwo).toBe(2);
    } finally {
      await runtime.stop();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobs(testQueue.name)).map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
  });

  it('periodic tasks drain a backlog in full batches and stop cleanly', async () => {
    let backlog = 23;
    const batches: number[] = [];
    const runtime = await startJobs({
      db: database.db,
      log: quiet,
      workers: [],
      periodic: [
        {
          name: 'drain',
          everyMs: 60_000,
          batchSize: 10,
          async run() {
            const n = Math.min(10, backlog);
            backlog -= n;
            batches.push(n);
            return n;
          },
        },
      ],
    });
    await runtime.runNow('drain');
    expect(backlog).toBe(0);
    expect(batches.slice(0, 3)).toEqual([10, 10, 3]);
    await runtime.stop();
  });
});
