import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, startServer, step, testId, type Server } from './harness.js';

/**
 * The first hour of a new customer: set up the company, sign in, build a department, add an employee,
 * open a role's matrix and see the change from the employee's side, switch to Ukrainian.
 */
const ADMIN = { company: 'ООО «Ромашка»', name: 'Ирина Васильевна Громова', email: 'gromova@romashka.example', password: 'Ромашка-пароль-2026' };
const MANAGER = { name: 'Юлия Семёнова', email: 'semenova@romashka.example', password: 'Семёнова-пароль-2026' };

let server: Server;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await testId(page, 'login-email').fill(email);
  await testId(page, 'login-password').fill(password);
  await testId(page, 'login-submit').click();
  await testId(page, 'nav-home').waitFor();
}

describe('first hour in Kontakt', () => {
  it('runs the first-run setup once', async () => {
    const { page } = admin;
    await step(page, 'setup', async () => {
      await page.goto(server.url);
      await page.waitForURL(/\/setup$/);
      await testId(page, 'setup-company').fill(ADMIN.company);
      await testId(page, 'setup-name').fill(ADMIN.name);
      await testId(page, 'setup-email').fill(ADMIN.email);
      await testId(page, 'setup-password').locator('input').or(testId(page, 'setup-password')).first().fill(ADMIN.password);
      await testId(page, 'setup-submit').click();
      await testId(page, 'nav-home').waitFor();
      await screenshot(page, 'home-after-setup');
    });
    const again = await fetch(`${server.url}/api/v1/setup`);
    expect(await again.json()).toEqual({ needed: false });
    await page.goto(`${server.url}/setup`);
    await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
  });

  it('signs out and back in, telling a wrong password apart', async () => {
    const { page } = admin;
    await step(page, 'login', async () => {
      await testId(page, 'logout').click();
      await page.waitForURL(/\/login/);
      await testId(page, 'login-email').fill(ADMIN.email);
      await testId(page, 'login-password').fill('не тот пароль вовсе');
      await testId(page, 'login-submit').click();
      await page.getByText('Неверный email или пароль').first().waitFor();
      await signIn(page, ADMIN.email, ADMIN.password);
    });
  });

  it('creates a department', async () => {
    const { page } = admin;
    await step(page, 'department', async () => {
      await testId(page, 'nav-departments').click();
      await testId(page, 'department-create').click();
      await testId(page, 'department-name').fill('Отдел продаж');
      await testId(page, 'department-submit').click();
      await page.getByText('Отдел продаж').first().waitFor();
    });
  });

  it('shows the server validation error on the field, then creates the employee', async () => {
    const { page } = admin;
    await step(page, 'user', async () => {
      await testId(page, 'nav-users').click();
      await testId(page, 'user-create').click();
      await testId(page, 'user-name').fill(MANAGER.name);
      await testId(page, 'user-email').fill(MANAGER.email);
      await testId(page, 'user-password').fill('password1234');
      await testId(page, 'user-department').selectOption({ label: 'Отдел продаж' });
      await testId(page, 'user-role').selectOption({ label: 'Менеджер' });
      await testId(page, 'user-submit').click();
      const message = page.getByText('Этот пароль слишком распространён, придумайте другой');
      await message.waitFor();
      // The message sits with the password field, not in a banner.
      const field = page.locator('.mantine-InputWrapper-root', { has: testId(page, 'user-password') });
      expect(await field.textContent()).toContain('слишком распространён');
      await screenshot(page, 'user-validation-error');
      await testId(page, 'user-password').fill(MANAGER.password);
      await testId(page, 'user-submit').click();
      await testId(page, `user-row-${MANAGER.email}`).waitFor();
    });
  });

  it('a change in the role matrix shows up for the employee', async () => {
    const manager = await newPage(browser);
    try {
      await step(manager.page, 'manager-before', async () => {
        await signIn(manager.page, MANAGER.email, MANAGER.password);
        expect(await testId(manager.page, 'nav-roles').count()).toBe(0);
      });
      const { page } = admin;
      await step(page, 'role-matrix', async () => {
        await testId(page, 'nav-roles').click();
        await page.getByRole('link', { name: 'Менеджер', exact: true }).click();
        await testId(page, 'role-cell-role-view').selectOption('all');
        await testId(page, 'role-save').click();
        await page.getByText('Изменения сохранены').first().waitFor();
        await screenshot(page, 'role-matrix');
      });
      await step(manager.page, 'manager-after', async () => {
        await manager.page.reload();
        await testId(manager.page, 'nav-roles').waitFor();
      });
    } finally {
      await manager.context.close();
    }
  });

  it('switches to Ukrainian and keeps the choice', async () => {
    const { page } = admin;
    await step(page, 'language', async () => {
      await testId(page, 'nav-home').click();
      await testId(page, 'language-switch').getByText('UK', { exact: true }).click();
      await expect.poll(() => testId(page, 'nav-users').textContent()).toContain('Співробітники');
      await screenshot(page, 'home-uk');
      await page.reload();
      await testId(page, 'nav-users').waitFor();
      expect(await testId(page, 'nav-users').textContent()).toContain('Співробітники');
      const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).user.language);
      expect(me).toBe('uk');
    });
  });

  it('works by keyboard alone', async () => {
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'keyboard', async () => {
        await page.goto(`${server.url}/login`);
        await testId(page, 'login-email').focus();
        await page.keyboard.type(MANAGER.email);
        await page.keyboard.press('Tab');
        await page.keyboard.type(MANAGER.password);
        await page.keyboard.press('Enter');
        await testId(page, 'nav-home').waitFor();
        // Tab reaches the navigation, and Enter follows a link.
        for (let i = 0; i < 30; i++) {
          await page.keyboard.press('Tab');
          const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
          if (focused === 'nav-users') break;
        }
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/users/);
      });
    } finally {
      await context.close();
    }
  });

  it('fits a 360 px phone: the menu folds behind a button', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    try {
      await step(page, 'phone', async () => {
        await signInOnPhone(page);
        await screenshot(page, 'phone-home');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(360);
        await page.getByRole('button', { name: /меню/i }).first().click();
        await testId(page, 'nav-departments').click();
        await page.waitForURL(/\/departments/);
        await page.getByText('Отдел продаж').first().waitFor();
        await screenshot(page, 'phone-departments');
      });
    } finally {
      await context.close();
    }
  });
});

async function signInOnPhone(page: Page) {
  await page.goto(`${server.url}/login`);
  await testId(page, 'login-email').fill(ADMIN.email);
  await testId(page, 'login-password').fill(ADMIN.password);
  await testId(page, 'login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
}
