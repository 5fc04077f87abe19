import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import { insertInBatches, randomSequence, type Random } from './demo-random.js';
import { recordSearchTerms } from '../modules/search/search-terms.js';
import {
  CITIES,
  CONTACT_REASONS,
  INDUSTRIES,
  LEGAL_FORMS,
  MAIL_DOMAINS,
  MOBILE_CODES,
  NAME_STEMS,
  NAME_TAILS,
  PERSON_DEPARTMENTS,
  POSITIONS,
  RUSSIAN_NAMES,
  SOURCES,
  STREETS,
  UA_MOBILE_CODES,
  UKRAINIAN_NAMES,
  type City,
  type NameSet,
} from './client-words.js';
import { BANKS, makeInn, makeKpp, makeOgrn, makeSettlementAccount } from './requisites-maker.js';

/**
 * The demo company's client base: organizations of every kind across Russian regions, their contact
 * persons (Russian and Ukrainian names), phones typed the many ways people type them, e-mails,
 * addresses, bank accounts, responsible managers from the sales departments, and a few groups. All from
 * a seeded random sequence, so every demo looks the same, and written in multi-row batches.
 */
export interface DemoClientsOptions {
  organizations: number;
  /** Persons without an organization (private clients), beside the 0–5 contact persons of each organization. */
  privatePersons: number;
}

export const DEMO_CLIENTS: DemoClientsOptions = { organizations: 1500, privatePersons: 300 };

export interface DemoClientsSummary {
  organizations: number;
  persons: number;
  groups: number;
}

/** Who the demo's clients belong to, by the demo users' logins. */
export interface DemoTeam {
  userId(login: string): string;
}



const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ы: 'y', э: 'e',
  ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};
const translit = (text: string) =>
  [...text.toLowerCase()]
    .map((c) => TRANSLIT[c] ?? (/[a-z0-9]/.test(c) ? c : ''))
    .join('');

/** A Russian number (10 national digits) in one of the ways people type it. */
function russianPhone(random: Random, national: string): string {
  const [a, b, c, d] = [national.slice(0, 3), national.slice(3, 6), national.slice(6, 8), national.slice(8)];
  return random.pick([
    `+7 (${a}) ${b}-${c}-${d}`,
    `8 (${a}) ${b}-${c}-${d}`,
    `+7${national}`,
    `8${national}`,
    `+7 ${a} ${b} ${c} ${d}`,
    `8-${a}-${b}-${c}-${d}`,
  ]);
}

function ukrainianPhone(random: Random, national: string): string {
  const [a, b, c, d] = [national.slice(0, 2), national.slice(2, 5), national.slice(5, 7), national.slice(7)];
  return random.pick([`+380 ${a} ${b} ${c} ${d}`, `0${a} ${b} ${c} ${d}`, `+380${national}`, `(0${a}) ${b}-${c}-${d}`]);
}

const KINDS = [
  { kind: 'client', weight: 40 },
  { kind: 'lead', weight: 35 },
  { kind: 'partner', weight: 8 },
  { kind: 'supplier', weight: 8 },
  { kind: 'competitor', weight: 3 },
  { kind: 'other', weight: 6 },
];
const INFLUENCES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'expert', null, null] as const;
const BIG_CITIES = new Set(['Москва', 'Санкт-Петербург']);

interface Person {
  gender: 'male' | 'female';
  last: string;
  first: string;
  middle: string;
  ukrainian: boolean;
}

function makePerson(random: Random): Person {
  const ukrainian = random.chance(0.2);
  const names: NameSet = ukrainian ? UKRAINIAN_NAMES : RUSSIAN_NAMES;
  const gender = random.chance(0.5) ? 'male' : 'female';
  const i = random.int(names.maleLast.length);
  return {
    gender,
    ukrainian,
    last: gender === 'male' ? names.maleLast[i]! : names.femaleLast[i]!,
    first: random.pick(gender === 'male' ? names.maleFirst : names.femaleFirst),
    middle: random.pick(gender === 'male' ? names.maleMiddle : names.femaleMiddle),
  };
}

/** Unique company names: every stem-tail pair once, in a shuffled order, then with suffixes. */
function companyNames(random: Random, count: number): string[] {
  const pairs = NAME_STEMS.flatMap((stem) => NAME_TAILS.map((tail) => [stem, tail] as const));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const separators = ['', '-', ' '];
  return Array.from({ length: count }, (_, i) => {
    const [stem, tail] = pairs[i % pairs.length]!;
    const round = Math.floor(i / pairs.length);
    return `${stem}${random.pick(separators)}${tail}${round ? ` ${['Плюс', 'Центр', 'Групп', 'Юг'][round % 4]}` : ''}`;
  });
}


export async function seedDemoClients(trx: Transaction<DB>, team: DemoTeam, options: DemoClientsOptions = DEMO_CLIENTS): Promise<DemoClientsSummary> {
  const random = randomSequence(20_260_413);
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000 - random.int(86_400_000));
  const moscowTeam = ['reshetova', 'semenova', 'semenova', 'kuznetsov', 'kuznetsov', 'vinogradov'].map((l) => team.userId(l));
  const regionalTeam = ['lebedeva', 'tkachenko', 'tkachenko'].map((l) => team.userId(l));
  const headOfSales = team.userId('dovzhenko');

  const organizations: Insertable<DB['organizations']>[] = [];
  const persons: Insertable<DB['persons']>[] = [];
  const employments: Insertable<DB['employments']>[] = [];
  const contacts: Insertable<DB['contact_points']>[] = [];
  const addresses: Insertable<DB['addresses']>[] = [];
  const bankAccounts: Insertable<DB['bank_accounts']>[] = [];
  const searchTexts: string[] = [];
  const contactCount = new Map<string, number>();

  const addContact = (ownerType: 'organization' | 'person', ownerId: string, kind: 'phone' | 'fax' | 'email' | 'website', value: string, normalized: string, label: string | null = null) => {
    const position = contactCount.get(ownerId) ?? 0;
    contactCount.set(ownerId, position + 1);
    contacts.push({ id: newId(), owner_type: ownerType, owner_id: ownerId, kind, value, normalized, label, position });
  };
  const cityNumber = (city: City) => `${city.phoneCode}${2 + random.int(8)}${random.digits(6)}`;
  const mobileNumber = () => `${random.pick(MOBILE_CODES)}${random.digits(7)}`;
  const addPhone = (ownerType: 'organization' | 'person', ownerId: string, national: string, label: string | null, extension?: string) => {
    const typed = russianPhone(random, national) + (extension ? ` доб. ${extension}` : '');
    addContact(ownerType, ownerId, 'phone', typed, `+7${national}${extension ? `;ext=${extension}` : ''}`, label);
  };
  const street = () => `ул. ${random.pick(STREETS)}, д. ${1 + random.int(150)}`;

  const names = companyNames(random, options.organizations);
  const addPerson = (person: Person, employer: { id: string; city: City; domain: string | null; responsibleId: string } | null) => {
    const id = newId();
    const created = daysAgo(random.int(1000));
    const position = employer ? random.pick(POSITIONS) : null;
    const department = employer && random.chance(0.5) ? random.pick(PERSON_DEPARTMENTS) : null;
    persons.push({
      id,
      last_name: person.last,
      first_name: person.first,
      middle_name: person.middle,
      gender: person.gender,
      birth_date: random.chance(0.5) ? `${1960 + random.int(40)}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}` : null,
      position,
      department,
      organization_id: employer?.id ?? null,
      influence: random.pick(INFLUENCES),
      responsible_id: employer && random.chance(0.9) ? employer.responsibleId : random.pick([...moscowTeam, ...regionalTeam]),
      created_at: created,
      updated_at: created,
    });
    searchTexts.push(person.last, person.first, person.middle);
    if (employer) employments.push({ id: newId(), person_id: id, organization_id: employer.id, position, department, is_primary: true });
    if (person.ukrainian && random.chance(0.5)) {
      const national = `${random.pick(UA_MOBILE_CODES)}${random.digits(7)}`;
      addContact('person', id, 'phone', ukrainianPhone(random, national), `+380${national}`, 'Мобильный');
    } else {
      addPhone('person', id, mobileNumber(), 'Мобильный');
    }
    if (employer && random.chance(0.5)) addPhone('person', id, cityNumber(employer.city), 'Рабочий', String(100 + random.int(900)));
    if (random.chance(0.75)) {
      const local = `${translit(person.last)}.${translit(person.first.slice(0, 1))}`;
      const domain = employer?.domain && random.chance(0.7) ? employer.domain : person.ukrainian && random.chance(0.5) ? 'ukr.net' : random.pick(MAIL_DOMAINS);
      const email = `${local}${employer?.domain === domain ? '' : random.int(100)}@${domain}`;
      const typed = random.chance(0.1) ? email.charAt(0).toUpperCase() + email.slice(1) : email;
      addContact('person', id, 'email', typed, email.toLowerCase());
    }
    return id;
  };

  for (let n = 0; n < options.organizations; n++) {
    const id = newId();
    const city = random.weighted(CITIES, (c) => c.weight);
    const form = random.weighted(LEGAL_FORMS, (f) => f.weight);
    const individual = form.short === 'ИП';
    const owner = individual ? makePerson(random) : null;
    const name = owner ? `ИП ${owner.last} ${owner.first[0]}. ${owner.middle[0]}.` : names[n]!;
    const fullName = owner ? `${form.full} ${owner.last} ${owner.first} ${owner.middle}` : `${form.full} «${name}»`;
    const inn = makeInn(city.taxRegion, n + 1, individual);
    const created = daysAgo(random.int(1100));
    const responsibleId = random.chance(0.05) ? headOfSales : random.pick(BIG_CITIES.has(city.city) ? moscowTeam : regionalTeam);
    const domain = owner ? null : `${translit(name)}.ru`;
    organizations.push({
      id,
      kind: random.weighted(KINDS, (k) => k.weight).kind,
      name,
      full_name: fullName,
      legal_form: form.short,
      inn,
      kpp: individual ? null : makeKpp(inn),
      ogrn: makeOgrn(city.taxRegion, n + 1, 2002 + random.int(22), individual),
      industry: random.pick(INDUSTRIES),
      region: city.region,
      source: random.pick(SOURCES),
      first_contact_reason: random.chance(0.4) ? random.pick(CONTACT_REASONS) : null,
      responsible_id: responsibleId,
      website: domain && random.chance(0.5) ? `https://${domain}` : null,
      created_at: created,
      updated_at: created,
    });
    searchTexts.push(name, fullName);
    addPhone('organization', id, cityNumber(city), 'Приёмная');
    if (random.chance(0.6)) addPhone('organization', id, random.chance(0.5) ? cityNumber(city) : mobileNumber(), random.pick(['Отдел продаж', 'Бухгалтерия', null]));
    if (random.chance(0.15)) {
      const national = cityNumber(city);
      addContact('organization', id, 'fax', russianPhone(random, national), `+7${national}`, null);
    }
    if (domain) {
      const email = `${random.pick(['info', 'office', 'sales', 'zakaz', 'Info'])}@${domain}`;
      addContact('organization', id, 'email', email, email.toLowerCase());
    }
    addresses.push({ id: newId(), owner_type: 'organization', owner_id: id, kind: 'legal', country: 'Россия', postal_code: String(100000 + random.int(800000)), region: city.region, city: city.city, street: `${street()}, оф. ${1 + random.int(400)}`, position: 0 });
    if (random.chance(0.5)) addresses.push({ id: newId(), owner_type: 'organization', owner_id: id, kind: 'actual', country: 'Россия', postal_code: String(100000 + random.int(800000)), region: city.region, city: city.city, street: street(), position: 1 });
    if (!individual && random.chance(0.7)) {
      const bank = random.pick(BANKS);
      bankAccounts.push({ id: newId(), organization_id: id, bik: bank.bik, bank_name: bank.name, correspondent_account: bank.correspondentAccount, account: makeSettlementAccount(bank.bik, n + 1), currency: 'RUB', is_primary: true, position: 0 });
    }
    const employer = { id, city, domain, responsibleId };
    if (owner) addPerson(owner, employer);
    const staff = individual ? random.int(2) : random.int(6);
    for (let k = 0; k < staff; k++) addPerson(makePerson(random), employer);
  }
  for (let k = 0; k < options.privatePersons; k++) addPerson(makePerson(random), null);

  await insertInBatches(trx, 'organizations', organizations);
  await insertInBatches(trx, 'persons', persons);
  await insertInBatches(trx, 'employments', employments);
  await insertInBatches(trx, 'contact_points', contacts, 1000);
  await insertInBatches(trx, 'addresses', addresses);
  await insertInBatches(trx, 'bank_accounts', bankAccounts);
  await recordSearchTerms(trx, searchTexts);

  const groups = await seedGroups(trx, random, team, organizations, persons);
  return { organizations: organizations.length, persons: persons.length, groups };
}

async function seedGroups(
  trx: Transaction<DB>,
  random: Random,
  team: DemoTeam,
  organizations: Insertable<DB['organizations']>[],
  persons: Insertable<DB['persons']>[],
): Promise<number> {
  const sample = <T>(items: T[], count: number) => items.filter(() => random.chance(count / Math.max(items.length, 1))).slice(0, count);
  const semenova = team.userId('semenova');
  const groups = [
    {
      name: 'Ключевые клиенты',
      description: 'Клиенты с оборотом больше 10 млн ₽ в год: звонок раз в месяц',
      shared: true,
      owner: team.userId('dovzhenko'),
      members: sample(organizations.filter((o) => o.kind === 'client'), 40).map((o) => ({ type: 'organization' as const, id: o.id })),
    },
    {
      name: 'Стройэкспо-2026: контакты',
      description: 'Визитки со стенда на выставке, март 2026',
      shared: true,
      owner: team.userId('morozova'),
      members: [
        ...sample(organizations.filter((o) => o.industry === 'Строительство'), 30).map((o) => ({ type: 'organization' as const, id: o.id })),
        ...sample(persons, 80).map((p) => ({ type: 'person' as const, id: p.id })),
      ],
    },
    {
      name: 'Мои горячие лиды',
      description: null,
      shared: false,
      owner: semenova,
      members: organizations.filter((o) => o.kind === 'lead' && o.responsible_id === semenova).slice(0, 15).map((o) => ({ type: 'organization' as const, id: o.id })),
    },
  ];
  for (const group of groups) {
    const id = newId();
    await trx.insertInto('groups').values({ id, name: group.name, description: group.description, shared: group.shared, owner_id: group.owner, created_by: group.owner, updated_at: new Date() }).execute();
    await insertInBatches(
      trx,
      'group_members',
      group.members.map((m) => ({ group_id: id, record_type: m.type, record_id: m.id, added_by: group.owner })),
    );
  }
  return groups.length;
}
