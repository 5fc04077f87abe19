import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { launchBrowser, newPage, screenshot, startServer, step, testId, type Server } from './harness.js';

/**
 * An unattended install (administrator from the environment), then the administrator protects the
 * account: two-factor login with a QR code and recovery codes, and an API token for an integration.
 */
const ADMIN = { email: 'it@severny.example', password: 'Надёжный-пароль-2026' };
let server: Server;
let browser: Browser;
let page: Page;
let secret = '';

// A code works once: after the one that turned two-factor on, sign in with the next period's code.
const code = (stepsAhead = 0) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

beforeAll(async () => {
  server = await startServer({ KONTAKT_ADMIN_EMAIL: ADMIN.email, KONTAKT_ADMIN_PASSWORD: ADMIN.password });
  browser = await launchBrowser();
  page = (await newPage(browser)).page;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('account security', () => {
  it('skips the setup page when the administrator comes from the environment', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await testId(page, 'login-email').fill(ADMIN.email);
    await testId(page, 'login-password').fill(ADMIN.password);
    await testId(page, 'login-submit').click();
    await testId(page, 'nav-home').waitFor();
  });

  it('turns on two-factor login with a QR code and shows the recovery codes once', async () => {
    await step(page, 'two-factor-on', async () => {
      await testId(page, 'nav-profile').click();
      await testId(page, 'profile-tab-security').click();
      await testId(page, 'two-factor-setup').click();
      await testId(page, 'two-factor-qr').waitFor();
      secret = ((await testId(page, 'two-factor-secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await screenshot(page, 'two-factor-setup');
      await testId(page, 'two-factor-code').fill(code());
      await testId(page, 'two-factor-confirm').click();
      const codes = testId(page, 'recovery-codes');
      await codes.waitFor();
      expect((await codes.textContent())?.match(/[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/g)).toHaveLength(10);
      await testId(page, 'recovery-codes-done').click();
    });
  });

  it('asks for the code at the next sign-in', async () => {
    await step(page, 'two-factor-login', async () => {
      await testId(page, 'logout').click();
      await page.waitForURL(/\/login/);
      await testId(page, 'login-email').fill(ADMIN.email);
      await testId(page, 'login-password').fill(ADMIN.password);
      await testId(page, 'login-submit').click();
      await testId(page, 'login-code').waitFor();
      await testId(page, 'login-code').fill(code(1));
      await testId(page, 'login-submit').click();
      await testId(page, 'nav-home').waitFor();
    });
  });

  it('issues an API token that works as a Bearer token', async () => {
    await step(page, 'api-token', async () => {
      await testId(page, 'nav-profile').click();
      await testId(page, 'profile-tab-tokens').click();
      await testId(page, 'token-name').fill('Интеграция с 1С');
      await testId(page, 'token-create').click();
      const shown = page.getByText(/kt_[\w-]{20,}/).first();
      await shown.waitFor();
      const token = /kt_[\w-]+/.exec((await shown.textContent()) ?? '')![0];
      await screenshot(page, 'api-token-created');
      await testId(page, 'token-done').click();
      const response = await fetch(`${server.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { email: string }[] };
      expect(body.items.map((u) => u.email)).toContain(ADMIN.email);
    });
  });

  it('downloads a backup from the settings page', async () => {
    await step(page, 'backup', async () => {
      await testId(page, 'nav-settings').click();
      const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'settings-backup').click()]);
      expect(download.suggestedFilename()).toMatch(/^kontakt-backup-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/);
      const file = await download.path();
      const { gunzipSync } = await import('node:zlib');
      const { readFileSync } = await import('node:fs');
      const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!);
      expect(header.format).toBe('kontakt-backup');
      await screenshot(page, 'settings');
    });
  });
});
