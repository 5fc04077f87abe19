import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { Agent, createTestApp, type TestApp } from '../../testing/test-app.js';
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
    ['an empty file', 'a.csv', Buffer.alloc(0), 'файл пустой'],
    ['binary junk', 'a.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]), 'двоичные данные'],
    ['a zip that is not a workbook', 'a.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'не книга XLSX'],
    ['a file named .xlsx that is text', 'a.xlsx', utf8('Название\nРомашка\n'), 'не книга XLSX'],
    ['only blank lines', 'a.csv', utf8('\r\n;;\r\n\r\n'), 'нет строки заголовков'],
    ['a header without rows', 'a.csv', utf8('Название;ИНН\r\n'), 'нет ни одной строки данных'],
    ['an unclosed quote', 'a.csv', utf8('Название;ИНН\r\n"Ромашка;123\r\nЛютик;1\r\n'), 'не закрыта кавычка в строке 2'],
    ['text in neither UTF-8 nor Windows-1251', 'a.csv', Buffer.from([0xcd, 0xe0, 0xe7, 0x98, 0x98, 0x0a, 0x41, 0x0a]), 'не в кодировке UTF-8 и не в Windows-1251'],
    ['an old .xls', 'a.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]), 'старый формат Excel .xls'],
  ])('refuses %s with a reason in the user\'s language and stores nothing', async (_name, fileName, bytes, reason) => {
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM import_jobs`.execute(t.database.db)).rows[0]!.n);
    const response = await upload(admin, 'organization', fileName, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('import_invalid_file');
    expect(response.json().title).toContain(reason);
    const after = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM import_jobs`.execute(t.database.db)).rows[0]!.n);
    expect(after).toBe(before);
  });

  it('refuses a file over IMPORT_MAX_FILE_MB with 413', async () => {
    const { buildApp } = await import('../../app.js');
    const small = await buildApp({ config: { ...t.config, importMaxFileBytes: 1024 }, database: t.database, logger: false });
    await small.ready();
    try {
      const agent = new Agent(small);
      agent.cookie = admin.cookie;
      agent.csrfToken = admin.csrfToken;
      const response = await upload(agent, 'organization', 'big.csv', utf8(`Название\r\n${'Ромашка\r\n'.repeat(200)}`));
      expect(response.statusCode).toBe(413);
      expect(response.json().code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
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

async function importFile(agent: Agent, objectType: 'organization' | 'person', rows: string[][], strategy: 'skip' | 'update' | 'create', mapping?: (string | null)[]) {
  const uploaded = await uploadOk(agent, objectType, 'file.csv', utf8(csv(rows)));
  const body = { mapping: mapping ?? uploaded.suggestedMapping, duplicateStrategy: strategy };
  const preview = await agent.post(`/api/v1/imports/${uploaded.id}/preview`, body);
  expect(preview.statusCode).toBe(200);
  const job = await commitAndWait(agent, uploaded.id, body);
  return { uploaded, preview: preview.json(), job };
}

describe('duplicates', () => {
  const header = ['Название', 'ИНН', 'Телефон', 'Отрасль'];

  async function existing(n: number) {
    const response = await admin.post('/api/v1/organizations', {
      name: `Был-${n}`,
      inn: validInn(n),
      industry: 'Старая',
      contacts: [{ kind: 'phone', value: '+7 495 200-00-01' }],
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; version: number };
  }

  it('skip: an existing INN and a repeated row are skipped, the record is untouched', async () => {
    const before = await existing(201);
    const { preview, job } = await importFile(admin, 'organization', [header, [`Стал-201`, validInn(201), '', 'Новая'], ['Новая-202', validInn(202), '', ''], ['Новая-202 ещё раз', validInn(202), '', '']], 'skip');
    expect(preview).toMatchObject({ valid: 3, duplicates: 2, toCreate: 1, toSkip: 2, toUpdate: 0 });
    expect(job).toMatchObject({ status: 'done', createdCount: 1, updatedCount: 0, skippedCount: 2 });
    const row = await t.database.db.selectFrom('organizations').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Был-201', industry: 'Старая', version: before.version });
  });

  it('update: mapped fields are replaced, empty cells keep values, new phones are added, version goes up', async () => {
    const before = await existing(211);
    const { job } = await importFile(admin, 'organization', [header, ['Стал-211', validInn(211), '+7 495 200-00-02', ''], ['Новая-212', validInn(212), '', '']], 'update');
    expect(job).toMatchObject({ status: 'done', createdCount: 1, updatedCount: 1, skippedCount: 0 });
    const row = await t.database.db.selectFrom('organizations').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Стал-211', industry: 'Старая', version: before.version + 1 });
    const phones = await t.database.db.selectFrom('contact_points').select('normalized').where('owner_id', '=', before.id).orderBy('position').execute();
    expect(phones.map((p) => p.normalized)).toEqual(['+74952000001', '+74952000002']);
    const terms = await sql<{ term: string }>`SELECT term FROM search_terms WHERE term = 'стал'`.execute(t.database.db);
    expect(terms.rows).toHaveLength(1);
  });

  it('create: duplicates become new records', async () => {
    await existing(221);
    const { job } = await importFile(admin, 'organization', [header, ['Ещё-221', validInn(221), '', '']], 'create');
    expect(job).toMatchObject({ status: 'done', createdCount: 1 });
    expect(await countOrganizations(sql`inn = ${validInn(221)}`)).toBe(2);
  });

  it('persons match by normalized phone or email whatever the format, and by exact name without contacts', async () => {
    const person = await admin.post('/api/v1/persons', {
      lastName: 'Сидоров',
      firstName: 'Пётр',
      contacts: [{ kind: 'phone', value: '+7 916 300-00-01' }, { kind: 'email', value: 'sidorov@example.ru' }],
    });
    expect(person.statusCode).toBe(201);
    await admin.post('/api/v1/persons', { lastName: 'Безконтактный', firstName: 'Иван' });
    const { preview, job } = await importFile(
      admin,
      'person',
      [
        ['Фамилия', 'Имя', 'Телефон', 'E-mail'],
        ['Сидоров', 'Пётр', '8 (916) 300-00-01', ''],
        ['Сидоров', 'П.', '', 'SIDOROV@example.ru'],
        ['безконтактный', 'иван', '', ''],
        ['Новиков', 'Олег', '', ''],
      ],
      'skip',
    );
    expect(preview).toMatchObject({ valid: 4, duplicates: 3, toCreate: 1, toSkip: 3 });
    expect(job).toMatchObject({ status: 'done', createdCount: 1, skippedCount: 3 });
  });
});

describe('rights', () => {
  it('refuses an import to a user without the create right', async () => {
    const intern = await t.signInAs('intern');
    const response = await upload(intern, 'organization', 'a.csv', utf8(csv([['Название'], ['Стажёрская']])));
    expect(response.statusCode).toBe(403);
  });

  it('a manager may not update through an import a record they may not edit; nothing is written', async () => {
    const owner = await t.signInAs('manager');
    const created = await owner.post('/api/v1/organizations', { name: 'Чужая-301', inn: validInn(301) });
    expect(created.statusCode).toBe(201);
    const manager = await t.signInAs('manager');
    const { preview, job } = await importFile(manager, 'organization', [['Название', 'ИНН'], ['Моя-302', validInn(302)], ['Перехват-301', validInn(301)]], 'update');
    expect(preview.errors).toEqual([expect.objectContaining({ row: 3, column: 'ИНН', code: 'forbidden' })]);
    expect(job).toMatchObject({ status: 'rejected', rejectedCount: 1 });
    expect(await countOrganizations(sql`inn IN (${validInn(301)}, ${validInn(302)})`)).toBe(1);
    // Their own import is theirs alone.
    expect((await owner.get(`/api/v1/imports/${job.id}`)).statusCode).toBe(404);
  });
});

describe('mapping, references and custom fields', () => {
  it('remembers the last mapping for the same columns', async () => {
    const rows = [['Колонка А', 'Колонка Б'], ['Запомненная', validInn(401)]];
    const first = await uploadOk(admin, 'organization', 'a.csv', utf8(csv(rows)));
    expect(first.suggestedMapping).toEqual([null, null]);
    await admin.post(`/api/v1/imports/${first.id}/preview`, { mapping: ['name', 'inn'], duplicateStrategy: 'skip' });
    const second = await uploadOk(admin, 'organization', 'b.csv', utf8(csv([['Колонка Б', 'Колонка А'], [validInn(402), 'Другая']])));
    expect(second.suggestedMapping).toEqual(['inn', 'name']);
    // Another object type keeps its own memory.
    const person = await uploadOk(admin, 'person', 'c.csv', utf8(csv(rows)));
    expect(person.suggestedMapping).toEqual([null, null]);
  });

  it('links persons to organizations by INN or exact name, the responsible by email; unknown ones are row errors', async () => {
    const org = await admin.post('/api/v1/organizations', { name: 'Работодатель-Тест', inn: validInn(501) });
    expect(org.statusCode).toBe(201);
    const orgId = org.json().id as string;
    const responsible = await t.database.db.selectFrom('users').select(['id', 'email']).orderBy('id').executeTakeFirstOrThrow();
    const rows = [
      ['ФИО', 'Компания', 'Должность', 'Ответственный'],
      ['Кузнецов Илья Андреевич', validInn(501), 'Директор', responsible.email.toUpperCase()],
      ['Лебедева Ольга', 'работодатель-тест', 'Юрист', ''],
      ['Орлов Павел', 'Нет такой', '', 'nobody@nowhere.example'],
    ];
    const bad = await importFile(admin, 'person', rows, 'skip');
    expect(bad.preview.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [4, 'Компания', 'not_found'],
      [4, 'Ответственный', 'not_found'],
    ]);
    expect(bad.job.status).toBe('rejected');
    const { job } = await importFile(admin, 'person', rows.slice(0, 3), 'skip');
    expect(job).toMatchObject({ status: 'done', createdCount: 2 });
    const persons = await t.database.db
      .selectFrom('persons')
      .select(['last_name', 'first_name', 'middle_name', 'organization_id', 'responsible_id', 'position'])
      .where('last_name', 'in', ['Кузнецов', 'Лебедева'])
      .orderBy('last_name')
      .execute();
    expect(persons).toEqual([
      { last_name: 'Кузнецов', first_name: 'Илья', middle_name: 'Андреевич', organization_id: orgId, responsible_id: responsible.id, position: 'Директор' },
      expect.objectContaining({ last_name: 'Лебедева', first_name: 'Ольга', organization_id: orgId }),
    ]);
    const employments = await t.database.db.selectFrom('employments').select(['is_primary', 'position']).where('organization_id', '=', orgId).execute();
    expect(employments).toHaveLength(2);
    expect(employments.every((e) => e.is_primary)).toBe(true);
  });

  it('imports custom fields by their label, choices by option label, and reports a wrong option', async () => {
    await t.database.db
      .insertInto('custom_field_defs')
      .values({
        id: '01900000-0000-7000-8000-000000000001',
        object_type: 'organization',
        key: 'segment',
        label: 'Сегмент',
        type: 'choice',
        options: JSON.stringify([{ value: 'smb', label: 'Малый бизнес' }, { value: 'ent', label: 'Крупный бизнес' }]),
        updated_at: new Date(),
      })
      .execute();
    const rows = [['Название', 'Сегмент'], ['Сегментная-1', 'малый бизнес'], ['Сегментная-2', 'Средний']];
    const bad = await importFile(admin, 'organization', rows, 'skip');
    expect(bad.uploaded.suggestedMapping).toEqual(['name', 'custom.segment']);
    expect(bad.preview.errors).toEqual([expect.objectContaining({ row: 3, column: 'Сегмент', field: 'custom.segment', code: 'invalid_option' })]);
    const { job } = await importFile(admin, 'organization', rows.slice(0, 2), 'skip');
    expect(job.status).toBe('done');
    const row = await t.database.db.selectFrom('organizations').select('custom').where('name', '=', 'Сегментная-1').executeTakeFirstOrThrow();
    expect(row.custom).toEqual({ segment: 'smb' });
  });

  it('commits what the preview checked, but checks again when the field definitions changed in between', async () => {
    const rows = [['Название', 'ИНН'], ['Предпросмотренная', validInn(901)]];
    const uploaded = await uploadOk(admin, 'organization', 'a.csv', utf8(csv(rows)));
    const body = { mapping: uploaded.suggestedMapping, duplicateStrategy: 'skip' };
    expect((await admin.post(`/api/v1/imports/${uploaded.id}/preview`, body)).json()).toMatchObject({ valid: 1, invalid: 0 });
    // A new required field appears after the preview: the row no longer passes, and the commit must see that.
    await t.database.db
      .insertInto('custom_field_defs')
      .values({ id: '01900000-0000-7000-8000-000000000002', object_type: 'organization', key: 'region_code', label: 'Код региона', type: 'text', required: true, updated_at: new Date() })
      .execute();
    try {
      const job = await commitAndWait(admin, uploaded.id, body);
      expect(job).toMatchObject({ status: 'rejected', rejectedCount: 1 });
      expect(await countOrganizations(sql`name = 'Предпросмотренная'`)).toBe(0);
    } finally {
      await t.database.db.deleteFrom('custom_field_defs').where('key', '=', 'region_code').execute();
    }
    // Previewed and committed unchanged: written as previewed.
    const again = await uploadOk(admin, 'organization', 'a.csv', utf8(csv(rows)));
    await admin.post(`/api/v1/imports/${again.id}/preview`, { mapping: again.suggestedMapping, duplicateStrategy: 'skip' });
    expect(await commitAndWait(admin, again.id, { mapping: again.suggestedMapping, duplicateStrategy: 'skip' })).toMatchObject({ status: 'done', createdCount: 1 });
  });
});

describe('scale and recovery', () => {
  it('the preview lists the first 100 errors and counts them all', async () => {
    const rows = [['Название', 'ИНН']];
    for (let i = 0; i < 150; i++) rows.push([`Сто-${i}`, brokenInn(90_000 + i)]);
    const uploaded = await uploadOk(admin, 'organization', 'a.csv', utf8(csv(rows)));
    const preview = (await admin.post(`/api/v1/imports/${uploaded.id}/preview`, { mapping: uploaded.suggestedMapping })).json();
    expect(preview).toMatchObject({ totalRows: 150, invalid: 150, valid: 0 });
    expect(preview.errors).toHaveLength(100);
    expect(preview.errors[99]).toMatchObject({ row: 101, column: 'ИНН', code: 'invalid_inn' });
  });

  it('50,000 bad rows: rejected with a complete report, nothing written', async () => {
    const rows = [['Название', 'ИНН']];
    for (let i = 0; i < 50_000; i++) rows.push([`Плохая-${i}`, brokenInn(10_000 + i)]);
    const uploaded = await uploadOk(admin, 'organization', 'big.csv', utf8(csv(rows)));
    const job = await commitAndWait(admin, uploaded.id, { mapping: uploaded.suggestedMapping, duplicateStrategy: 'skip' });
    expect(job).toMatchObject({ status: 'rejected', rejectedCount: 50_000, createdCount: 0, processedRows: 50_000 });
    expect(await countOrganizations(sql`name LIKE 'Плохая-%'`)).toBe(0);
    const report = await admin.get(`/api/v1/imports/${job.id}/report`);
    const lines = report.rawPayload.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(50_001);
    expect(lines[50_000]).toMatch(/^Плохая-49999;\d{10};ИНН: /);
  }, 120_000);

  it('a job a dead process left running is marked failed when the app starts', async () => {
    const uploaded = await uploadOk(admin, 'organization', 'a.csv', utf8(csv([['Название'], ['Брошенная']])));
    // Its runner's last sign of life was long ago (on a shared PostgreSQL a fresh one may be another instance's).
    await sql`
      UPDATE import_jobs
         SET status = 'running', started_at = now() - interval '10 minutes',
             options = options || jsonb_build_object('heartbeatAt', now() - interval '10 minutes')
       WHERE id = ${uploaded.id}`.execute(t.database.db);
    const { buildApp } = await import('../../app.js');
    const restarted = await buildApp({ config: t.config, database: t.database, logger: false });
    await restarted.ready();
    await restarted.close();
    const job = (await admin.get(`/api/v1/imports/${uploaded.id}`)).json();
    expect(job).toMatchObject({ status: 'failed' });
    expect(job.error).toContain('nothing was written');
    const list = (await admin.get('/api/v1/imports')).json();
    expect(list.items[0].id).toBe(uploaded.id);
  });
});
