import type { Kysely } from 'kysely';
import { BUILT_IN_PERMISSIONS, BUILT_IN_ROLES, normalizePermissions, OBJECT_TYPES, type BuiltInRole, type Locale } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';

export const BUILT_IN_ROLE_NAMES: Record<Locale, Record<BuiltInRole, string>> = {
  ru: { administrator: 'Администратор', head: 'Руководитель отдела', senior: 'Старший менеджер', manager: 'Менеджер', intern: 'Стажёр' },
  uk: { administrator: 'Адміністратор', head: 'Керівник відділу', senior: 'Старший менеджер', manager: 'Менеджер', intern: 'Стажист' },
  en: { administrator: 'Administrator', head: 'Head of department', senior: 'Senior manager', manager: 'Manager', intern: 'Intern' },
};

/**
 * Creates the built-in roles that are missing, and gives existing ones the objects that later versions
 * add (with the built-in defaults) without touching cells an administrator has already set.
 */
export async function ensureBuiltInRoles(db: Kysely<DB>): Promise<void> {
  const existing = await db.selectFrom('roles').select(['id', 'built_in', 'permissions']).where('built_in', 'is not', null).execute();
  for (const builtIn of BUILT_IN_ROLES) {
    const row = existing.find((r) => r.built_in === builtIn);
    const defaults = normalizePermissions(BUILT_IN_PERMISSIONS[builtIn]);
    if (!row) {
      await db
        .insertInto('roles')
        .values({
          id: newId(),
          name: BUILT_IN_ROLE_NAMES.ru[builtIn],
          built_in: builtIn,
          permissions: JSON.stringify(defaults),
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      continue;
    }
    const missing = OBJECT_TYPES.filter((object) => !(object in (row.permissions as object)));
    if (missing.length > 0) {
      const merged = { ...row.permissions };
      for (const object of missing) merged[object] = defaults[object];
      await db.updateTable('roles').set({ permissions: JSON.stringify(normalizePermissions(merged)) }).where('id', '=', row.id).execute();
    }
  }
}

/** Names the built-in roles in the company's language, unless an administrator has already edited them. */
export async function localizeBuiltInRoles(db: Kysely<DB>, locale: Locale): Promise<void> {
  for (const builtIn of BUILT_IN_ROLES) {
    await db
      .updateTable('roles')
      .set({ name: BUILT_IN_ROLE_NAMES[locale][builtIn] })
      .where('built_in', '=', builtIn)
      .where('version', '=', 1)
      .execute();
  }
}
