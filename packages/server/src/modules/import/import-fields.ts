import { clientFieldLabel, CUSTOM_FIELD_PREFIX, IMPORT_FIELDS, LOCALES, type ClientType, type ImportMapping, type Locale } from '@kontakt/shared';
import { AppError } from '../../platform/errors.js';

/** The fields an import column can feed: built-in ones and the object's active custom fields. */
export interface ImportField {
  key: string;
  label: string;
  multiple: boolean;
}

export interface CustomFieldRef {
  key: string;
  label: string;
}

export function importFields(objectType: ClientType, custom: readonly CustomFieldRef[], locale: Locale): ImportField[] {
  return [
    ...IMPORT_FIELDS[objectType].map((f) => ({ key: f.key, label: clientFieldLabel(objectType, f.key, locale), multiple: !!f.multiple })),
    ...custom.map((f) => ({ key: `${CUSTOM_FIELD_PREFIX}${f.key}`, label: f.label, multiple: false })),
  ];
}

/** Header text reduced to letters and digits, so "E-mail", "e_mail" and "Email " compare equal. */
export const headerKey = (header: string) => header.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, '');

/** What people call these columns in files exported from other systems, 1C and Excel lists. */
const SYNONYMS: Record<ClientType, Record<string, readonly string[]>> = {
  organization: {
    name: ['Название', 'Наименование', 'Организация', 'Компания', 'Клиент', 'Контрагент', 'Назва', 'Найменування', 'Організація', 'Компанія', 'Company', 'Organization', 'Name', 'Company name', 'Краткое наименование'],
    fullName: ['Полное наименование', 'Полное название', 'Юридическое название', 'Повне найменування', 'Full name', 'Legal name'],
    kind: ['Вид', 'Тип', 'Тип клиента', 'Вид контрагента', 'Kind', 'Type'],
    legalForm: ['ОПФ', 'Форма собственности', 'Правовая форма', 'Правова форма', 'Legal form'],
    inn: ['ИНН', 'ІПН', 'ИНН организации', 'INN', 'TIN', 'Tax ID', 'ЄДРПОУ', 'ЕДРПОУ'],
    kpp: ['КПП', 'KPP'],
    ogrn: ['ОГРН', 'ОГРНИП', 'OGRN'],
    okpo: ['ОКПО', 'OKPO'],
    industry: ['Отрасль', 'Сфера деятельности', 'Галузь', 'Industry'],
    region: ['Регион', 'Область', 'Регіон', 'Region'],
    source: ['Источник', 'Джерело', 'Source', 'Lead source'],
    firstContactReason: ['Причина обращения', 'Причина звернення', 'Reason'],
    website: ['Сайт', 'Веб-сайт', 'Website', 'Web', 'URL'],
    notes: ['Примечание', 'Примечания', 'Комментарий', 'Примітки', 'Коментар', 'Notes', 'Comment', 'Comments'],
    responsible: ['Ответственный', 'Менеджер', 'Відповідальний', 'Responsible', 'Manager', 'Owner'],
    phone: ['Телефон', 'Телефоны', 'Тел', 'Телефон 2', 'Мобильный', 'Phone', 'Phone 2', 'Tel', 'Mobile'],
    fax: ['Факс', 'Fax'],
    email: ['E-mail', 'Email', 'Эл. почта', 'Электронная почта', 'Почта', 'Ел. пошта', 'Mail'],
    'address.legal.street': ['Юридический адрес', 'Юр. адрес', 'Юр адрес', 'Юридична адреса', 'Legal address'],
    'address.actual.street': ['Адрес', 'Фактический адрес', 'Факт. адрес', 'Адреса', 'Фактична адреса', 'Address', 'Street'],
    'address.actual.city': ['Город', 'Місто', 'City'],
    'address.actual.postalCode': ['Индекс', 'Почтовый индекс', 'Індекс', 'Postal code', 'ZIP'],
    'address.postal.street': ['Почтовый адрес', 'Поштова адреса', 'Postal address'],
    'bank.bik': ['БИК', 'БІК', 'BIK'],
    'bank.name': ['Банк', 'Наименование банка', 'Bank'],
    'bank.correspondentAccount': ['Корр. счёт', 'Корр счет', 'Корреспондентский счёт', 'К/с', 'Correspondent account'],
    'bank.account': ['Расчётный счёт', 'Р/с', 'Рас. счёт', 'Розрахунковий рахунок', 'Account', 'Settlement account'],
  },
  person: {
    fullName: ['ФИО', 'ПІБ', 'Контактное лицо', 'Контакт', 'Full name', 'Contact', 'Name'],
    lastName: ['Фамилия', 'Прізвище', 'Last name', 'Surname'],
    firstName: ['Имя', "Ім'я", 'Імя', 'First name'],
    middleName: ['Отчество', 'По батькові', 'Middle name', 'Patronymic'],
    gender: ['Пол', 'Стать', 'Gender', 'Sex'],
    birthDate: ['Дата рождения', 'День рождения', 'Дата народження', 'Birth date', 'Birthday', 'Date of birth'],
    position: ['Должность', 'Посада', 'Position', 'Title', 'Job title'],
    department: ['Отдел', 'Подразделение', 'Відділ', 'Підрозділ', 'Department'],
    organization: ['Компания', 'Организация', 'Место работы', 'Компанія', 'Організація', 'Company', 'Organization', 'ИНН компании', 'ИНН'],
    influence: ['Влияние', 'Роль', 'Вплив', 'Influence', 'Role'],
    preferences: ['Увлечения', 'Предпочтения', 'Хобби', 'Захоплення', 'Hobbies', 'Preferences'],
    notes: ['Примечание', 'Примечания', 'Комментарий', 'Примітки', 'Коментар', 'Notes', 'Comment', 'Comments'],
    responsible: ['Ответственный', 'Менеджер', 'Відповідальний', 'Responsible', 'Manager', 'Owner'],
    phone: ['Телефон', 'Телефоны', 'Тел', 'Мобильный', 'Рабочий телефон', 'Мобільний', 'Phone', 'Mobile', 'Tel'],
    email: ['E-mail', 'Email', 'Эл. почта', 'Электронная почта', 'Почта', 'Ел. пошта', 'Mail'],
    'address.actual.street': ['Адрес', 'Адреса', 'Address', 'Street'],
    'address.actual.city': ['Город', 'Місто', 'City'],
    'address.actual.postalCode': ['Индекс', 'Індекс', 'Postal code', 'ZIP'],
  },
};

/** header key → field, from the synonyms and the fields' own labels in every language. */
function synonymIndex(objectType: ClientType, fields: readonly ImportField[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const [field, names] of Object.entries(SYNONYMS[objectType])) {
    for (const name of names) if (!index.has(headerKey(name))) index.set(headerKey(name), field);
  }
  for (const field of fields) {
    const labels = field.key.startsWith(CUSTOM_FIELD_PREFIX) ? [field.label, field.key.slice(CUSTOM_FIELD_PREFIX.length)] : LOCALES.map((l) => clientFieldLabel(objectType, field.key, l));
    for (const label of [...labels, field.key]) if (!index.has(headerKey(label))) index.set(headerKey(label), field.key);
  }
  return index;
}

/**
 * A mapping for the columns: the user's own choice from the last import of this object type when that file
 * had the same headers, else a guess by header names (a single-valued field only once, first column wins).
 */
export function suggestMapping(
  objectType: ClientType,
  headers: readonly string[],
  fields: readonly ImportField[],
  remembered: { headers: readonly string[]; mapping: ImportMapping } | undefined,
): ImportMapping {
  const known = new Set(fields.map((f) => f.key));
  if (remembered && sameHeaders(headers, remembered.headers)) {
    const byHeader = new Map(remembered.headers.map((h, i) => [headerKey(h), remembered.mapping[i] ?? null]));
    return headers.map((h) => {
      const field = byHeader.get(headerKey(h)) ?? null;
      return field && known.has(field) ? field : null;
    });
  }
  const index = synonymIndex(objectType, fields);
  const multiple = new Set(fields.filter((f) => f.multiple).map((f) => f.key));
  const used = new Set<string>();
  return headers.map((h) => {
    const field = index.get(headerKey(h)) ?? index.get(headerKey(h.replace(/\s*\d+$/, '')));
    if (!field || !known.has(field) || (used.has(field) && !multiple.has(field))) return null;
    used.add(field);
    return field;
  });
}

/**
 * Same columns, ignoring order and the "Errors" column an import report adds, so a fixed report
 * re-imports with the mapping the user chose for the original file.
 */
function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  const errorsColumn = new Set(['ошибки', 'помилки', 'errors']);
  const norm = (list: readonly string[]) =>
    [...new Set(list.map(headerKey).filter((h) => !errorsColumn.has(h)))].sort().join('\u0000');
  return norm(a) === norm(b);
}

/** A mapping the server can use: one entry per column, known fields, single-valued fields at most once. */
export function checkMapping(mapping: ImportMapping, headers: readonly string[], fields: readonly ImportField[]): void {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors: { field: string; code: string }[] = [];
  if (mapping.length !== headers.length) errors.push({ field: 'mapping', code: 'invalid_value' });
  const seen = new Set<string>();
  mapping.forEach((key, i) => {
    if (key === null) return;
    const field = byKey.get(key);
    if (!field) errors.push({ field: `mapping.${i}`, code: 'unknown_field' });
    else if (seen.has(key) && !field.multiple) errors.push({ field: `mapping.${i}`, code: 'taken' });
    seen.add(key);
  });
  if (errors.length === 0 && mapping.every((m) => m === null)) errors.push({ field: 'mapping', code: 'required' });
  if (errors.length > 0) throw new AppError('validation_failed', { errors });
}
