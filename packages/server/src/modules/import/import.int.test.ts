import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { brokenInn, commitAndWait, cp1251, csv, multipart, upload, uploadOk, utf8, validAccount, validInn } from './import-test-helpers.js';

const GOOD_ACCOUNT = validAccount('044525225', 1);
const BAD_ACCOUNT = GOOD_ACCOUNT.slice(0, 8) + String((Number(GOOD_ACCOUNT[8]) + 1) % 10) + GOOD_ACCOUNT.slice(9);

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(async () => t?.close());

const countOrganizations = async (where = sql`TRUE`) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM organizations WHERE ${where}`.execute(t.database.db)).rows[0]!.n);

describe('reading files', () => {
  it('reads UTF-8 CSV with ";" and a BOM, suggests the mapping by header names', async () => {
    const text = csv([
      ['Наименование', 'ИНН', 'Телефон', 'E-mail', 'Город', 'Что-то своё'],
      ['ООО «Ромашка; и партнёры»', validInn(1), '8 (495) 123-45-67', 'info@romashka.ru', 'Москва', 'x'],
      ['ООО "Лютик"', validInn(2), '', '', '', ''],
    ]);
    const result = await uploadOk(admin, 'organization', 'orgs.csv', utf8(text, true));
    expect(result.headers).toEqual(['Наименование', 'ИНН', 'Телефон', 'E-mail', 'Город', 'Что-то своё']);
    expect(result.totalRows).toBe(2);
    expect(result.sampleRows[0]![0]).toBe('ООО «Ромашка; и партнёры»');
    expect(result.sampleRows[1]![0]).toBe('ООО "Лютик"');
    expect(result.suggestedMapping).toEqual(['name', 'inn', 'phone', 'email', 'address.actual.city', null]);
    expect(result.fields.find((f) => f.key === 'inn')?.label).toBe('ИНН');
  });

  it('reads Windows-1251 CSV with ","', async () => {
    const text = csv(
      [
        ['Фамилия', 'Имя', 'Отчество', 'Должность', 'Телефон'],
        ['Щербаков', 'Юрий', 'Ёжикович', 'Главный инженер', '+7 916 111-22-33'],
      ],
      ',',
    );
    const result = await uploadOk(admin, 'person', 'люди.csv', cp1251(text));
    expect(result.headers).toEqual(['Фамилия', 'Имя', 'Отчество', 'Должность', 'Телефон']);
    expect(result.sampleRows[0]).toEqual(['Щербаков', 'Юрий', 'Ёжикович', 'Главный инженер', '+7 916 111-22-33']);
    expect(result.suggestedMapping).toEqual(['lastName', 'firstName', 'middleName', 'position', 'phone']);
    expect(result.fileName).toBe('люди.csv');
  });

  it('reads tab-separated UTF-8 without a BOM', async () => {
    const result = await uploadOk(admin, 'organization', 'orgs.txt', utf8(`Name\tINN\r\nAcme\t${validInn(3)}\r\n`));
    expect(result.headers).toEqual(['Name', 'INN']);
    expect(result.suggestedMapping).toEqual(['name', 'inn']);
  });

  it('reads the first sheet of an XLSX: numbers, dates and rich text become text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Контакты');
    sheet.addRow(['ФИО', 'Дата рождения', 'Телефон', 'Примечание']);
    sheet.addRow(['Петрова Анна Сергеевна', new Date(Date.UTC(1985, 4, 17)), 79161234567, { richText: [{ text: 'любит ' }, { font: { bold: true }, text: 'чай' }] }]);
    workbook.addWorksheet('Второй').addRow(['не читается']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await uploadOk(admin, 'person', 'контакты.xlsx', bytes);
    expect(result.headers).toEqual(['ФИО', 'Дата рождения', 'Телефон', 'Примечание']);
    expect(result.sampleRows).toEqual([['Петрова Анна Сергеевна', '17.05.1985', '79161234567', 'любит чай']]);
    expect(result.suggestedMapping).toEqual(['fullName', 'birthDate', 'phone', 'notes']);

    const preview = await admin.post(`/api/v1/imports/${result.id}/preview`, { mapping: result.suggestedMapping, duplicateStrategy: 'skip' });
    expect(preview.json()).toMatchObject({ totalRows: 1, valid: 1, invalid: 0 });
    const job = await commitAndWait(admin, result.id);
    expect(job).toMatchObject({ status: 'done', createdCount: 1 });
    const person = await t.database.db.selectFrom('persons').selectAll().where('last_name', '=', 'Петрова').executeTakeFirstOrThrow();
    expect(person).toMatchObject({ first_name: 'Анна', middle_name: 'Сергеевна', birth_date: '1985-05-17', notes: 'любит чай' });
  });

  it.each([
    ['an empty file', 'a.csv', Buffer.alloc(0), 'empty'],
    ['binary junk', 'a.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]), 'binary'],
    ['a zip that is not a workbook', 'a.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'XLSX'],
    ['a file named .xlsx that is text', 'a.xlsx', utf8('Название\nРомашка\n'), 'XLSX'],
    ['only blank lines', 'a.csv', utf8('\r\n;;\r\n\r\n'), 'header'],
    ['a header without rows', 'a.csv', utf8('Название;ИНН\r\n'), 'no data rows'],
    ['an unclosed quote', 'a.csv', utf8('Название;ИНН\r\n"Ромашка;123\r\nЛютик;1\r\n'), 'quote'],
    ['an old .xls', 'a.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]), '.xls'],
  ])('refuses %s with a reason and stores nothing', async (_name, fileName, bytes, reason) => {
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM import_jobs`.execute(t.database.db)).rows[0]!.n);
    const response = await upload(admin, 'organization', fileName, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('import_invalid_file');
    expect(response.json().title).toContain(reason);
    const after = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM import_jobs`.execute(t.database.db)).rows[0]!.n);
    expect(after).toBe(before);
  });

  it('answers 415 to a body that is not multipart, and 400 without the file or the object type', async () => {
    expect((await admin.post('/api/v1/imports', { objectType: 'organization' })).statusCode).toBe(415);
    const noFile = multipart({ objectType: 'organization' });
    const r1 = await admin.post('/api/v1/imports', noFile.body, noFile.headers);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().errors[0]).toMatchObject({ field: 'file', code: 'required' });
    const noType = multipart({}, { name: 'a.csv', bytes: utf8('Название\nА\n') });
    const r2 = await admin.post('/api/v1/imports', noType.body, noType.headers);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors[0]).toMatchObject({ field: 'objectType', code: 'required' });
  });
});

describe('all or nothing', () => {
  it('rejects a file with bad rows, writes nothing, reports exactly those rows; the fixed report imports', async () => {
    const rows = [
      ['Название', 'ИНН', 'Телефон', 'БИК', 'Расчётный счёт'],
      ['Альфа-Тест', validInn(101), '+7 495 100-00-01', '', ''],
      ['Бета-Тест', brokenInn(102), '', '', ''],
      ['Гамма-Тест', validInn(103), 'позвонить утром', '', ''],
      ['', validInn(104), '', '', ''],
      ['Дельта-Тест', validInn(105), '', '044525225', BAD_ACCOUNT],
    ];
    const result = await uploadOk(admin, 'organization', 'bad.csv', utf8(csv(rows)));
    const preview = (await admin.post(`/api/v1/imports/${result.id}/preview`, { mapping: result.suggestedMapping, duplicateStrategy: 'skip' })).json();
    expect(preview).toMatchObject({ totalRows: 5, valid: 1, invalid: 4 });
    expect(preview.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'ИНН', 'invalid_inn'],
      [4, 'Телефон', 'invalid_phone'],
      [5, 'Название', 'required'],
      [6, 'Расчётный счёт', 'invalid_account'],
    ]);
    expect(preview.errors[0].message).toContain('ИНН');

    const job = await commitAndWait(admin, result.id);
    expect(job).toMatchObject({ status: 'rejected', rejectedCount: 4, createdCount: 0, hasReport: true });
    expect(await countOrganizations(sql`name LIKE '%-Тест'`)).toBe(0);

    const report = await admin.get(`/api/v1/imports/${result.id}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toContain("filename*=UTF-8''bad");
    expect(report.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = report.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('Название;ИНН;Телефон;БИК;Расчётный счёт;Ошибки');
    expect(lines[1]).toMatch(/^Бета-Тест;\d{10};;;;ИНН: Неверный ИНН/);
    expect(lines[2]).toMatch(/^Гамма-Тест;.*Телефон: Неверный номер телефона$/);

    // The user fixes the rows in the report and imports it again; the mapping is remembered.
    const fixed = report.rawPayload
      .toString('utf8')
      .replace(brokenInn(102), validInn(102))
      .replace('позвонить утром', '+7 495 100-00-03')
      .replace(`;${validInn(104)};`, `Эпсилон-Тест;${validInn(104)};`)
      .replace(BAD_ACCOUNT, GOOD_ACCOUNT);
    const again = await uploadOk(admin, 'organization', 'bad — errors.csv', Buffer.from(fixed, 'utf8'));
    expect(again.suggestedMapping).toEqual(['name', 'inn', 'phone', 'bank.bik', 'bank.account', null]);
    const job2 = await commitAndWait(admin, again.id, { mapping: again.suggestedMapping, duplicateStrategy: 'skip' });
    expect(job2).toMatchObject({ status: 'done', createdCount: 4 });
    expect(await countOrganizations(sql`name LIKE '%-Тест'`)).toBe(4);
  });
});
