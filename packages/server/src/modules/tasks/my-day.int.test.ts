import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyDayDto } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { newId } from '../../platform/ids.js';
import { insertOrganization } from '../groups/client-records.testing.js';
import { birthdayRanges, myDay } from './my-day.js';
import { insertTask, subjectOf } from './tasks.testing.js';

let t: TestApp;
type Who = { id: string; agent: Agent };

const minute = 60_000;
const hour = 60 * minute;

async function person(name: string, timeZone = 'Europe/Moscow'): Promise<Who> {
  const user = await newUser(t.database.db, { role: 'manager', name });
  await t.database.db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', user.id).execute();
  return { id: user.id, agent: await t.login(user.email) };
}

async function day(who: Who, query = ''): Promise<MyDayDto> {
  const response = await who.agent.get(`/api/v1/my-day${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const titles = (items: { title: string }[]) => items.map((i) => i.title);

/** Today in Moscow (UTC+3 all year) as instants: the default zone of test users. */
function moscowToday() {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const start = Date.parse(`${date}T00:00:00+03:00`);
  return { date, start, end: start + 24 * hour };
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("GET /my-day: the user's own calendar day", () => {
  it('takes "today" in the time zone of each user, also on a day of 23 hours', async () => {
    const db = t.database.db;
    const novosibirsk = await person('Новосибирск', 'Asia/Novosibirsk');
    const kaliningrad = await person('Калининград', 'Europe/Kaliningrad');
    const berlin = await person('Берлин', 'Europe/Berlin');
    const add = (who: Who, title: string, iso: string) => insertTask(db, { responsible_id: who.id, title, starts_at: new Date(iso) });
    await add(novosibirsk, 'Н: 00:10 своего дня', '2026-12-15T00:10:00+07:00');
    await add(novosibirsk, 'Н: 23:50 накануне', '2026-12-14T23:50:00+07:00');
    await add(novosibirsk, 'Н: 23:50 своего дня', '2026-12-15T23:50:00+07:00');
    await add(kaliningrad, 'К: 23:50 своего дня', '2026-12-15T23:50:00+02:00');
    await add(kaliningrad, 'К: 00:10 следующего', '2026-12-16T00:10:00+02:00');
    // 29 March 2026: clocks in Berlin go from 02:00 to 03:00, the day runs 23:00 UTC to 22:00 UTC.
    await add(berlin, 'Б: 23:30 летнего времени', '2026-03-29T21:30:00Z');
    await add(berlin, 'Б: 00:30 следующего', '2026-03-29T22:30:00Z');
    await add(berlin, 'Б: 00:30 своего дня', '2026-03-28T23:30:00Z');

    const n = await day(novosibirsk, '?date=2026-12-15');
    expect(n.date).toBe('2026-12-15');
    expect(titles(n.today)).toEqual(['Н: 00:10 своего дня', 'Н: 23:50 своего дня']);
    expect(titles((await day(kaliningrad, '?date=2026-12-15')).today)).toEqual(['К: 23:50 своего дня']);
    expect(titles((await day(kaliningrad, '?date=2026-12-16')).today)).toEqual(['К: 00:10 следующего']);
    expect(titles((await day(berlin, '?date=2026-03-29')).today)).toEqual(['Б: 00:30 своего дня', 'Б: 23:30 летнего времени']);

    // Without a date: the user's today, which need not be the server's.
    const own = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novosibirsk' }).format(new Date());
    expect((await day(novosibirsk)).date).toBe(own);
  });

  it('lists the day in time order with the tasks I take part in; overdue ones apart; tasks running on to a later deadline wait', async () => {
    const db = t.database.db;
    const me = await person('Мария');
    const colleague = await person('Коллега');
    const { start, end } = moscowToday();
    const add = (title: string, values: Partial<Parameters<typeof insertTask>[1]>) => insertTask(db, { responsible_id: me.id, title, ...values });
    await add('Утренняя встреча', { starts_at: new Date(start + 9 * hour) });
    await add('Вечерний звонок', { starts_at: new Date(start + 18 * hour) });
    await add('Готовая сегодня', { starts_at: new Date(start + 8 * hour), status: 'done', completed_at: new Date(start + 8 * hour) });
    await add('Отменённая сегодня', { starts_at: new Date(start + 10 * hour), status: 'cancelled' });
    await add('Срок сегодня', { starts_at: new Date(start - 3 * 24 * hour), due_at: new Date(end - 1) });
    await add('Срок завтра', { starts_at: new Date(start - 3 * 24 * hour), due_at: new Date(end + 24 * hour) });
    await add('Просрочена вчера', { due_at: new Date(start - 2 * hour) });
    await add('Просрочена неделю', { starts_at: new Date(start - 7 * 24 * hour) });
    await add('Сделана вчера', { starts_at: new Date(start - 20 * hour), status: 'done', completed_at: new Date(start - 19 * hour) });
    await insertTask(db, { responsible_id: colleague.id, title: 'Встреча коллеги со мной', starts_at: new Date(start + 12 * hour), participantIds: [me.id] });
    await insertTask(db, { responsible_id: colleague.id, title: 'Встреча коллеги без меня', starts_at: new Date(start + 13 * hour) });

    const result = await day(me);
    expect(titles(result.today)).toEqual(['Срок сегодня', 'Готовая сегодня', 'Утренняя встреча', 'Встреча коллеги со мной', 'Вечерний звонок']);
    expect(titles(result.overdue)).toEqual(['Просрочена неделю', 'Просрочена вчера']);
    expect(result.overdueTotal).toBe(2);
    expect(result.overdue.every((task) => task.overdue)).toBe(true);
    const colleagueDay = await day(colleague);
    expect(titles(colleagueDay.today)).toEqual(['Встреча коллеги со мной', 'Встреча коллеги без меня']);
    expect(colleagueDay.overdue).toEqual([]);
  });

  it('shows what waits for my check: unchecked results of tasks I control and overdue assignments I gave', async () => {
    const db = t.database.db;
    const me = await person('Контролёр');
    const worker = await person('Исполнитель');
    const { start } = moscowToday();
    const done = new Date(start - 5 * hour);
    const add = (title: string, values: Partial<Parameters<typeof insertTask>[1]>) => insertTask(db, { responsible_id: worker.id, created_by: me.id, title, ...values });
    await add('Сделано, ждёт проверки', { controller_id: me.id, status: 'done', completed_at: done, starts_at: done });
    await add('Сделано и проверено', { controller_id: me.id, status: 'done', completed_at: done, starts_at: done, checked_at: new Date() });
    await add('Поручение просрочено', { due_at: new Date(start - 30 * hour) });
    await add('Поручение в срок', { due_at: new Date(start + 48 * hour) });
    await insertTask(db, { responsible_id: me.id, created_by: me.id, title: 'Своя просроченная', due_at: new Date(start - 30 * hour) });
    await insertTask(db, { responsible_id: worker.id, created_by: worker.id, controller_id: me.id, title: 'Чужое открытое под контролем', due_at: new Date(start - 30 * hour) });

    const result = await day(me);
    expect(titles(result.toCheck)).toEqual(['Сделано, ждёт проверки', 'Поручение просрочено']);
    expect(result.toCheckTotal).toBe(2);
    expect(titles(result.overdue)).toEqual(['Своя просроченная']);
    expect((await day(worker)).toCheck).toEqual([]);
  });

  it("lists today's reminders still to come that reach me", async () => {
    const db = t.database.db;
    const me = await person('С напоминаниями');
    const other = await person('Другой');
    const { start, end } = moscowToday();
    const now = Date.now();
    const soon = new Date(now + (end - now) / 2);
    const mine = await insertTask(db, { responsible_id: me.id, title: 'Моя встреча', starts_at: new Date(end - 1) });
    const theirs = await insertTask(db, { responsible_id: other.id, title: 'Встреча со мной', starts_at: new Date(end - 1), participantIds: [me.id] });
    const closed = await insertTask(db, { responsible_id: me.id, title: 'Закрытая', starts_at: new Date(end - 1), status: 'done' });
    const controlled = await insertTask(db, { responsible_id: other.id, controller_id: me.id, title: 'Под моим контролем', starts_at: new Date(end - 1) });
    const remind = (task_id: string, audience: string, remind_at: Date, fired_at: Date | null = null) =>
      db.insertInto('task_reminders').values({ id: newId(), task_id, audience, anchor: 'absolute', remind_at, fired_at }).execute();
    await remind(mine, 'responsible', soon);
    await remind(theirs, 'all', new Date(soon.getTime() + 1));
    await remind(theirs, 'controller', soon);
    await remind(mine, 'participants', soon);
    await remind(mine, 'all', new Date(Math.max(start, now - 10 * minute)));
    await remind(mine, 'all', soon, new Date());
    await remind(mine, 'all', new Date(end + hour));
    await remind(closed, 'all', soon);
    await remind(controlled, 'controller', new Date(soon.getTime() + 2));
    await remind(controlled, 'participants', soon);

    const result = await day(me);
    expect(result.reminders.map((r) => [r.task.title, r.remindAt])).toEqual([
      ['Моя встреча', soon.toISOString()],
      ['Встреча со мной', new Date(soon.getTime() + 1).toISOString()],
      ['Под моим контролем', new Date(soon.getTime() + 2).toISOString()],
    ]);
    // The responsible hears of the reminder for everyone, not of the one for the controller.
    expect((await day(other)).reminders.map((r) => r.task.title)).toEqual(['Встреча со мной']);
  });
});

describe("GET /my-day: birthdays of my clients' contact persons this week", () => {
  it('reads the week as ranges of birth month-day, two across New Year, 29 February in a common year', () => {
    expect(birthdayRanges('2026-12-07', '2026-12-13')).toEqual([[1207, 1213]]);
    expect(birthdayRanges('2026-12-28', '2027-01-03')).toEqual([[1228, 1231], [101, 103]]);
    expect(birthdayRanges('2027-02-22', '2027-02-28')).toEqual([[222, 229]]);
    expect(birthdayRanges('2032-02-23', '2032-02-29')).toEqual([[223, 229]]);
  });

  it('finds them Monday to Sunday, across a new year, with 29 February on the 28th in other years', async () => {
    const db = t.database.db;
    const me = await person('С клиентами');
    const other = await person('Чужой менеджер');
    const org = await insertOrganization(db, { name: 'ООО «Мой клиент»', responsibleId: me.id });
    const foreignOrg = await insertOrganization(db, { name: 'ООО «Чужой клиент»', responsibleId: other.id });
    const born = async (lastName: string, birth_date: string, values: { organization_id?: string; responsible_id?: string; deleted?: boolean } = {}) => {
      const id = newId();
      await db
        .insertInto('persons')
        .values({
          id,
          last_name: lastName,
          birth_date,
          organization_id: values.organization_id ?? null,
          responsible_id: values.responsible_id ?? me.id,
          custom: '{}',
          updated_at: new Date(),
          deleted_at: values.deleted ? new Date() : null,
        })
        .execute();
      return id;
    };
    await born('Високосный', '1988-02-29', { organization_id: org.id });
    await born('Понедельник', '1985-02-22', { organization_id: org.id });
    await born('Следующий понедельник', '1990-03-01', { organization_id: org.id });
    await born('Удалённый', '1985-02-23', { organization_id: org.id, deleted: true });
    await born('Чужой', '1985-02-24', { organization_id: foreignOrg.id, responsible_id: other.id });
    await born('Новогодний', '1970-01-02');
    await born('Декабрьский', '1980-12-28');
    const employed = await born('По занятости', '1975-02-25', { responsible_id: other.id });
    await db.insertInto('employments').values({ id: newId(), person_id: employed, organization_id: org.id }).execute();

    // 2027 is not a leap year: the week of Wednesday 24 February runs to Sunday the 28th.
    const february = await day(me, '?date=2027-02-24');
    expect(february.birthdays.map((b) => [b.person.name, b.date, b.age, b.organization?.name ?? null])).toEqual([
      ['Понедельник', '2027-02-22', 42, 'ООО «Мой клиент»'],
      ['Високосный', '2027-02-28', 39, 'ООО «Мой клиент»'],
    ]);
    expect((await day(me, '?date=2028-02-29')).birthdays.map((b) => [b.person.name, b.date])).toEqual([
      ['Високосный', '2028-02-29'],
      ['Следующий понедельник', '2028-03-01'],
    ]);
    expect((await day(me, '?date=2026-12-31')).birthdays.map((b) => [b.person.name, b.date, b.age])).toEqual([
      ['Декабрьский', '2026-12-28', 46],
      ['Новогодний', '2027-01-02', 57],
    ]);
    // A person of my client whom my role does not let me see stays hidden; their own manager sees them.
    expect((await day(other, '?date=2027-02-24')).birthdays.map((b) => b.person.name)).toEqual(['Чужой', 'По занятости']);
  });
});

describe('GET /my-day: shape and cost', () => {
  it('answers a bad date with 400 naming the field', async () => {
    const me = await person('Ошибка');
    for (const date of ['2026-02-30', 'tomorrow', '2026-1-5']) {
      const response = await me.agent.get(`/api/v1/my-day?date=${date}`);
      expect(response.statusCode, date).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'date' })]);
    }
  });

  it('runs the same number of queries for a handful of tasks as for a hundred', async () => {
    const db = t.database.db;
    const busy = await newUser(db, { name: 'Занятой' });
    const { start } = moscowToday();
    const count = async () => {
      let queries = 0;
      const counting = db.withPlugin({
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      await myDay(counting, { ...subjectOf(busy.id, 'manager'), timeZone: 'Europe/Moscow' }, {});
      return queries;
    };
    await insertTask(db, { responsible_id: busy.id, title: 'Одна', starts_at: new Date(start + hour) });
    const few = await count();
    for (let i = 0; i < 60; i++) {
      await insertTask(db, { responsible_id: busy.id, controller_id: busy.id, title: `Сегодня ${i}`, starts_at: new Date(start + i * minute), participantIds: [] });
      await insertTask(db, { responsible_id: busy.id, title: `Просрочена ${i}`, due_at: new Date(start - (i + 1) * hour) });
    }
    expect(await count()).toBe(few);
    const result = await myDay(db, { ...subjectOf(busy.id, 'manager'), timeZone: 'Europe/Moscow' }, {});
    expect(result.today).toHaveLength(61);
    expect(result.overdue).toHaveLength(50);
    expect(result.overdueTotal).toBe(60);
  });
});
