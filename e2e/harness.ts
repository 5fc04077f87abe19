import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A real Kontakt server on a fresh embedded database and a real headless Chromium: what a browser test
 * needs. Everything stays on 127.0.0.1.
 */
const root = path.resolve(import.meta.dirname, '..');
export const SCREENSHOTS = path.join(root, 'e2e/screenshots');

export interface Server {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-e2e-'));
  const port = await freePort();
  const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, KONTAKT_ADMIN_EMAIL: _c, KONTAKT_ADMIN_PASSWORD: _d, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'packages/server/bin/kontakt.mjs'), 'start'], {
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PASSWORD_HASH_COST: '10', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // A new embedded database takes ~15 s on an idle machine and several times that on a busy two-core one.
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, options: { locale?: string; width?: number; timeZone?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'ru-RU',
    viewport: { width: options.width ?? 1280, height: 800 },
    timezoneId: options.timeZone ?? 'Europe/Moscow',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs a step and leaves a screenshot behind when it fails, so CI failures can be looked at. */
export async function step<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    throw error;
  }
}

export const testId = (page: Page, id: string) => page.getByTestId(id);

/** Signs in through the login page and waits for the app's menu. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await testId(page, 'login-email').fill(email);
  await testId(page, 'login-password').fill(password);
  await testId(page, 'login-submit').click();
  await testId(page, 'nav-home').waitFor();
}

/**
 * Calls the API from inside a signed-in page (its session cookie and CSRF token), for the data a scenario
 * needs but does not test. Throws on any answer other than 2xx.
 */
export async function pageApi<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (result.status < 200 || result.status >= 300) throw new Error(`${method} ${path} → ${result.status}: ${result.text}`);
  return (result.text ? JSON.parse(result.text) : undefined) as T;
}

/** Resolves with the JSON of the first answer to `method path` (a prefix of the URL's path) that `action` causes. */
export async function answerTo<T>(page: Page, method: string, pathPrefix: string, action: () => Promise<unknown>): Promise<{ status: number; body: T }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.startsWith(`/api/v1${pathPrefix}`)),
    action(),
  ]);
  return { status: response.status(), body: (await response.json().catch(() => null)) as T };
}

/** Waits for a value the page settles on; the default second is too short on a busy two-core machine. */
export const poll = <T>(read: () => Promise<T> | T, timeout = 15_000) => expect.poll(read, { timeout });
