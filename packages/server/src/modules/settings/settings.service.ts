import { sql } from 'kysely';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { versionConflict } from '../../platform/errors.js';

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

  return { companyName, getCompany, updateCompany };
}

export type SettingsService = ReturnType<typeof makeSettingsService>;
