import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { innerQuotes } from '@kontakt/shared';
import { answerTo, launchBrowser, newPage, pageApi, poll, screenshot, signIn, startServer, step, testId, type Server } from './harness.js';

/**
 * The history of relations in the browser: a call logged from a client's card in two clicks; a task assigned
 * to a colleague, completed by her with a result, and the controller told at once and asked to check it; a
 * meeting dragged out in the calendar whose reminder reaches the participant's open page; an absence that
 * colours its day; the private iCalendar feed read by a calendar app.
 */
const ADMIN = { name: 'Ирина Громова', email: 'gromova@romashka.example', password: 'Ромашка-пароль-2026' };
const COLLEAGUE = { name: 'Юлия Семёнова', email: 'semenova@romashka.example', password: 'Семёнова-пароль-2026' };
const ORG = { name: 'ООО «Северный ветер»', inn: '7708123450' };

let server: Server;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let colleague: { context: BrowserContext; page: Page };
let orgId = '';

/**
 * Both people live where it is now about noon, so the calendar's working day (its grid shows 07:00–22:00) is
 * around them whenever the suite runs, and "today" is the same day all through it.
 */
const ZONE = (() => {
  const offset = 12 - new Date().getUTCHours(); // −11…+12
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`; // POSIX signs are inverted
})();
/** A moment as the wall clock shows it in ZONE: day "YYYY-MM-DD" and time "HH:mm". */
function wall(at: Date) {
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  return { day: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}
const ruDay = (day: string) => day.split('-').reverse().join('.');

beforeAll(async () => {
  // Reminders and live notifications come from the background jobs; they must run here whatever the shell says.
  server = await startServer({ KONTAKT_ADMIN_EMAIL: ADMIN.email, KONTAKT_ADMIN_PASSWORD: ADMIN.password, KONTAKT_ADMIN_NAME: ADMIN.name, BACKGROUND_JOBS: 'true' });
  browser = await launchBrowser();

  // The colleague, the time zone and the client are the scene, not what is tested: made through the API.
  const boot = await newPage(browser);
  await signIn(boot.page, server.url, ADMIN.email, ADMIN.password);
  const me = await pageApi<{ user: { id: string } }>(boot.page, 'GET', '/auth/me');
  const self = await pageApi<{ version: number }>(boot.page, 'GET', `/users/${me.user.id}`);
  await pageApi(boot.page, 'PATCH', `/users/${me.user.id}`, { timeZone: ZONE, version: self.version });
  const roles = await pageApi<{ items: { id: string; builtIn: string | null }[] }>(boot.page, 'GET', '/roles?limit=50');
  const manager = roles.items.find((r) => r.builtIn === 'manager')!.id;
  await pageApi(boot.page, 'POST', '/users', { name: COLLEAGUE.name, email: COLLEAGUE.email, password: COLLEAGUE.password, roleId: manager, timeZone: ZONE });
  orgId = (await pageApi<{ id: string }>(boot.page, 'POST', '/organizations', { name: ORG.name, inn: ORG.inn })).id;
  await pageApi(boot.page, 'POST', '/persons', { lastName: 'Ветрова', firstName: 'Анна', employments: [{ organizationId: orgId, isPrimary: true }] });
  await boot.context.close();

  admin = await newPage(browser, { width: 1440, timeZone: ZONE });
  colleague = await newPage(browser, { width: 1280, timeZone: ZONE });
  await signIn(admin.page, server.url, ADMIN.email, ADMIN.password);
  await signIn(colleague.page, server.url, COLLEAGUE.email, COLLEAGUE.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a select, types into it when it searches, and picks the option of that exact name. */
async function choose(page: Page, input: Locator, typed: string, option = typed) {
  await input.click();
  if (await input.isEditable()) await input.fill(typed);
  // An option's accessible name may carry its icon's too: match the text shown.
  await page.getByRole('option').filter({ hasText: new RegExp(`^\\s*${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).click();
}

/**
 * Drags over the calendar's week grid in the day's column from the start of one half-hour slot to the end of
 * another, as a person plans a meeting with the mouse.
 */
async function dragSlots(page: Page, pane: Locator, day: string, from: string, lastSlot: string) {
  const column = await pane.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox();
  const first = pane.locator(`td.fc-timegrid-slot-lane[data-time="${from}:00"]`);
  await first.scrollIntoViewIfNeeded();
  const top = (await first.boundingBox())!;
  const bottom = (await pane.locator(`td.fc-timegrid-slot-lane[data-time="${lastSlot}:00"]`).boundingBox())!;
  const x = column!.x + column!.width / 2;
  await page.mouse.move(x, top.y + 4);
  await page.mouse.down();
  await page.mouse.move(x, top.y + 10, { steps: 3 });
  await page.mouse.move(x, bottom.y + bottom.height - 4, { steps: 8 });
  await page.mouse.up();
}

/** Sets the time of a date-and-time field (its day stays) through its picker: hours, minutes, Enter. */
async function setTime(page: Page, field: Locator, label: string, time: string) {
  await field.click();
  const picker = page.locator('.mantine-Popover-dropdown').filter({ has: page.locator('.mantine-DateTimePicker-timeWrapper') });
  // The hour and minute boxes are named after their field, so a screen reader tells the start's from the end's.
  await picker.getByRole('spinbutton', { name: `${label}: минуты` }).waitFor();
  await picker.getByRole('spinbutton', { name: `${label}: часы` }).click();
  await page.keyboard.type(time.replace(':', ''));
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
}

/** The unread count the bell shows. */
const unreadOf = async (page: Page) => Number(await testId(page, 'notification-bell').getAttribute('data-unread'));
/** A toast (not the bell's list) that mentions `text`. */
// Notifications quote a task's title, so its own «…» read „…“ there, as the user sees them.
const toast = (page: Page, text: string) => page.locator('.mantine-Notification-root').filter({ hasText: innerQuotes(text) });

/** Opens the bell, checks the notification about `title` (and `kind`, some words of it) is unread and follows it to its task. */
async function followFromBell(page: Page, title: string, taskId: string, kind = '') {
  await testId(page, 'notification-bell').click();
  const item = testId(page, 'notification-item').filter({ hasText: innerQuotes(title) }).filter({ hasText: kind });
  await item.waitFor();
  expect(await item.getAttribute('data-unread')).toBe('true');
  await item.getByRole('button').filter({ hasText: innerQuotes(title) }).click();
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
}

describe('tasks and contacts in the browser', () => {
  it('logs a call with its result from the client card in two clicks and shows it in the contact history', async () => {
    const { page } = admin;
    await step(page, 'quick-log', async () => {
      await page.goto(`${server.url}/organizations/${orgId}`);
      await testId(page, 'tab-contacts').click();
      const past = testId(page, 'timeline-past');
      // A new client: nothing happened yet.
      await past.getByText('Контактов ещё не было').waitFor();

      // Click one: the panel; click two: the result. The call is recorded as done, now.
      await testId(page, 'quick-log').click();
      const created = await answerTo<{ id: string; status: string; resultKey: string }>(page, 'POST', '/tasks', () => testId(page, 'quick-log-panel').getByText('Дозвонился', { exact: true }).click());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'done', resultKey: 'reached' });

      const item = past.getByTestId('timeline-item').filter({ hasText: `Звонок — ${ORG.name}` }).filter({ hasText: 'Дозвонился' });
      await item.waitFor();
      expect(await past.getByTestId('timeline-item').count()).toBe(1);
      expect(await item.textContent()).toContain(ADMIN.name);
      expect(await item.getByRole('link').getAttribute('href')).toBe(`/tasks/${created.body.id}`);
      await toast(page, 'Записано в историю: Звонок — Дозвонился').waitFor();
      await screenshot(page, 'tasks-quick-log');
    });
  });

  it('assigns a task to a colleague who completes it with a result; the controller is told at once and asked to check it', async () => {
    const title = 'Подготовить договор поставки для «Северного ветра»';
    let taskId = '';
    let adminUnread = 0;
    await colleague.page.goto(`${server.url}/`);
    await testId(colleague.page, 'my-day-today').waitFor();
    const colleagueUnread = await unreadOf(colleague.page);

    await step(admin.page, 'assign', async () => {
      const { page } = admin;
      await page.goto(`${server.url}/tasks`);
      await testId(page, 'task-create').click();
      await choose(page, testId(page, 'task-type'), 'Задача');
      await testId(page, 'task-title').fill(title);
      await choose(page, testId(page, 'task-organization'), 'Северный', ORG.name);
      // The author is the assignee until someone else is chosen.
      const assignees = testId(page, 'task-assignees');
      await assignees.click();
      await assignees.press('Backspace');
      await choose(page, assignees, 'Семёнова', COLLEAGUE.name);
      await choose(page, testId(page, 'task-controller'), 'Громова', ADMIN.name);
      const created = await answerTo<{ id: string; responsible: { name: string }; controller: { name: string } | null }>(page, 'POST', '/tasks', () => testId(page, 'task-save').click());
      expect(created.status).toBe(201);
      expect(created.body.responsible.name).toBe(COLLEAGUE.name);
      expect(created.body.controller?.name).toBe(ADMIN.name);
      taskId = created.body.id;
      // The controller waits on her day for the result.
      await page.goto(`${server.url}/`);
      await testId(page, 'my-day-to-check').waitFor();
      adminUnread = await unreadOf(page);
    });

    await step(colleague.page, 'assignee-completes', async () => {
      const { page } = colleague;
      // Told without reloading: the count grows and a toast says what came.
      await poll(() => unreadOf(page), 20_000).toBeGreaterThan(colleagueUnread);
      await toast(page, title).waitFor({ timeout: 20_000 });
      await followFromBell(page, title, taskId, 'поручает');
      await answerTo(page, 'POST', `/tasks/${taskId}/accept`, () => testId(page, 'task-accept').click());

      await testId(page, 'task-complete').click();
      const dialog = testId(page, 'complete-dialog');
      await dialog.getByText('Выполнено', { exact: true }).click();
      await dialog.getByTestId('result-text').fill('Договор согласован с юристом клиента, отправлен на подпись');
      await dialog.getByTestId('result-minutes').fill('45');
      const done = await answerTo<{ status: string; resultKey: string; minutesSpent: number }>(page, 'POST', `/tasks/${taskId}/complete`, () => dialog.getByTestId('complete-submit').click());
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', resultKey: 'done', minutesSpent: 45 });
    });

    await step(admin.page, 'controller-checks', async () => {
      const { page } = admin;
      // Told without reloading the page she was on when the colleague finished.
      await poll(() => unreadOf(page), 20_000).toBeGreaterThan(adminUnread);
      await toast(page, title).waitFor({ timeout: 20_000 });
      // The bell leads to the task and its result.
      await followFromBell(page, title, taskId, 'выполн');
      await page.getByText('Договор согласован с юристом клиента').waitFor();

      // Back on my day it waits for her check, with the result; accepting it there clears it.
      await testId(page, 'nav-home').click();
      const item = testId(page, `to-check-${taskId}`);
      await item.waitFor();
      expect(await item.textContent()).toContain(COLLEAGUE.name);
      expect(await item.textContent()).toContain('Выполнено');
      await screenshot(page, 'tasks-to-check');
      const checked = await answerTo(page, 'POST', `/tasks/${taskId}/check`, () => testId(page, `check-${taskId}`).click());
      expect(checked.status).toBe(200);
      await item.waitFor({ state: 'detached' });
    });
    // Two people and four pages; the default minute is tight on a busy two-core machine.
  }, 120_000);
});

describe('calendar in the browser', () => {
  const today = () => wall(new Date()).day;

  it('plans a meeting by dragging in the week with a colleague and a reminder a minute ahead; the reminder reaches her open page', async () => {
    const title = 'Встреча по поставке: «Северный ветер»';
    // The colleague is at work on her day; the page is never reloaded (the marker would be gone).
    await colleague.page.goto(`${server.url}/`);
    await testId(colleague.page, 'my-day-today').waitFor();
    await colleague.page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 1));

    let startsAt = '';
    let taskId = '';
    await step(admin.page, 'meeting-drag', async () => {
      const { page } = admin;
      await page.goto(`${server.url}/calendar`);
      const pane = testId(page, 'calendar-pane');
      await pane.locator('td.fc-timegrid-col.fc-day-today').waitFor();
      await dragSlots(page, pane, today(), '14:00', '14:30');
      const form = testId(page, 'task-form');
      await form.waitFor();
      // The slot dragged over is the meeting's time.
      expect(await testId(page, 'task-startsAt').textContent()).toBe(`${ruDay(today())} 14:00`);
      expect(await testId(page, 'task-endsAt').textContent()).toBe(`${ruDay(today())} 15:00`);

      await choose(page, testId(page, 'task-type'), 'Встреча');
      await testId(page, 'task-title').fill(title);
      await choose(page, testId(page, 'task-participants'), 'Семёнова', COLLEAGUE.name);
      await testId(page, 'section-reminders').click();
      await testId(page, 'reminder-add').click();
      await testId(page, 'reminder-amount-0').fill('1');
      // To keep the wait short the meeting starts in about two minutes: its reminder is due within about one.
      const start = wall(new Date(Date.now() + 120_000));
      expect(start.day).toBe(today());
      await setTime(page, testId(page, 'task-startsAt'), 'Начало', start.time);
      expect(await testId(page, 'task-startsAt').textContent()).toBe(`${ruDay(start.day)} ${start.time}`);

      const created = await answerTo<{ id: string; startsAt: string; participants: { name: string }[]; reminders: { remindAt: string; offsetMinutes: number }[] }>(page, 'POST', '/tasks', () =>
        testId(page, 'task-save').click(),
      );
      expect(created.status).toBe(201);
      taskId = created.body.id;
      startsAt = created.body.startsAt;
      expect(created.body.participants.map((p) => p.name)).toEqual([COLLEAGUE.name]);
      expect(created.body.reminders).toHaveLength(1);
      expect(Date.parse(created.body.reminders[0]!.remindAt)).toBe(Date.parse(startsAt) - 60_000);
      await pane.locator('.fc-event').filter({ hasText: title }).waitFor();
      await screenshot(page, 'calendar-meeting');
    });

    await step(colleague.page, 'reminder-arrives', async () => {
      const { page } = colleague;
      const remindAt = Date.parse(startsAt) - 60_000;
      // Delivered within seconds of its time (the target is 5 s), never before it.
      const reminded = toast(page, title).filter({ hasText: 'Напоминание' });
      await reminded.waitFor({ timeout: Math.max(0, remindAt - Date.now()) + 30_000 });
      expect(Date.now()).toBeGreaterThanOrEqual(remindAt);
      expect(await unreadOf(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(1);
      await screenshot(page, 'calendar-reminder');
      // It leads to the meeting.
      await followFromBell(page, title, taskId, 'Напоминание');
      await testId(page, 'task-title-text').filter({ hasText: title }).waitFor();
    });
    // The reminder is due about a minute after the meeting is saved; planning it takes a while on a busy machine.
  }, 180_000);

  it('marks an absence and the calendar shows that day as away', async () => {
    const { page } = admin;
    // A day of this week that is not today (the meeting is there): tomorrow, or yesterday on a Sunday.
    const now = new Date();
    const sunday = new Date(`${today()}T12:00:00Z`).getUTCDay() === 0;
    const away = wall(new Date(now.getTime() + (sunday ? -1 : 1) * 86_400_000)).day;
    await step(page, 'absence', async () => {
      await page.goto(`${server.url}/calendar`);
      const pane = testId(page, 'calendar-pane');
      await pane.locator(`td.fc-timegrid-col[data-date="${away}"]`).waitFor();
      expect(await pane.locator('.kc-absence').count()).toBe(0);

      await testId(page, 'calendar-absences').click();
      await choose(page, testId(page, 'absence-kind'), 'Командировка');
      await testId(page, 'absence-starts').fill(ruDay(away));
      await testId(page, 'absence-starts').blur();
      const created = await answerTo<{ startsOn: string; endsOn: string; kind: string }>(page, 'POST', '/absences', () => testId(page, 'absence-save').click());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'business_trip', startsOn: away, endsOn: away });
      await testId(page, 'absence-list').getByText('Командировка').waitFor();
      await page.keyboard.press('Escape');

      // The day is coloured as away, the others are not.
      const marked = pane.locator(`td.fc-timegrid-col[data-date="${away}"] .kc-absence`);
      await marked.first().waitFor();
      expect(await pane.locator('td.fc-timegrid-col .kc-absence').count()).toBe(await marked.count());
      const colour = await marked.first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(colour).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
      await screenshot(page, 'calendar-absence');

      // Looking at that day, the person is shown as away.
      await page.goto(`${server.url}/calendar?view=timeGridDay&date=${away}`);
      await poll(() => page.getByTestId('calendar-people').textContent()).toContain('нет на месте');
    });
  });

  it('gives a private iCalendar address that a calendar app reads: the task planned here is in it, and revoking it stops it', async () => {
    const { page } = admin;
    const title = 'Презентация оборудования для «Северного ветра»';
    let feedUrl = '';
    await step(page, 'feed', async () => {
      await page.goto(`${server.url}/calendar`);
      const pane = testId(page, 'calendar-pane');
      await pane.locator('td.fc-timegrid-col.fc-day-today').waitFor();
      await dragSlots(page, pane, today(), '16:00', '16:30');
      await testId(page, 'task-form').waitFor();
      await choose(page, testId(page, 'task-type'), 'Презентация');
      await testId(page, 'task-title').fill(title);
      await choose(page, testId(page, 'task-organization'), 'Северный', ORG.name);
      const created = await answerTo<{ id: string; startsAt: string; endsAt: string }>(page, 'POST', '/tasks', () => testId(page, 'task-save').click());
      expect(created.status).toBe(201);
      await pane.locator('.fc-event').filter({ hasText: title }).waitFor();

      await testId(page, 'calendar-subscribe').click();
      await testId(page, 'feed-status').waitFor();
      await answerTo(page, 'POST', '/calendar/feed', () => testId(page, 'feed-create').click());
      feedUrl = (await testId(page, 'feed-url').textContent())!.trim();
      expect(feedUrl).toMatch(new RegExp(`^${server.url}/ical/[^/]+\\.ics$`));
      await screenshot(page, 'calendar-subscribe');

      // What a phone's calendar app does: fetch the address, no cookie, and read the events.
      const response = await fetch(feedUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const presentation = events.find((e) => e.summary === title);
      expect(presentation).toBeDefined();
      expect(presentation!.startDate.toJSDate().toISOString()).toBe(new Date(created.body.startsAt).toISOString());
      expect(presentation!.endDate.toJSDate().toISOString()).toBe(new Date(created.body.endsAt).toISOString());
      expect(wall(presentation!.startDate.toJSDate()).time).toBe('16:00');
      expect(presentation!.uid).toContain(created.body.id);

      // Revoked: the address leads nowhere any more.
      await testId(page, 'feed-revoke').click();
      await answerTo(page, 'DELETE', '/calendar/feed', () => testId(page, 'confirm-submit').click());
      expect((await fetch(feedUrl)).status).toBe(404);
    });
  });
});

describe('the pages of this area in Russian', () => {
  it('fit a desktop and a phone: my day, the task list, a task, the calendar week, the contact history', async () => {
    const { page } = admin;
    const tasks = await pageApi<{ items: { id: string }[] }>(page, 'GET', '/tasks?view=all&limit=1&sort=-created');
    const pages: [string, string, string][] = [
      ['my-day', '/', 'my-day-today'],
      ['tasks', '/tasks', 'list-total'],
      ['task', `/tasks/${tasks.items[0]!.id}`, 'task-title-text'],
      ['calendar', '/calendar?view=timeGridWeek', 'calendar-pane'],
      ['client-history', `/organizations/${orgId}?tab=contacts`, 'timeline-item'],
    ];
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      for (const [name, path, ready] of pages) {
        await step(page, `look-${name}-${width}`, async () => {
          await page.goto(`${server.url}${path}`);
          await testId(page, ready).first().waitFor();
          await screenshot(page, `${name}-${width}`);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        });
      }
    }
    await page.setViewportSize({ width: 1440, height: 800 });
  });
});
