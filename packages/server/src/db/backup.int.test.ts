import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase } from '../testing/test-database.js';
import { createTestApp } from '../testing/test-app.js';
import { newDepartment, newUser } from '../testing/factories.js';
import type { DB } from './schema.js';
import { backupDatabase, restoreDatabase, RestoreError } from './backup.js';
import { openPglite } from './connection.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every row of every table, as the database renders it, in a stable order. */
async function snapshot(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%' ORDER BY 1`.execute(db);
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ r: string }>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(name)} t`.execute(db);
    result[name] = rows.map((row) => row.r).sort();
  }
  return result;
}

describe('backup and restore', () => {
  it('restores into an empty database with every row identical', async () => {
    const source = await createTestApp();
    const file = path.join(tmp, 'full.jsonl.gz');
    try {
      const db = source.database.db;
      const top = await newDepartment(db, { name: 'Дирекция' });
      const child = await newDepartment(db, { name: 'Продажи', parentId: top.id });
      const head = await newUser(db, { role: 'head', departmentId: child.id, name: 'Довженко «Б.» \\ "В."' });
      await db.updateTable('departments').set({ head_id: head.id }).where('id', '=', child.id).execute();
      for (let i = 0; i < 30; i++) await newUser(db, { departmentId: i % 2 ? top.id : child.id });
      const agent = await source.login(head.email);
      await agent.post('/api/v1/auth/tokens', { name: 'Токен 😀' });
      await agent.patch('/api/v1/auth/me', { position: 'Руководитель', version: 1 });

      const { tables } = await backupDatabase(db, file);
      expect(tables.users).toBe(31);
      const target = await openPglite();
      try {
        await restoreDatabase(target.db, file);
        expect(await snapshot(target.db)).toEqual(await snapshot(db));
        const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(target.db);
        expect(migrations.rows.length).toBeGreaterThan(0);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  });

  it('refuses a database that is not empty, and a file that is not a backup', async () => {
    const database = await createTestDatabase();
    try {
      await newUser(database.db);
      const file = path.join(tmp, 'small.jsonl.gz');
      await backupDatabase(database.db, file);
      await expect(restoreDatabase(database.db, file)).rejects.toThrow(RestoreError);
      const junk = path.join(tmp, 'junk.gz');
      fs.writeFileSync(junk, (await import('node:zlib')).gzipSync('{"hello":"world"}\n'));
      await expect(restoreDatabase(database.db, junk)).rejects.toThrow(/not a Kontakt backup/);
    } finally {
      await database.close();
    }
  });
});

describe('backup through the API', () => {
  it('lets an administrator download a backup of the running database, and nobody else', async () => {
    const t = await createTestApp();
    try {
      const db = t.database.db;
      for (let i = 0; i < 12; i++) await newUser(db);
      const manager = await t.signInAs('manager');
      const refused = await manager.get('/api/v1/settings/backup');
      expect(refused.statusCode).toBe(403);
      const admin = await t.signInAs('administrator');
      const response = await admin.get('/api/v1/settings/backup');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/gzip');
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="kontakt-backup-\d{4}-\d{2}-\d{2}\.jsonl\.gz"/);
      const file = path.join(tmp, 'api.jsonl.gz');
      fs.writeFileSync(file, response.rawPayload);
      const target = await openPglite();
      try {
        await restoreDatabase(target.db, file);
        const count = async (d: Kysely<DB>) => (await d.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
        expect(Number(await count(target.db))).toBe(Number(await count(db)));
      } finally {
        await target.close();
      }
      const audit = (await admin.get('/api/v1/audit?action=backup')).json().items;
      expect(audit).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
