import type { Locale } from './locale.js';
import type { ClientType } from './schemas/clients.js';

/**
 * Names of the client base's built-in fields and choices in ru/uk/en, for what the server writes in a
 * user's language (export headers, import reports) and for recognizing columns of files users bring.
 * Keys are the filter catalog's (filters.ts) and the import catalog's (schemas/import.ts) field keys.
 */
type Labels = Record<Locale, string>;
const l = (ru: string, uk: string, en: string): Labels => ({ ru, uk, en });

const COMMON_LABELS: Record<string, Labels> = {
  name: l('Название', 'Назва', 'Name'),
  responsible: l('Ответственный', 'Відповідальний', 'Responsible'),
  phone: l('Телефон', 'Телефон', 'Phone'),
  fax: l('Факс', 'Факс', 'Fax'),
  email: l('E-mail', 'E-mail', 'Email'),
  website: l('Сайт', 'Сайт', 'Website'),
  city: l('Город', 'Місто', 'City'),
  region: l('Регион', 'Регіон', 'Region'),
  notes: l('Примечания', 'Примітки', 'Notes'),
  createdBy: l('Создал', 'Створив', 'Created by'),
  createdAt: l('Создано', 'Створено', 'Created'),
  updatedAt: l('Изменено', 'Змінено', 'Updated'),
  group: l('Группа', 'Група', 'Group'),
};

const ORGANIZATION_LABELS: Record<string, Labels> = {
  ...COMMON_LABELS,
  kind: l('Вид', 'Вид', 'Kind'),
  fullName: l('Полное наименование', 'Повне найменування', 'Full legal name'),
  legalForm: l('Правовая форма', 'Правова форма', 'Legal form'),
  inn: l('ИНН', 'ІПН (ИНН)', 'INN'),
  kpp: l('КПП', 'КПП', 'KPP'),
  ogrn: l('ОГРН', 'ОГРН', 'OGRN'),
  okpo: l('ОКПО', 'ОКПО', 'OKPO'),
  industry: l('Отрасль', 'Галузь', 'Industry'),
  source: l('Источник', 'Джерело', 'Source'),
  firstContactReason: l('Причина обращения', 'Причина звернення', 'Reason of first contact'),
  parent: l('Головная организация', 'Головна організація', 'Parent organization'),
};

const PERSON_LABELS: Record<string, Labels> = {
  ...COMMON_LABELS,
  name: l('ФИО', 'ПІБ', 'Full name'),
  fullName: l('ФИО', 'ПІБ', 'Full name'),
  lastName: l('Фамилия', 'Прізвище', 'Last name'),
  firstName: l('Имя', "Ім'я", 'First name'),
  middleName: l('Отчество', 'По батькові', 'Middle name'),
  gender: l('Пол', 'Стать', 'Gender'),
  birthDate: l('Дата рождения', 'Дата народження', 'Birth date'),
  position: l('Должность', 'Посада', 'Position'),
  department: l('Подразделение', 'Підрозділ', 'Department'),
  organization: l('Компания', 'Компанія', 'Company'),
  influence: l('Влияние', 'Вплив', 'Influence'),
  preferences: l('Увлечения и предпочтения', 'Захоплення та вподобання', 'Hobbies and preferences'),
};

const ADDRESS_KIND_LABELS: Record<string, Labels> = {
  legal: l('Юр. адрес', 'Юр. адреса', 'Legal address'),
  actual: l('Факт. адрес', 'Факт. адреса', 'Actual address'),
  postal: l('Почт. адрес', 'Пошт. адреса', 'Postal address'),
  other: l('Адрес', 'Адреса', 'Address'),
};
const ADDRESS_PART_LABELS: Record<string, Labels> = {
  country: l('страна', 'країна', 'country'),
  postalCode: l('индекс', 'індекс', 'postal code'),
  region: l('регион', 'регіон', 'region'),
  city: l('город', 'місто', 'city'),
  street: l('улица, дом', 'вулиця, будинок', 'street'),
};
const BANK_LABELS: Record<string, Labels> = {
  bik: l('БИК', 'БІК', 'BIK'),
  name: l('Банк', 'Банк', 'Bank'),
  correspondentAccount: l('Корр. счёт', 'Кор. рахунок', 'Correspondent account'),
  account: l('Расчётный счёт', 'Розрахунковий рахунок', 'Settlement account'),
};

/** The column header of a built-in field; address and bank parts read "Юр. адрес: город". */
export function clientFieldLabel(objectType: ClientType, key: string, locale: Locale): string {
  const own = (objectType === 'organization' ? ORGANIZATION_LABELS : PERSON_LABELS)[key];
  if (own) return own[locale];
  const [head, a, b] = key.split('.');
  if (head === 'address' && a && b && ADDRESS_KIND_LABELS[a] && ADDRESS_PART_LABELS[b]) {
    return objectType === 'person' && a === 'actual'
      ? `${ADDRESS_KIND_LABELS.other![locale]}: ${ADDRESS_PART_LABELS[b][locale]}`
      : `${ADDRESS_KIND_LABELS[a][locale]}: ${ADDRESS_PART_LABELS[b][locale]}`;
  }
  if (head === 'bank' && a && BANK_LABELS[a]) return BANK_LABELS[a][locale];
  return key;
}

export const CHOICE_LABELS: Record<'kind' | 'gender' | 'influence', Record<string, Labels>> = {
  kind: {
    lead: l('Лид', 'Лід', 'Lead'),
    client: l('Клиент', 'Клієнт', 'Client'),
    partner: l('Партнёр', 'Партнер', 'Partner'),
    competitor: l('Конкурент', 'Конкурент', 'Competitor'),
    supplier: l('Поставщик', 'Постачальник', 'Supplier'),
    other: l('Другое', 'Інше', 'Other'),
  },
  gender: {
    male: l('Мужской', 'Чоловіча', 'Male'),
    female: l('Женский', 'Жіноча', 'Female'),
  },
  influence: {
    decision_maker: l('Принимает решение', 'Ухвалює рішення', 'Decision maker'),
    influencer: l('Влияет на решение', 'Впливає на рішення', 'Influencer'),
    user: l('Пользователь', 'Користувач', 'User'),
    gatekeeper: l('Привратник', 'Привратник', 'Gatekeeper'),
    expert: l('Эксперт', 'Експерт', 'Expert'),
    other: l('Другое', 'Інше', 'Other'),
  },
};

export function choiceLabel(field: 'kind' | 'gender' | 'influence', value: string, locale: Locale): string {
  return CHOICE_LABELS[field][value]?.[locale] ?? value;
}

/** Header of the column an import report adds with each rejected row's errors. */
export const IMPORT_ERRORS_COLUMN: Labels = l('Ошибки', 'Помилки', 'Errors');
