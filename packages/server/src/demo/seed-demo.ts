import type { Kysely } from 'kysely';
import type { BuiltInRole } from '@kontakt/shared';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from '../platform/auth/password.js';
import { diffChanges, recordAudit } from '../platform/audit/audit.js';
import { seedDemoClients, type DemoClientsSummary } from './demo-clients.js';
import { seedDemoTasks, type DemoTasksSummary } from './demo-tasks.js';

export const DEMO_PASSWORD = 'Kontakt-demo-2026';
export const DEMO_DOMAIN = 'severny-td.example';

interface DemoDepartment {
  key: string;
  name: string;
  parent?: string;
}

interface DemoUser {
  name: string;
  login: string;
  position: string;
  phone: string;
  department: string;
  role: BuiltInRole;
  heads?: string;
  manager?: string;
}

/** A wholesale company in Moscow with a regional sales office: the people of seed 004's examples. */
const DEPARTMENTS: DemoDepartment[] = [
  { key: 'board', name: 'Дирекция' },
  { key: 'sales', name: 'Отдел продаж', parent: 'board' },
  { key: 'sales-msk', name: 'Продажи — Москва', parent: 'sales' },
  { key: 'sales-reg', name: 'Продажи — регионы', parent: 'sales' },
  { key: 'marketing', name: 'Отдел маркетинга', parent: 'board' },
  { key: 'support', name: 'Служба поддержки клиентов', parent: 'board' },
  { key: 'accounting', name: 'Бухгалтерия', parent: 'board' },
];

const USERS: DemoUser[] = [
  { name: 'Андрей Викторович Орлов', login: 'orlov', position: 'Генеральный директор', phone: '+7 495 120-45-01', department: 'board', role: 'administrator', heads: 'board' },
  { name: 'Борис Васильевич Довженко', login: 'dovzhenko', position: 'Руководитель отдела продаж', phone: '+7 495 120-45-10', department: 'sales', role: 'head', heads: 'sales', manager: 'orlov' },
  { name: 'Светлана Игоревна Решетова', login: 'reshetova', position: 'Старший менеджер', phone: '+7 495 120-45-11', department: 'sales-msk', role: 'senior', heads: 'sales-msk', manager: 'dovzhenko' },
  { name: 'Юлия Александровна Семёнова', login: 'semenova', position: 'Менеджер по продажам', phone: '+7 495 120-45-12', department: 'sales-msk', role: 'manager', manager: 'reshetova' },
  { name: 'Дмитрий Олегович Кузнецов', login: 'kuznetsov', position: 'Менеджер по продажам', phone: '+7 495 120-45-13', department: 'sales-msk', role: 'manager', manager: 'reshetova' },
  { name: 'Сергей Константинович Виноградов', login: 'vinogradov', position: 'Стажёр отдела продаж', phone: '+7 495 120-45-14', department: 'sales-msk', role: 'intern', manager: 'reshetova' },
  { name: 'Ольга Петровна Лебедева', login: 'lebedeva', position: 'Старший менеджер', phone: '+7 843 200-17-20', department: 'sales-reg', role: 'senior', heads: 'sales-reg', manager: 'dovzhenko' },
  { name: 'Игорь Николаевич Ткаченко', login: 'tkachenko', position: 'Региональный менеджер', phone: '+7 843 200-17-21', department: 'sales-reg', role: 'manager', manager: 'lebedeva' },
  { name: 'Наталья Сергеевна Морозова', login: 'morozova', position: 'Руководитель отдела маркетинга', phone: '+7 495 120-45-30', department: 'marketing', role: 'head', heads: 'marketing', manager: 'orlov' },
  { name: 'Алексей Дмитриевич Волков', login: 'volkov', position: 'Маркетолог', phone: '+7 495 120-45-31', department: 'marketing', role: 'manager', manager: 'morozova' },
  { name: 'Елена Владимировна Соколова', login: 'sokolova', position: 'Руководитель службы поддержки', phone: '+7 495 120-45-40', department: 'support', role: 'head', heads: 'support', manager: 'orlov' },
  { name: 'Мария Андреевна Павлова', login: 'pavlova', position: 'Специалист поддержки', phone: '+7 495 120-45-41', department: 'support', role: 'manager', manager: 'sokolova' },
  { name: 'Татьяна Юрьевна Фёдорова', login: 'fedorova', position: 'Главный бухгалтер', phone: '+7 495 120-45-50', department: 'accounting', role: 'head', heads: 'accounting', manager: 'orlov' },
];

export const demoEmail = (login: string) => `${login}@${DEMO_DOMAIN}`;

/** Fills an empty database with the demo company; later areas add their steps after these. */
/** A refusal the command line prints as a plain message, without a stack trace. */
export class DemoRefusedError extends Error {}

export async function seedDemo(db: Kysely<DB>, config: Config): Promise<string> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) throw new DemoRefusedError('The demo needs an empty database: this one already has users. Use another DATA_DIR or DATABASE_URL.');
  const roles = await db.selectFrom('roles').select(['id', 'built_in']).where('built_in', 'is not', null).execute();
  const roleId = (role: BuiltInRole) => roles.find((r) => r.built_in === role)!.id;
  const passwordHash = await hashPassword(DEMO_PASSWORD, config.passwordHashCost);

  const { clients, tasks } = await db.transaction().execute(async (trx): Promise<{ clients: DemoClientsSummary; tasks: DemoTasksSummary }> => {
    await trx.insertInto('company').values({ id: 1, name: 'ООО «Торговый дом „Северный“»', updated_at: new Date() }).execute();
    const departmentIds = new Map(DEPARTMENTS.map((d) => [d.key, newId()]));
    for (const d of DEPARTMENTS) {
      await trx
        .insertInto('departments')
        .values({ id: departmentIds.get(d.key)!, name: d.name, parent_id: d.parent ? departmentIds.get(d.parent)! : null, updated_at: new Date() })
        .execute();
    }
    const userIds = new Map(USERS.map((u) => [u.login, newId()]));
    for (const u of USERS) {
      await trx
        .insertInto('users')
        .values({
          id: userIds.get(u.login)!,
          name: u.name,
          email: demoEmail(u.login),
          password_hash: passwordHash,
          position: u.position,
          phone: u.phone,
          department_id: departmentIds.get(u.department)!,
          role_id: roleId(u.role),
          language: 'ru',
          time_zone: 'Europe/Moscow',
          updated_at: new Date(),
          password_changed_at: new Date(),
        })
        .execute();
    }
    for (const u of USERS) {
      if (u.manager) await trx.updateTable('users').set({ manager_id: userIds.get(u.manager)! }).where('id', '=', userIds.get(u.login)!).execute();
      if (u.heads) await trx.updateTable('departments').set({ head_id: userIds.get(u.login)! }).where('id', '=', departmentIds.get(u.heads)!).execute();
    }
    // The history an administrator would have left setting the company up, so the audit log is not empty.
    const ctx = { actorId: userIds.get('orlov')!, requestId: null, ip: '127.0.0.1' };
    for (const d of DEPARTMENTS) {
      const head = USERS.find((u) => u.heads === d.key)?.name ?? null;
      const parent = DEPARTMENTS.find((p) => p.key === d.parent)?.name ?? null;
      await recordAudit(trx, ctx, { action: 'create', objectType: 'department', objectId: departmentIds.get(d.key)!, objectLabel: d.name, changes: diffChanges(null, { name: d.name, parent, head }) });
    }
    for (const u of USERS) {
      const department = DEPARTMENTS.find((d) => d.key === u.department)!.name;
      await recordAudit(trx, ctx, { action: 'create', objectType: 'user', objectId: userIds.get(u.login)!, objectLabel: u.name, changes: diffChanges(null, { name: u.name, email: demoEmail(u.login), position: u.position, department }) });
    }
    const team = { userId: (login: string) => userIds.get(login)! };
    const clients = await seedDemoClients(trx, team);
    return { clients, tasks: await seedDemoTasks(trx, team) };
  });
  return [
    `Demo company created: ${DEPARTMENTS.length} departments, ${USERS.length} employees, ${clients.organizations} organizations, ${clients.persons} contact persons, ${clients.groups} groups, ${tasks.tasks} tasks (${tasks.projects} projects), ${tasks.absences} absences.`,
    `Log in as ${demoEmail('orlov')} (administrator), ${demoEmail('dovzhenko')} (head of sales), ${demoEmail('semenova')} (manager)`,
    `or ${demoEmail('vinogradov')} (intern); every demo password is ${DEMO_PASSWORD}`,
  ].join('\n');
}
