import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let admin: Agent;
let manager: Agent;
let otherManager: Agent;

async function created(agent: Agent, path: string, body: Record<string, unknown>) {
  const response = await agent.post(`/api/v1/${path}`, body);
  if (response.statusCode !== 201) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string };
}

const parseCsv = (body: Buffer) => {
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  return Papa.parse<string[]>(body.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
  manager = await t.signInAs('manager');
  otherManager = await t.signInAs('manager');
  await created(manager, 'organizations', { name: '=HYPERLINK("http://evil.example","жми")', kind: 'client', inn: '7707083893' });
  await created(manager, 'organizations', { name: '+79161234567 ООО', kind: 'partner' });
  await created(manager, 'organizations', { name: '@SUM(A1) Плюс', kind: 'lead' });
  await created(manager, 'organizations', { name: 'Обычная; с точкой с запятой', kind: 'supplier' });
  await created(otherManager, 'organizations', { name: 'Чужая организация', kind: 'client' });
});
afterAll(async () => t?.close());

describe('export of organizations', () => {
  it('exports the view as CSV: headers in the user language, kinds by name, formulas neutralized, only own records', async () => {
    const response = await manager.get('/api/v1/organizations/export?format=csv&columns=name,kind,inn,createdAt&sort=name');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''%D0%9E%D1%80%D0%B3/);
    const rows = parseCsv(response.rawPayload);
    expect(rows[0]).toEqual(['Название', 'Вид', 'ИНН', 'Создано']);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toEqual([
      `'+79161234567 ООО`,
      `'=HYPERLINK("http://evil.example","жми")`,
      `'@SUM(A1) Плюс`,
      'Обычная; с точкой с запятой',
    ]);
    expect(names).not.toContain('Чужая организация');
    const hyperlink = rows.find((r) => r[0]!.includes('HYPERLINK'))!;
    expect(hyperlink[1]).toBe('Клиент');
    expect(hyperlink[2]).toBe('7707083893');
    expect(hyperlink[3]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  });

  it('applies the filter of the view and writes an audit entry with the count', async () => {
    const filter = JSON.stringify({ match: 'all', conditions: [{ field: 'kind', op: 'in', value: ['client', 'partner'] }] });
    const response = await admin.get(`/api/v1/organizations/export?columns=name,kind&filter=${encodeURIComponent(filter)}`);
    expect(response.statusCode).toBe(200);
    const rows = parseCsv(response.rawPayload).slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual([`'+79161234567 ООО`, `'=HYPERLINK("http://evil.example","жми")`, 'Чужая организация'].sort());
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['object_type', 'changes'])
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.object_type).toBe('organization');
    expect(audit.changes).toMatchObject({ count: { after: 3 }, format: { after: 'csv' } });
  });

  it('exports XLSX with the same neutralizing, readable by a spreadsheet library', async () => {
    const response = await manager.get('/api/v1/organizations/export?format=xlsx&columns=name,kind');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map(String)));
    expect(values[0]).toEqual(['Название', 'Вид']);
    expect(values).toHaveLength(5);
    for (const [name] of values.slice(1)) expect(name).not.toMatch(/^[=+\-@]/);
    expect(values.some(([name]) => name === `'=HYPERLINK("http://evil.example","жми")`)).toBe(true);
    // No cell is a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('answers 400 to an unknown column, a bad filter or vCard of organizations, before any file is sent', async () => {
    const unknown = await manager.get('/api/v1/organizations/export?columns=name,passwordHash');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'columns.1', code: 'unknown_field' });
    const badFilter = await manager.get(`/api/v1/organizations/export?filter=${encodeURIComponent('{"conditions":[{"field":"nope","op":"eq"}]}')}`);
    expect(badFilter.statusCode).toBe(400);
    expect((await manager.get('/api/v1/organizations/export?format=vcard')).statusCode).toBe(400);
  });

  it('refuses users who may not view organizations', async () => {
    const anonymous = await t.anonymous().get('/api/v1/organizations/export');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('export of persons', () => {
  it('formats choices, dates and references and keeps to the persons the user may view', async () => {
    const organization = await created(manager, 'organizations', { name: 'Место работы' });
    await created(manager, 'persons', {
      lastName: 'Белова',
      firstName: 'Ника',
      gender: 'female',
      birthDate: '1990-07-03',
      influence: 'decision_maker',
      employments: [{ organizationId: organization.id, isPrimary: true }],
    });
    await created(otherManager, 'persons', { lastName: 'Невидимов' });
    const response = await manager.get('/api/v1/persons/export?columns=name,gender,birthDate,influence,organization');
    expect(response.statusCode).toBe(200);
    const rows = parseCsv(response.rawPayload);
    expect(rows).toEqual([
      ['ФИО', 'Пол', 'Дата рождения', 'Влияние', 'Компания'],
      ['Белова Ника', 'Женский', '03.07.1990', 'Принимает решение', 'Место работы'],
    ]);
  });
});

describe('vCard of persons', () => {
  it('writes vCard 4.0 with names, organization, title, typed phones, email, address, birthday and escaped, folded notes', async () => {
    const organization = await created(admin, 'organizations', { name: 'ООО «Ромашка», филиал; Север' });
    await created(admin, 'persons', {
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Петровна',
      position: 'Главный бухгалтер',
      birthDate: '1980-02-29',
      employments: [{ organizationId: organization.id, isPrimary: true }],
      notes: 'Любит; кофе, и чай\nзвонить после 10:00 — очень длинная заметка, чтобы строка была длиннее семидесяти пяти октетов',
      contacts: [
        { kind: 'phone', value: '8 (916) 123-45-67' },
        { kind: 'fax', value: '+7 495 765-43-21' },
        { kind: 'email', value: 'Maria@Romashka.ru' },
      ],
      addresses: [{ kind: 'actual', postalCode: '101000', city: 'Москва', street: 'ул. Мясницкая, 1' }],
    });
    const response = await admin.get(`/api/v1/persons/export?format=vcard&filter=${encodeURIComponent(JSON.stringify({ conditions: [{ field: 'name', op: 'contains', value: 'Иванова' }] }))}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('.vcf');
    const text = response.rawPayload.toString('utf8');
    const physical = text.split('\r\n');
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
    expect(unfolded[0]).toBe('BEGIN:VCARD');
    expect(unfolded[1]).toBe('VERSION:4.0');
    expect(unfolded).toContain('FN:Иванова Мария Петровна');
    expect(unfolded).toContain('N:Иванова;Мария;Петровна;;');
    expect(unfolded).toContain('ORG:ООО «Ромашка»\\, филиал\\; Север');
    expect(unfolded).toContain('TITLE:Главный бухгалтер');
    expect(unfolded).toContain('TEL;VALUE=uri;TYPE=voice:tel:+79161234567');
    expect(unfolded).toContain('TEL;VALUE=uri;TYPE=fax:tel:+74957654321');
    expect(unfolded).toContain('EMAIL;TYPE=work:Maria@Romashka.ru');
    expect(unfolded).toContain('ADR;TYPE=work:;;ул. Мясницкая\\, 1;Москва;;101000;');
    expect(unfolded).toContain('BDAY:19800229');
    expect(unfolded.find((l) => l.startsWith('NOTE:'))).toBe(
      'NOTE:Любит\\; кофе\\, и чай\\nзвонить после 10:00 — очень длинная заметка\\, чтобы строка была длиннее семидесяти пяти октетов',
    );
    expect(unfolded[unfolded.length - 1]).toBe('END:VCARD');
  });
});
