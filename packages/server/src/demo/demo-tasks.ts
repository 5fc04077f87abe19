import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import type { DemoTeam } from './demo-clients.js';
import { insertInBatches, randomSequence, type Random } from './demo-random.js';

/**
 * The demo company's history of relations: a year of calls, meetings, letters, offers and demonstrations
 * with their results, the coming month planned (with reminders), projects with stages and operational
 * tasks, assignments from the heads with a controller, a weekly call series, comments and the employees'
 * absences. Written straight into the tables in batches, like the client base.
 */
export interface DemoTasksSummary {
  tasks: number;
  projects: number;
  absences: number;
}

interface Client {
  id: string;
  responsibleId: string;
  personIds: string[];
}

interface TypeRow {
  id: string;
  key: string;
  results: string[];
}

const TITLES: Record<string, string[]> = {
  call: ['Звонок: уточнить потребность', 'Звонок по коммерческому предложению', 'Звонок: согласовать сроки поставки', 'Звонок по оплате счёта', 'Звонок: договориться о встрече', 'Звонок после отгрузки'],
  meeting: ['Встреча в офисе клиента', 'Встреча с закупщиком', 'Встреча: обсуждение условий договора', 'Встреча на складе клиента'],
  letter: ['Письмо с каталогом', 'Письмо с прайс-листом', 'Благодарственное письмо'],
  email: ['Ответ на запрос по e-mail', 'Отправить спецификацию', 'Отправить акт сверки'],
  fax: ['Отправить счёт по факсу'],
  demo: ['Демонстрация образцов', 'Демонстрация оборудования на площадке'],
  presentation: ['Презентация новой линейки', 'Презентация компании для руководства клиента'],
  negotiation: ['Переговоры о скидке', 'Переговоры по условиям оплаты'],
  offer: ['Коммерческое предложение', 'Уточнённое коммерческое предложение'],
  task: ['Подготовить договор', 'Согласовать отсрочку платежа', 'Проверить остатки на складе'],
};
/** How often each kind of contact happens in a sales team's week. */
const CONTACT_WEIGHTS: Record<string, number> = { call: 50, email: 12, meeting: 12, offer: 8, letter: 4, negotiation: 5, demo: 3, presentation: 3, fax: 1, task: 6 };
const RESULT_TEXTS: Record<string, string[]> = {
  reached: ['Обсудили объёмы на следующий квартал', 'Клиент ждёт КП до пятницы', 'Подтвердили заявку'],
  no_answer: ['Не берут трубку, перезвонить завтра'],
  call_back: ['Просили перезвонить после обеда'],
  refused: ['Закупили у конкурента'],
  held: ['Договорились о пробной поставке', 'Показали образцы, интерес высокий'],
  interested: ['Запросили расчёт на 3 позиции'],
  agreed: ['Скидка 5 % при предоплате'],
  accepted: ['КП принято, ждём заявку'],
};

/** Working time in Moscow: a day `dayOffset` days from now at hour:minute, moved off weekends. */
function workingMoment(random: Random, now: Date, dayOffset: number): Date {
  const date = new Date(now.getTime() + dayOffset * 86_400_000);
  const weekday = date.getUTCDay();
  if (weekday === 0) date.setUTCDate(date.getUTCDate() + (dayOffset < 0 ? -2 : 1));
  if (weekday === 6) date.setUTCDate(date.getUTCDate() + (dayOffset < 0 ? -1 : 2));
  // 09:00–17:30 Moscow = 06:00–14:30 UTC, on the half hour.
  date.setUTCHours(6 + random.int(9), random.chance(0.5) ? 0 : 30, 0, 0);
  return date;
}

export async function seedDemoTasks(trx: Transaction<DB>, team: DemoTeam, now = new Date()): Promise<DemoTasksSummary> {
  const random = randomSequence(20_261_123);
  const types = new Map<string, TypeRow>(
    (await trx.selectFrom('task_types').select(['id', 'key', 'results']).where('key', 'is not', null).execute()).map((t) => [
      t.key!,
      { id: t.id, key: t.key!, results: t.results.map((r) => r.key) },
    ]),
  );
  const clients = await loadClients(trx);
  const head = team.userId('dovzhenko');
  const tasks: Insertable<DB['tasks']>[] = [];
  const participants: Insertable<DB['task_participants']>[] = [];
  const reminders: Insertable<DB['task_reminders']>[] = [];
  const comments: Insertable<DB['task_comments']>[] = [];
  const contactKeys = Object.keys(CONTACT_WEIGHTS);

  const addTask = (task: Omit<Insertable<DB['tasks']>, 'id'> & { id?: string }) => {
    const row = { id: newId(), ...task };
    tasks.push(row);
    return row.id;
  };

  // A year of contacts per client, and the coming month planned.
  for (const client of clients) {
    const past = random.weighted([0, 1, 2, 4, 7, 12], (n) => (n === 0 ? 2 : n === 12 ? 1 : 3));
    const planned = random.chance(0.35) ? 1 + random.int(2) : 0;
    for (let i = 0; i < past + planned; i++) {
      const isPast = i < past;
      const type = types.get(random.weighted(contactKeys, (k) => CONTACT_WEIGHTS[k]!))!;
      const start = workingMoment(random, now, isPast ? -1 - random.int(365) : 1 + random.int(30));
      const minutes = type.key === 'meeting' || type.key === 'demo' || type.key === 'presentation' ? 60 + 30 * random.int(3) : 5 + 5 * random.int(4);
      const resultKey = isPast ? random.weighted(type.results, (r) => (type.results.indexOf(r) === 0 ? 5 : 2)) : null;
      const personId = client.personIds.length > 0 && random.chance(0.8) ? random.pick(client.personIds) : null;
      const cancelled = isPast && random.chance(0.04);
      const id = addTask({
        type_id: type.id,
        title: random.pick(TITLES[type.key] ?? TITLES.task!),
        organization_id: client.id,
        person_id: personId,
        status: cancelled ? 'cancelled' : isPast ? 'done' : 'planned',
        priority: random.weighted(['low', 'normal', 'high'] as const, (p) => (p === 'normal' ? 6 : 1)),
        interest: isPast && type.key !== 'task' ? 1 + random.int(5) : null,
        direction: type.key === 'task' ? null : random.chance(0.75) ? 'outbound' : 'inbound',
        starts_at: start,
        ends_at: new Date(start.getTime() + minutes * 60_000),
        completed_at: isPast && !cancelled ? new Date(start.getTime() + minutes * 60_000) : null,
        minutes_spent: isPast && !cancelled ? minutes : null,
        result_key: cancelled ? null : resultKey,
        result_text: isPast && resultKey && !cancelled ? (RESULT_TEXTS[resultKey] ? random.pick(RESULT_TEXTS[resultKey]) : null) : null,
        planned_result: isPast ? null : random.pick(['Получить заявку', 'Согласовать условия', 'Назначить встречу', null]),
        responsible_id: client.responsibleId,
        accepted_at: start,
        created_by: client.responsibleId,
        created_at: new Date(start.getTime() - (1 + random.int(10)) * 86_400_000),
      });
      if (!isPast) {
        reminders.push({ id: newId(), task_id: id, audience: 'all', anchor: 'start', offset_minutes: 15, remind_at: new Date(start.getTime() - 15 * 60_000) });
      }
    }
  }

  // Projects of seed 004: "deliver equipment to …" with stages and their operational tasks.
  const projectClients = clients.filter((c) => c.personIds.length > 0).slice(0, 24);
  for (const [n, client] of projectClients.entries()) {
    const begun = -20 - random.int(120);
    const finished = n % 3 === 0;
    const project = addTask({
      type_id: types.get('project')!.id,
      title: `Поставка оборудования: проект №${100 + n}`,
      description: 'Поставка, монтаж и пусконаладка; ответственный за результат — менеджер клиента, контроль — руководитель отдела продаж.',
      organization_id: client.id,
      status: finished ? 'done' : 'in_progress',
      priority: 'high',
      starts_at: workingMoment(random, now, begun),
      due_at: workingMoment(random, now, finished ? begun + 60 : 10 + random.int(60)),
      completed_at: finished ? workingMoment(random, now, begun + 55) : null,
      result_key: finished ? 'achieved' : null,
      responsible_id: client.responsibleId,
      controller_id: head,
      accepted_at: workingMoment(random, now, begun),
      created_by: head,
    });
    for (const [s, stage] of ['Переговоры', 'Договор', 'Поставка и монтаж'].entries()) {
      const stageDone = finished || s === 0 || (s === 1 && random.chance(0.5));
      const stageStart = begun + s * 20;
      const stageId = addTask({
        parent_id: project,
        depth: 1,
        type_id: types.get('stage')!.id,
        title: stage,
        organization_id: client.id,
        status: stageDone ? 'done' : 'planned',
        starts_at: workingMoment(random, now, stageStart),
        due_at: workingMoment(random, now, stageStart + 18),
        completed_at: stageDone ? workingMoment(random, now, Math.min(stageStart + 15, -1)) : null,
        result_key: stageDone ? 'achieved' : null,
        responsible_id: client.responsibleId,
        controller_id: head,
        created_by: head,
      });
      for (let k = 0; k < 2 + random.int(3); k++) {
        const type = types.get(random.pick(['call', 'meeting', 'offer', 'task', 'negotiation']))!;
        const day = stageStart + 2 + k * 4;
        const done = stageDone || day < 0;
        const start = workingMoment(random, now, day);
        addTask({
          parent_id: stageId,
          depth: 2,
          type_id: type.id,
          title: random.pick(TITLES[type.key] ?? TITLES.task!),
          organization_id: client.id,
          person_id: random.pick(client.personIds),
          status: done ? 'done' : 'planned',
          direction: type.key === 'task' ? null : 'outbound',
          starts_at: start,
          ends_at: new Date(start.getTime() + 30 * 60_000),
          completed_at: done ? new Date(start.getTime() + 30 * 60_000) : null,
          result_key: done ? type.results[0]! : null,
          minutes_spent: done ? 30 : null,
          interest: done && type.key !== 'task' ? 3 + random.int(3) : null,
          responsible_id: client.responsibleId,
          created_by: client.responsibleId,
        });
      }
    }
    comments.push({
      id: newId(),
      task_id: project,
      author_id: head,
      body: finished ? 'Проект закрыт, клиент доволен. Спасибо!' : 'Держите меня в курсе по срокам поставки.',
    });
  }

  // Assignments from the head of sales: some done and waiting for his check, some overdue.
  const managers = ['semenova', 'kuznetsov', 'reshetova', 'tkachenko'].map((l) => team.userId(l));
  for (let i = 0; i < 16; i++) {
    const responsible = managers[i % managers.length]!;
    const client = random.pick(clients.filter((c) => c.responsibleId === responsible).concat(clients[0]!));
    const state = i % 4;
    const due = workingMoment(random, now, state === 0 ? -3 : state === 1 ? -1 : 2 + i);
    const id = addTask({
      type_id: types.get('task')!.id,
      title: random.pick(['Подготовить расчёт скидки для ключевого клиента', 'Собрать дебиторку по клиенту', 'Обновить реквизиты в карточке', 'Согласовать график поставок']),
      organization_id: client.id,
      status: state === 1 ? 'done' : 'planned',
      priority: state === 0 ? 'high' : 'normal',
      due_at: due,
      completed_at: state === 1 ? new Date(due.getTime() - 3_600_000) : null,
      result_key: state === 1 ? 'done' : null,
      result_text: state === 1 ? 'Расчёт отправлен клиенту, копия в карточке' : null,
      responsible_id: responsible,
      controller_id: head,
      accepted_at: state === 3 ? null : workingMoment(random, now, -5),
      created_by: head,
    });
    if (state === 2) participants.push({ task_id: id, user_id: team.userId('reshetova') });
    // Reminders only ahead: a demo must not open with a burst of stale ones.
    if (state !== 1 && due.getTime() - 86_400_000 > now.getTime()) reminders.push({ id: newId(), task_id: id, audience: 'all', anchor: 'due', offset_minutes: 60 * 24, remind_at: new Date(due.getTime() - 86_400_000) });
  }

  // A weekly call to a key client: 12 Mondays at 10:00 Moscow, from last month on.
  const seriesId = newId();
  const keyClient = clients.find((c) => c.responsibleId === team.userId('semenova')) ?? clients[0]!;
  const firstMonday = new Date(now.getTime() - 28 * 86_400_000);
  firstMonday.setUTCDate(firstMonday.getUTCDate() - ((firstMonday.getUTCDay() + 6) % 7));
  firstMonday.setUTCHours(7, 0, 0, 0);
  for (let w = 0; w < 12; w++) {
    const start = new Date(firstMonday.getTime() + w * 7 * 86_400_000);
    const done = start.getTime() < now.getTime();
    addTask({
      type_id: types.get('call')!.id,
      title: 'Еженедельный звонок ключевому клиенту',
      organization_id: keyClient.id,
      person_id: keyClient.personIds[0] ?? null,
      status: done ? 'done' : 'planned',
      direction: 'outbound',
      starts_at: start,
      ends_at: new Date(start.getTime() + 15 * 60_000),
      completed_at: done ? new Date(start.getTime() + 15 * 60_000) : null,
      result_key: done ? 'reached' : null,
      minutes_spent: done ? 15 : null,
      responsible_id: keyClient.responsibleId,
      series_id: seriesId,
      occurrence_at: start,
      created_by: keyClient.responsibleId,
      created_at: firstMonday,
    });
  }

  await trx.insertInto('task_series').values({ id: seriesId, rrule: `FREQ=WEEKLY;BYDAY=MO;COUNT=12`, created_by: keyClient.responsibleId }).execute();
  // Parents before children: the rows were pushed in that order.
  await insertInBatches(trx, 'tasks', tasks, 1000);
  await insertInBatches(trx, 'task_participants', participants);
  await insertInBatches(trx, 'task_reminders', reminders, 1000);
  await insertInBatches(trx, 'task_comments', comments);
  const absences = demoAbsences(team, now);
  await insertInBatches(trx, 'absences', absences);
  return { tasks: tasks.length, projects: projectClients.length, absences: absences.length };
}

function demoAbsences(team: DemoTeam, now: Date): Insertable<DB['absences']>[] {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return [
    { id: newId(), user_id: team.userId('kuznetsov'), kind: 'vacation', starts_on: day(7), ends_on: day(20), note: 'Ежегодный отпуск', created_by: team.userId('kuznetsov') },
    { id: newId(), user_id: team.userId('tkachenko'), kind: 'business_trip', starts_on: day(2), ends_on: day(4), note: 'Казань, выставка', created_by: team.userId('lebedeva') },
    { id: newId(), user_id: team.userId('pavlova'), kind: 'sick_leave', starts_on: day(-6), ends_on: day(-2), note: null, created_by: team.userId('sokolova') },
  ];
}

/** Organizations with a responsible manager, and their contact persons. */
async function loadClients(trx: Transaction<DB>): Promise<Client[]> {
  const organizations = await trx
    .selectFrom('organizations')
    .select(['id', 'responsible_id'])
    .where('responsible_id', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const persons = await trx.selectFrom('persons').select(['id', 'organization_id']).where('organization_id', 'is not', null).orderBy('id').execute();
  const byOrganization = new Map<string, string[]>();
  for (const p of persons) byOrganization.set(p.organization_id!, [...(byOrganization.get(p.organization_id!) ?? []), p.id]);
  return organizations.map((o) => ({ id: o.id, responsibleId: o.responsible_id!, personIds: byOrganization.get(o.id) ?? [] }));
}
