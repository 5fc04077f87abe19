import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { answerTo, launchBrowser, newPage, pageApi, poll, screenshot, signIn, startServer, step, testId, type Server } from './harness.js';

/**
 * A manager's day with the client base: a new organization with its people and bank account, finding it by a
 * phone typed another way, a saved list view, an import from Excel, merging a duplicate, exporting the view.
 */
const ADMIN = { email: 'gromova@romashka.example', password: 'Ромашка-пароль-2026' };
const ORG = { name: 'ООО «Северный ветер»', inn: '7708123450', phone: '+7 (495) 987-65-43', email: 'office@veter.example' };
const BANK = { wrongBik: '004525225', bik: '044525225', account: '40702810938000000001', corr: '30101810400000000225' };

let server: Server;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let orgId = '';
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-e2e-downloads-'));

beforeAll(async () => {
  server = await startServer({ KONTAKT_ADMIN_EMAIL: ADMIN.email, KONTAKT_ADMIN_PASSWORD: ADMIN.password });
  browser = await launchBrowser();
  admin = await newPage(browser, { width: 1440 });
  await signIn(admin.page, server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** The wrapper of a Mantine input (label, input, error) found by the input's test id. */
const fieldOf = (page: Page, id: string) => page.locator('.mantine-InputWrapper-root', { has: testId(page, id) });

async function chooseOption(page: Page, select: ReturnType<Page['getByLabel']>, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Клиенты');
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('client base in the browser', () => {
  it('creates an organization with a bank account: a wrong BIK shows on its field, then the fixed one saves', async () => {
    const { page } = admin;
    await step(page, 'org-create', async () => {
      await page.goto(`${server.url}/organizations/new`);
      await testId(page, 'org-name').fill(ORG.name);
      await testId(page, 'org-inn').fill(ORG.inn);
      await testId(page, 'contact-value-0').fill(ORG.phone);
      await testId(page, 'contact-value-1').fill(ORG.email);
      await testId(page, 'bank-add').click();
      await testId(page, 'bank-bik-0').fill(BANK.wrongBik);
      await testId(page, 'bank-name-0').fill('ПАО Сбербанк');
      await testId(page, 'bank-account-0').fill(BANK.account);
      await testId(page, 'bank-corr-0').fill(BANK.corr);
      const rejected = await answerTo<{ errors: { field: string }[] }>(page, 'POST', '/organizations', () => testId(page, 'org-create-submit').click());
      expect(rejected.status).toBe(400);
      expect(rejected.body.errors.map((e) => e.field)).toContain('bankAccounts.0.bik');
      // The message sits under the BIK, not in a banner.
      await poll(() => fieldOf(page, 'bank-bik-0').textContent()).toContain('Неверный БИК');
      await screenshot(page, 'clients-bik-error');

      await testId(page, 'bank-bik-0').fill(BANK.bik);
      const created = await answerTo<{ id: string }>(page, 'POST', '/organizations', () => testId(page, 'org-create-submit').click());
      expect(created.status).toBe(201);
      orgId = created.body.id;
      await page.waitForURL(new RegExp(`/organizations/${orgId}$`));
      await testId(page, 'bank-item').getByText(BANK.bik).waitFor();
    });
  });

  it('adds two contact persons from the organization’s card', async () => {
    const { page } = admin;
    const people = [
      { last: 'Ветрова', first: 'Анна', phone: '+7 916 100-20-30' },
      { last: 'Северцев', first: 'Игорь', phone: '+7 916 400-50-60' },
    ];
    for (const person of people) {
      await step(page, `person-${person.last}`, async () => {
        await page.goto(`${server.url}/organizations/${orgId}`);
        await testId(page, 'persons-add').click();
        await page.waitForURL(/\/persons\/new/);
        await testId(page, 'person-lastName').fill(person.last);
        await testId(page, 'person-firstName').fill(person.first);
        await testId(page, 'contact-value-0').fill(person.phone);
        const created = await answerTo<{ id: string }>(page, 'POST', '/persons', () => testId(page, 'person-create-submit').click());
        expect(created.status).toBe(201);
        await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
      });
    }
    await page.goto(`${server.url}/organizations/${orgId}`);
    await poll(() => testId(page, 'org-person').count()).toBe(2);
  });

  it('finds the organization from anywhere with Ctrl+K by its phone typed another way', async () => {
    const { page } = admin;
    await step(page, 'search', async () => {
      await page.goto(`${server.url}/`);
      await testId(page, 'nav-home').waitFor();
      await page.keyboard.press('Control+K');
      await testId(page, 'search-input').fill('8 495 9876543');
      const hit = testId(page, 'search-result-organization').filter({ hasText: ORG.name });
      await hit.waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/organizations/${orgId}$`));
    });
  });

  it('builds a filter in the list and saves it as a view', async () => {
    const { page } = admin;
    await step(page, 'filter-view', async () => {
      await page.goto(`${server.url}/organizations`);
      await testId(page, 'filter-button').click();
      await testId(page, 'filter-add').click();
      const condition = testId(page, 'filter-condition-0');
      await chooseOption(page, condition.getByLabel('Поле', { exact: true }), 'Название');
      await condition.getByLabel('Значение: Название').fill('ветер');
      await answerTo(page, 'GET', '/organizations', () => testId(page, 'filter-apply').click());
      await poll(() => page.locator('[data-testid^="client-row-"]').count()).toBe(1);
      await testId(page, `client-row-${orgId}`).waitFor();

      await testId(page, 'view-menu').click();
      await testId(page, 'view-save-as').click();
      await testId(page, 'view-name').fill('Северные');
      const saved = await answerTo(page, 'POST', '/views', () => testId(page, 'view-save').click());
      expect(saved.status).toBe(201);
      await poll(() => testId(page, 'view-menu').textContent()).toContain('Северные');
    });
  });

  it('imports an Excel file: one bad row is shown and nothing written, the fixed file imports whole', async () => {
    const { page } = admin;
    const header = ['Название', 'ИНН', 'Телефон', 'E-mail'];
    const rows = [
      ['ООО «Вектор»', '5003123458', '+7 495 111-22-33', 'info@vector.example'],
      ['ООО «Берёзка»', '7801122330', '8 (812) 222-33-44', 'mail@berezka.example'],
      ['ИП Соколов', '', '+7 (903) 555-66-77', 'sokolov@sokolov.example'],
    ];
    await step(page, 'import-bad', async () => {
      await page.goto(`${server.url}/import`);
      const bad = await workbook([header, ...rows]);
      await answerTo(page, 'POST', '/imports', () =>
        testId(page, 'import-file').setInputFiles({ name: 'клиенты.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad }),
      );
      // The remembered or guessed mapping is already filled in.
      await poll(() => testId(page, 'import-mapped-count').textContent()).toContain('4 из 4');
      await testId(page, 'import-next').click();
      await answerTo(page, 'POST', '/imports/', () => testId(page, 'import-check').click());
      const error = testId(page, 'import-error-row-3');
      await error.waitFor();
      expect(await error.textContent()).toContain('ИНН');
      expect(await testId(page, 'import-count-invalid').textContent()).toContain('1');
      await screenshot(page, 'import-row-error');
    });
    await step(page, 'import-fixed', async () => {
      await testId(page, 'import-upload-fixed').click();
      const fixed = await workbook([header, rows[0]!, ['ООО «Берёзка»', '7801122331', rows[1]![2]!, rows[1]![3]!], rows[2]!]);
      await answerTo(page, 'POST', '/imports', () =>
        testId(page, 'import-file').setInputFiles({ name: 'клиенты.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed }),
      );
      await testId(page, 'import-next').click();
      await answerTo(page, 'POST', '/imports/', () => testId(page, 'import-check').click());
      await testId(page, 'import-preview-ok').waitFor();
      await testId(page, 'import-commit').click();
      await testId(page, 'import-result').waitFor({ timeout: 30_000 });
      expect(await testId(page, 'import-created').textContent()).toContain('3');
    });
    const list = await pageApi<{ items: { name: string }[] }>(page, 'GET', `/organizations?q=${encodeURIComponent('Берёзка')}`);
    expect(list.items.map((o) => o.name)).toContain('ООО «Берёзка»');
  });

  it('merges a duplicate into the organization and loses nothing', async () => {
    const { page } = admin;
    // A second card of the same company, as a colleague might have entered it: same INN, another phone, its own person.
    const twin = await pageApi<{ id: string }>(page, 'POST', '/organizations', {
      name: 'Северный ветер',
      inn: ORG.inn,
      region: 'Москва',
      contacts: [{ kind: 'phone', value: '+7 495 222-11-00' }],
    });
    await pageApi(page, 'POST', '/persons', { lastName: 'Ветров', firstName: 'Олег', employments: [{ organizationId: twin.id, isPrimary: true }] });

    await step(page, 'merge', async () => {
      await page.goto(`${server.url}/duplicates`);
      const group = testId(page, 'duplicate-group').filter({ hasText: ORG.inn });
      await group.waitFor();
      await group.getByTestId('duplicate-merge').click();
      await testId(page, 'merge-table').waitFor();
      // Our card stays; the twin's region fills the gap, its name does not win.
      const ids = new URL(page.url()).searchParams.get('ids')!.split(',');
      await testId(page, `merge-survivor-${ids.indexOf(orgId)}`).check();
      await poll(() => testId(page, 'merge-united-persons').textContent()).toContain('Ветров');
      expect(await testId(page, 'merge-united-contacts').textContent()).toContain('222-11-00');
      await screenshot(page, 'merge-screen');
      await testId(page, 'merge-submit').click();
      const merged = await answerTo<{ survivorId: string }>(page, 'POST', '/duplicates/merge', () => testId(page, 'confirm-submit').click());
      expect(merged.status).toBe(200);
      expect(merged.body.survivorId).toBe(orgId);
      await page.waitForURL(new RegExp(`/organizations/${orgId}$`));
      await poll(() => testId(page, 'org-person').count()).toBe(3);
    });

    const survivor = await pageApi<{ name: string; region: string | null; contacts: { kind: string; normalized: string }[] }>(page, 'GET', `/organizations/${orgId}`);
    expect(survivor.name).toBe(ORG.name);
    expect(survivor.region).toBe('Москва');
    expect(survivor.contacts.filter((c) => c.kind === 'phone').map((c) => c.normalized).sort()).toEqual(['+74952221100', '+74959876543']);
    expect(survivor.contacts.some((c) => c.kind === 'email' && c.normalized === ORG.email)).toBe(true);
    // The twin is gone from the base: not found, or only in the recycle bin.
    const gone = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/organizations/${id}`);
      return { status: response.status, deletedAt: response.ok ? (await response.json()).deletedAt : null };
    }, twin.id);
    expect(gone.status === 404 || gone.deletedAt !== null).toBe(true);
  });

  it('exports the saved view: the download has its rows', async () => {
    const { page } = admin;
    await step(page, 'export', async () => {
      await page.goto(`${server.url}/organizations`);
      await testId(page, 'view-menu').click();
      await page.getByRole('menuitem', { name: 'Северные' }).click();
      await poll(() => page.locator('[data-testid^="client-row-"]').count()).toBe(1);
      await testId(page, 'export-button').click();
      const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-xlsx').click()]);
      const file = path.join(downloads, download.suggestedFilename() || 'export.xlsx');
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets[0]!;
      const values = sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
      expect(values.length).toBe(2); // header + the one organization of the view
      expect(values[1]!.join(' ')).toContain(ORG.name);
    });
  });

  it('shows the list and the card finished in Russian on a desktop and a phone', async () => {
    const { page } = admin;
    for (const width of [1440, 390]) {
      await step(page, `look-${width}`, async () => {
        await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
        await page.goto(`${server.url}/organizations`);
        await testId(page, `client-row-${orgId}`).waitFor();
        await screenshot(page, `clients-list-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.goto(`${server.url}/organizations/${orgId}`);
        await testId(page, 'org-person').first().waitFor();
        await screenshot(page, `clients-card-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      });
    }
  });
});
