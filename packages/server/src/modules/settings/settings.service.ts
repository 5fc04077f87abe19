import { sql } from 'kysely';
import { PassThrough } from 'node:stream';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { versionConflict } from '../../platform/errors.js';
import { writeBackup } from '../../db/backup.js';

export function makeSettingsService({ db, bus }: ServiceDeps) {
  async function companyName(): Promise<string> {
    const row = await db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirst();
    return row?.name ?? '';
  }

  async function getCompany(actor: Actor) {
    assertCan(actor, 'view', 'settings');
    const row = await db.selectFrom('company').select(['name', 'version']).where('id', '=', 1).executeTakeFirst();
    return row ?? { name: '', version: 1 };
  }

  async function updateCompany(actor: Actor, ctx: RequestContext, body: { name: string; version: number }) {
    assertCan(actor, 'edit', 'settings');
    const result = await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('company').select(['name', 'version']).where('id', '=', 1).executeTakeFirst();
      if (!before || before.version !== body.version) throw versionConflict();
      await trx
        .updateTable('company')
        .set({ name: body.name, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', 1)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'settings',
        objectId: 'company',
        objectLabel: body.name,
        changes: diffChanges({ name: before.name }, { name: body.name }),
      });
      return { name: body.name, version: before.version + 1 };
    });
    // Sessions show the company name: let them read it again.
    await bus.publish();
    return result;
  }

  /**
   * A full backup for an administrator, as a stream (the embedded database cannot be copied from outside
   * while it runs). Access is checked before anything is sent; a failure later cuts the stream short, so
   * the download fails instead of ending in a truncated file that looks whole.
   */
  function backup(actor: Actor, ctx: RequestContext, onError: (error: unknown) => void): PassThrough {
    assertCan(actor, 'edit', 'settings');
    const stream = new PassThrough();
    writeBackup(db, stream)
      .then(({ tables }) => {
        const rows = Object.values(tables).reduce((a, b) => a + b, 0);
        return recordAudit(db, ctx, { action: 'backup', objectType: 'settings', objectId: 'backup', objectLabel: `${rows}` });
      })
      .catch((error: unknown) => {
        onError(error);
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    return stream;
  }

  return { companyName, getCompany, updateCompany, backup };
}

export type SettingsService = ReturnType<typeof makeSettingsService>;
