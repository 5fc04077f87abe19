import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { insertOrganization, insertPerson } from '../groups/client-records.testing.js';
import { insertTask } from '../tasks/tasks.testing.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
/** The path of a feed URL, for app.inject. */
const pathOf = (url: string) => new URL(url).pathname;

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => ({ component: v, event: new ICAL.Event(v) }));
}

describe('iCalendar feed', () => {
  it('lives from creation to revocation: shown once, read by calendar apps, replaced, revoked', async () => {
    const user = await newUser(t.database.db, { name: 'Решетова Светлана' });
    const agent = await t.login(user.email);
    expect((await agent.get('/api/v1/calendar/feed')).json()).toEqual({ exists: false, createdAt: null, lastUsedAt: null });

    const created = await agent.post('/api/v1/calendar/feed');
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const stored = await t.database.db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(pathOf(url).slice(6, -4));

    const read = await t.anonymous().get(pathOf(url));
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const status = (await agent.get('/api/v1/calendar/feed')).json();
    expect(status).toMatchObject({ exists: true, createdAt: expect.any(String), lastUsedAt: expect.any(String) });

    const replaced = (await agent.post('/api/v1/calendar/feed')).json();
    expect(replaced.url).not.toBe(url);
    expect((await t.anonymous().get(pathOf(url))).statusCode).toBe(404);
    expect((await t.anonymous().get(pathOf(replaced.url))).statusCode).toBe(200);

    expect((await agent.delete('/api/v1/calendar/feed')).statusCode).toBe(204);
    expect((await t.anonymous().get(pathOf(replaced.url))).statusCode).toBe(404);
    expect((await agent.get('/api/v1/calendar/feed')).json().exists).toBe(false);
    expect((await t.anonymous().get('/ical/not-a-token.ics')).statusCode).toBe(404);
    expect((await t.anonymous().get(`/ical/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await t.anonymous().post('/api/v1/calendar/feed')).statusCode).toBe(401);

    const audit = await t.database.db.selectFrom('audit_log').select('action').where('object_type', '=', 'calendar_feed').where('object_id', '=', user.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['token_create', 'token_create', 'token_revoke', 'token_revoke']);

    // A deactivated user's feed answers nothing.
    const again = (await agent.post('/api/v1/calendar/feed')).json();
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    expect((await t.anonymous().get(pathOf(again.url))).statusCode).toBe(404);
  });

  it('holds the user’s tasks (responsible or participant) from 90 days back to a year ahead, which a real parser reads', async () => {
    const db = t.database.db;
    const me = await newUser(db, { name: 'Решетова Светлана' });
    const colleague = await newUser(db);
    const org = await insertOrganization(db, { name: 'ООО «Ромашка»' });
    const person = await insertPerson(db, { lastName: 'Антонов', firstName: 'Юрий' });
    const meeting = await insertTask(db, {
      responsible_id: me.id,
      title: 'Первая презентация',
      description: 'Ул. Малая Морская, д. 14',
      organization_id: org.id,
      person_id: person.id,
      starts_at: inDays(2, 7),
      ends_at: inDays(2, 9),
    });
    const due = await insertTask(db, { responsible_id: me.id, title: 'Отправить КП', due_at: inDays(5, 15) });
    const allDayStart = new Date(`${inDays(7).toISOString().slice(0, 10)}T00:00:00+03:00`);
    const allDay = await insertTask(db, { responsible_id: me.id, title: 'Выставка', all_day: true, starts_at: allDayStart, ends_at: new Date(allDayStart.getTime() + 2 * DAY) });
    const participating = await insertTask(db, { responsible_id: colleague.id, title: 'Встреча с участием', starts_at: inDays(3), participantIds: [me.id] });
    const cancelled = await insertTask(db, { responsible_id: me.id, title: 'Отменённая', status: 'cancelled', starts_at: inDays(4) });
    await insertTask(db, { responsible_id: colleague.id, title: 'Чужая', starts_at: inDays(3) });
    await insertTask(db, { responsible_id: me.id, title: 'Давняя', starts_at: inDays(-120) });
    await insertTask(db, { responsible_id: me.id, title: 'Через два года', starts_at: inDays(700) });
    await insertTask(db, { responsible_id: me.id, title: 'Удалённая', starts_at: inDays(3), deleted_at: new Date() });

    const agent = await t.login(me.email);
    const { url } = (await agent.post('/api/v1/calendar/feed')).json();
    const text = (await t.anonymous().get(pathOf(url))).body;
    const events = parse(text);
    expect(events.map((e) => e.event.summary).sort()).toEqual(['Встреча с участием', 'Выставка', 'Отменённая', 'Первая презентация', 'Срок: Отправить КП'].sort());
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('x-wr-calname')).toBe('Контакт: Решетова Светлана');

    const byUid = new Map(events.map((e) => [e.event.uid, e]));
    const first = byUid.get(`${meeting}@kontakt`)!;
    expect(first.event.startDate.toJSDate().toISOString()).toBe(inDays(2, 7).toISOString());
    expect(first.event.endDate.toJSDate().toISOString()).toBe(inDays(2, 9).toISOString());
    expect(first.event.description).toBe('Клиент: ООО «Ромашка»\nКонтактное лицо: Антонов Юрий\nОтветственный: Решетова Светлана\nУл. Малая Морская, д. 14');
    expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(first.component.getFirstPropertyValue('url')).toBe(`${url.replace(/\/ical\/.*$/, '')}/tasks/${meeting}`);
    expect(first.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(first.component.getFirstPropertyValue('sequence')).toBe(1);

    const deadline = byUid.get(`${due}@kontakt`)!;
    expect(deadline.event.startDate.toJSDate().toISOString()).toBe(inDays(5, 15).toISOString());
    expect(deadline.component.hasProperty('dtend')).toBe(false);

    const fair = byUid.get(`${allDay}@kontakt`)!;
    expect(fair.event.startDate.isDate).toBe(true);
    expect(fair.event.startDate.toString()).toBe(inDays(7).toISOString().slice(0, 10));
    expect(fair.event.endDate.toString()).toBe(new Date(inDays(7).getTime() + 2 * DAY).toISOString().slice(0, 10));

    expect(byUid.get(`${participating}@kontakt`)?.event.description).toContain('Ответственный: ');
    expect(byUid.get(`${cancelled}@kontakt`)?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('limits how often one address may read feeds', async () => {
    const anonymous = t.anonymous();
    anonymous.ip = '127.0.0.9';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await anonymous.get(`/ical/${'B'.repeat(43)}.ics`)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const limited = await anonymous.get(`/ical/${'B'.repeat(43)}.ics`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
