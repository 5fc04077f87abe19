import { fakerRU, fakerUK } from '@faker-js/faker';

/**
 * Dictionaries of the client-base generator. Names come from faker's Russian and Ukrainian locales
 * (seeded, so every run makes the same base); everything else is written out here, close to what a
 * Russian company's client base holds.
 */
const SEED = 20_260_404;

export interface NameSet {
  maleLast: string[];
  femaleLast: string[];
  maleFirst: string[];
  femaleFirst: string[];
  maleMiddle: string[];
  femaleMiddle: string[];
}

function names(faker: typeof fakerRU, size: number): NameSet {
  faker.seed(SEED);
  const unique = (make: () => string) => faker.helpers.uniqueArray(make, size);
  return {
    maleLast: unique(() => faker.person.lastName('male')),
    femaleLast: unique(() => faker.person.lastName('female')),
    maleFirst: unique(() => faker.person.firstName('male')),
    femaleFirst: unique(() => faker.person.firstName('female')),
    maleMiddle: unique(() => faker.person.middleName('male')),
    femaleMiddle: unique(() => faker.person.middleName('female')),
  };
}

export const russianNames = (): NameSet => names(fakerRU, 200);
export const ukrainianNames = (): NameSet => names(fakerUK, 80);

/** City, its region, the city's phone code and the region's two-digit tax code (the first digits of an INN). */
export interface City {
  city: string;
  region: string;
  phoneCode: string;
  taxRegion: string;
  /** How many shares of the base sit in this city (Moscow and St Petersburg hold most clients). */
  weight: number;
}

export const CITIES: City[] = [
  { city: 'Москва', region: 'Москва', phoneCode: '495', taxRegion: '77', weight: 24 },
  { city: 'Москва', region: 'Москва', phoneCode: '499', taxRegion: '77', weight: 6 },
  { city: 'Санкт-Петербург', region: 'Санкт-Петербург', phoneCode: '812', taxRegion: '78', weight: 12 },
  { city: 'Казань', region: 'Республика Татарстан', phoneCode: '843', taxRegion: '16', weight: 5 },
  { city: 'Новосибирск', region: 'Новосибирская область', phoneCode: '383', taxRegion: '54', weight: 5 },
  { city: 'Екатеринбург', region: 'Свердловская область', phoneCode: '343', taxRegion: '66', weight: 5 },
  { city: 'Нижний Новгород', region: 'Нижегородская область', phoneCode: '831', taxRegion: '52', weight: 4 },
  { city: 'Самара', region: 'Самарская область', phoneCode: '846', taxRegion: '63', weight: 4 },
  { city: 'Краснодар', region: 'Краснодарский край', phoneCode: '861', taxRegion: '23', weight: 4 },
  { city: 'Ростов-на-Дону', region: 'Ростовская область', phoneCode: '863', taxRegion: '61', weight: 4 },
  { city: 'Уфа', region: 'Республика Башкортостан', phoneCode: '347', taxRegion: '02', weight: 3 },
  { city: 'Челябинск', region: 'Челябинская область', phoneCode: '351', taxRegion: '74', weight: 3 },
  { city: 'Красноярск', region: 'Красноярский край', phoneCode: '391', taxRegion: '24', weight: 3 },
  { city: 'Пермь', region: 'Пермский край', phoneCode: '342', taxRegion: '59', weight: 3 },
  { city: 'Воронеж', region: 'Воронежская область', phoneCode: '473', taxRegion: '36', weight: 3 },
  { city: 'Волгоград', region: 'Волгоградская область', phoneCode: '844', taxRegion: '34', weight: 2 },
  { city: 'Саратов', region: 'Саратовская область', phoneCode: '845', taxRegion: '64', weight: 2 },
  { city: 'Тюмень', region: 'Тюменская область', phoneCode: '345', taxRegion: '72', weight: 2 },
  { city: 'Иркутск', region: 'Иркутская область', phoneCode: '395', taxRegion: '38', weight: 2 },
  { city: 'Ярославль', region: 'Ярославская область', phoneCode: '485', taxRegion: '76', weight: 2 },
  { city: 'Калининград', region: 'Калининградская область', phoneCode: '401', taxRegion: '39', weight: 2 },
];

/** CITIES repeated by weight: picking a uniform index of this list picks a city by its share. */
export const WEIGHTED_CITY_INDEXES: number[] = CITIES.flatMap((c, i) => Array.from({ length: c.weight }, () => i));

/** Russian mobile operator codes (MTS, MegaFon, Beeline, Tele2, Yota ranges). */
export const MOBILE_CODES = ['903', '905', '906', '909', '910', '912', '915', '916', '917', '919', '920', '921', '925', '926', '929', '950', '951', '952', '953', '960', '961', '962', '963', '964', '965', '968', '977', '980', '981', '985', '987', '999'];
/** Ukrainian mobile operator codes (Kyivstar, Vodafone, lifecell), without the trunk 0. */
export const UA_MOBILE_CODES = ['50', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'];

export const NAME_STEMS = [
  'Северный', 'Альфа', 'Вектор', 'Гранит', 'Меридиан', 'Орион', 'Восток', 'Запад', 'Сибирь', 'Урал', 'Волга', 'Балтика',
  'Техно', 'Строй', 'Агро', 'Мега', 'Транс', 'Энерго', 'Проф', 'Спектр', 'Полюс', 'Атлант', 'Ресурс', 'Капитал',
  'Сфера', 'Горизонт', 'Импульс', 'Фортуна', 'Зенит', 'Магистраль', 'Кристалл', 'Берёзка', 'Ладья', 'Рубин', 'Сокол',
  'Визит', 'Гарант', 'Эталон', 'Стандарт', 'Партнёр', 'Союз', 'Прогресс', 'Континент', 'Феникс', 'Аврора', 'Титан',
  'Платформа', 'Лидер', 'Основа', 'Дельта', 'Омега', 'Квант', 'Янтарь', 'Пульс', 'Старт', 'Регион', 'Интер', 'Нева',
  'Кама', 'Дон', 'Алтай', 'Байкал', 'Ока', 'Енисей',
];
export const NAME_TAILS = [
  'Трейд', 'Строй', 'Логистик', 'Сервис', 'Групп', 'Инвест', 'Пром', 'Снаб', 'Маркет', 'Консалт', 'Торг', 'Комплект',
  'Монтаж', 'Проект', 'Систем', 'Технолоджи', 'Агро', 'Металл', 'Пласт', 'Хим', 'Фарм', 'Медиа', 'Софт', 'Электро',
  'Авто', 'Транзит', 'Экспорт', 'Дистрибуция', 'Девелопмент', 'Инжиниринг', 'Продукт', 'Холдинг', 'Лес', 'Тех',
];
export const NAME_SUFFIXES = ['', '', '', '', '', '', ' Плюс', '-М', ' 2000', '-Юг', ' Центр', '-Север', ' Про', ' Лтд'];

export const LEGAL_FORMS: { short: string; full: string; weight: number }[] = [
  { short: 'ООО', full: 'Общество с ограниченной ответственностью', weight: 72 },
  { short: 'АО', full: 'Акционерное общество', weight: 10 },
  { short: 'ПАО', full: 'Публичное акционерное общество', weight: 2 },
  { short: 'ИП', full: 'Индивидуальный предприниматель', weight: 14 },
  { short: 'ГУП', full: 'Государственное унитарное предприятие', weight: 2 },
];

export const INDUSTRIES = [
  'Оптовая торговля', 'Розничная торговля', 'Строительство', 'Производство', 'Логистика и транспорт', 'ИТ и связь',
  'Пищевая промышленность', 'Сельское хозяйство', 'Медицина и фармацевтика', 'Образование', 'Финансы и страхование',
  'Недвижимость', 'Энергетика', 'Металлургия', 'Химическая промышленность', 'Гостиницы и рестораны', 'Реклама и маркетинг',
  'Государственный сектор', 'Автомобили и запчасти', 'Консалтинг',
];
export const SOURCES = ['Входящий звонок', 'Сайт', 'Рекомендация', 'Выставка', 'Холодный звонок', 'Тендер', 'Реклама', 'Партнёр', 'Email-рассылка'];
export const CONTACT_REASONS = ['Запрос прайс-листа', 'Заявка с сайта', 'Звонок по рекламе', 'Встреча на выставке', 'Рекомендация клиента', 'Участие в тендере'];
export const POSITIONS = [
  'Генеральный директор', 'Коммерческий директор', 'Финансовый директор', 'Главный бухгалтер', 'Бухгалтер', 'Менеджер по закупкам',
  'Начальник отдела снабжения', 'Инженер', 'Главный инженер', 'Юрист', 'Секретарь', 'Руководитель отдела продаж', 'Специалист',
  'Заместитель директора', 'Офис-менеджер', 'Технический директор', 'Логист', 'Кладовщик',
];
export const PERSON_DEPARTMENTS = ['Дирекция', 'Бухгалтерия', 'Отдел закупок', 'Отдел снабжения', 'Отдел продаж', 'Юридический отдел', 'Склад', 'Производство', 'ИТ-отдел'];
export const STREETS = [
  'Ленина', 'Мира', 'Советская', 'Садовая', 'Гагарина', 'Пушкина', 'Кирова', 'Молодёжная', 'Школьная', 'Лесная', 'Новая',
  'Центральная', 'Октябрьская', 'Заводская', 'Промышленная', 'Набережная', 'Победы', 'Московская', 'Строителей', 'Комсомольская',
];
export const MAIL_DOMAINS = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'ya.ru'];
