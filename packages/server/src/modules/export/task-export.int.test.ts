import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization } from '../groups/client-records.testing.js';
import { insertTask, taskTypeId } from '../tasks/tasks.testing.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let manager: Agent;
let admin: Agent;
let managerId: string;
let customTypeId: string;

const parseCsv = (body: Buffer) => {
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  return Papa.parse<string[]>(body.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const user = await newUser(db, { role: 'manager', name: 'Марина Менеджер' });
  managerId = user.id;
  manager = await t.login(user.email);
  admin = await t.signInAs('administrator');
  const other = await newUser(db, { role: 'manager', name: 'Чужой' });
  const org = await insertOrganization(db, { name: 'ООО «Вектор»', responsibleId: managerId });
  customTypeId = newId();
  await db
    .insertInto('task_types')
    .values({ id: customTypeId, name: 'Выезд на объект', results: JSON.stringify([{ key: 'measured', label: 'Замер сделан' }]) })
    .execute();
  const at = new Date('2026-05-04T07:30:00Z');
  await insertTask(db, {
    responsible_id: managerId,
    title: '=HYPERLINK("http://evil.example","жми")',
    type_id: await taskTypeId(db, 'call'),
    organization_id: org.id,
    starts_at: at,
    status: 'done',
    completed_at: at,
    result_key: 'reached',
    result_text: '+7 916 перезвонить; в пятницу',
  });
  await insertTask(db, { responsible_id: managerId, title: 'Замер', type_id: customTypeId, starts_at: new Date(at.getTime() + 3_600_000), status: 'done', completed_at: at, result_key: 'measured' });
  await insertTask(db, { responsible_id: managerId, title: 'Открытая', starts_at: new Date(at.getTime() + 7_200_000), priority: 'high' });
  await insertTask(db, { responsible_id: other.id, title: 'Чужая задача', starts_at: new Date(at.getTime() - 3_600_000) });
});
afterAll(async () => t?.close());

describe('export of the task list', () => {
  it('exports the view as CSV: headers and choices in the user language, formulas neutralized, only visible tasks', async () => {
    const response = await manager.get('/api/v1/tasks/export?format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''%D0%97%D0%B0%D0%B4%D0%B0%D1%87%D0%B8/);
    const [header, ...rows] = parseCsv(response.rawPayload);
    expect(header).toEqual(['Задача', 'Тип', 'Статус', 'Дата', 'Срок', 'Выполнена', 'Организация', 'Контактное лицо', 'Ответственный', 'Результат', 'Комментарий к результату']);
    expect(rows.map((r) => r[0])).toEqual([`'=HYPERLINK("http://evil.example","жми")`, 'Замер', 'Открытая']);
    const [call, visit, open] = rows;
    // 07:30 UTC is 10:30 in Moscow, the user's time zone.
    expect(call).toEqual([
      `'=HYPERLINK("http://evil.example","жми")`,
      'Звонок',
      'Выполнена',
      '04.05.2026 10:30',
      '',
      '04.05.2026 10:30',
      'ООО «Вектор»',
      '',
      'Марина Менеджер',
      'Дозвонился',
      `'+7 916 перезвонить; в пятницу`,
    ]);
    expect(visit!.slice(1, 3)).toEqual(['Выезд на объект', 'Выполнена']);
    expect(visit![9]).toBe('Замер сделан');
    expect(open![2]).toBe('Запланирована');
  });

  it("applies the list's view, filters and sort, chosen columns, and writes an audit entry with the count", async () => {
    const response = await manager.get('/api/v1/tasks/export?view=mine&open=true&columns=title,priority,overdue,participants&delimiter=comma');
    expect(response.statusCode, response.body).toBe(200);
    const rows = Papa.parse<string[]>(response.rawPayload.toString('utf8').slice(1), { delimiter: ',', skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Задача', 'Приоритет', 'Просрочена', 'Участники'],
      ['Открытая', 'Высокий', 'Да', ''],
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['object_type', 'changes', 'actor_id'])
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ object_type: 'task', actor_id: managerId, changes: { count: { after: 1 }, format: { after: 'csv' } } });
    const sorted = parseCsv((await admin.get('/api/v1/tasks/export?sort=-at&columns=title')).rawPayload).slice(1).map((r) => r[0]);
    expect(sorted).toEqual(['Открытая', 'Замер', `'=HYPERLINK("http://evil.example","жми")`, 'Чужая задача']);
  });

  it('exports XLSX with the same cells, readable by a spreadsheet library', async () => {
    const response = await manager.get('/api/v1/tasks/export?format=xlsx&columns=title,type');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Задачи');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toEqual([
      ['Задача', 'Тип'],
      [`'=HYPERLINK("http://evil.example","жми")`, 'Звонок'],
      ['Замер', 'Выезд на объект'],
      ['Открытая', 'Задача'],
    ]);
  });

  it('refuses unknown columns and bad filters with 400 per field before sending a file', async () => {
    const columns = await manager.get('/api/v1/tasks/export?columns=title,salary');
    expect(columns.statusCode).toBe(400);
    expect(columns.json().errors).toEqual([expect.objectContaining({ field: 'columns.1', code: 'unknown_field' })]);
    const filters = await manager.get('/api/v1/tasks/export?view=nobody&format=pdf');
    expect(filters.statusCode).toBe(400);
    expect(filters.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['format', 'view']);
  });
});
