import type { Kysely } from 'kysely';
import type { BuiltInRole } from '@kontakt/shared';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from '../platform/auth/password.js';

/** The password every factory-made user has. */
export const TEST_PASSWORD = 'Test-password-2026!';

let hashOfTestPassword: Promise<string> | undefined;
const testHash = () => (hashOfTestPassword ??= hashPassword(TEST_PASSWORD, 10));

export async function roleIdOf(db: Kysely<DB>, builtIn: BuiltInRole): Promise<string> {
  const row = await db.selectFrom('roles').select('id').where('built_in', '=', builtIn).executeTakeFirstOrThrow();
  return row.id;
}

export async function newDepartment(db: Kysely<DB>, overrides: { name?: string; parentId?: string | null; headId?: string | null } = {}) {
  const id = newId();
  await db
    .insertInto('departments')
    .values({ id, name: overrides.name ?? `Отдел ${id.slice(-6)}`, parent_id: overrides.parentId ?? null, head_id: overrides.headId ?? null, updated_at: new Date() })
    .execute();
  return { id };
}

let counter = 0;

export async function newUser(
  db: Kysely<DB>,
  overrides: { name?: string; email?: string; role?: BuiltInRole; roleId?: string; departmentId?: string | null; active?: boolean } = {},
) {
  const id = newId();
  counter++;
  const email = overrides.email ?? `user${counter}-${id.slice(-8)}@test.example`;
  await db
    .insertInto('users')
    .values({
      id,
      name: overrides.name ?? `Сотрудник ${counter}`,
      email,
      password_hash: await testHash(),
      role_id: overrides.roleId ?? (await roleIdOf(db, overrides.role ?? 'manager')),
      department_id: overrides.departmentId ?? null,
      language: 'ru',
      time_zone: 'Europe/Moscow',
      active: overrides.active ?? true,
      updated_at: new Date(),
      password_changed_at: new Date(),
    })
    .execute();
  return { id, email };
}

/** The company row that setup would create, for tests that skip setup. */
export async function newCompany(db: Kysely<DB>, name = 'ООО «Тест»') {
  await db.insertInto('company').values({ id: 1, name, updated_at: new Date() }).onConflict((oc) => oc.doNothing()).execute();
}
