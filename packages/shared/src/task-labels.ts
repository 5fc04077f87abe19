import type { Locale } from './locale.js';

/**
 * Names of the built-in task types, their results and the task choices in ru/uk/en, for what the server
 * writes in a user's language (export headers and cells). Types and results an administrator named carry
 * their own names; built-in ones (migration 0006) are named here until renamed.
 */
type Labels = Record<Locale, string>;
const l = (ru: string, uk: string, en: string): Labels => ({ ru, uk, en });

export const TASK_TYPE_LABELS: Record<string, Labels> = {
  task: l('Задача', 'Задача', 'Task'),
  project: l('Проект', 'Проєкт', 'Project'),
  stage: l('Этап', 'Етап', 'Stage'),
  call: l('Звонок', 'Дзвінок', 'Call'),
  meeting: l('Встреча', 'Зустріч', 'Meeting'),
  letter: l('Письмо', 'Лист', 'Letter'),
  email: l('E-mail', 'E-mail', 'Email'),
  fax: l('Факс', 'Факс', 'Fax'),
  demo: l('Демонстрация', 'Демонстрація', 'Demonstration'),
  presentation: l('Презентация', 'Презентація', 'Presentation'),
  negotiation: l('Переговоры', 'Переговори', 'Negotiation'),
  offer: l('Коммерческое предложение', 'Комерційна пропозиція', 'Commercial offer'),
};

export const TASK_RESULT_LABELS: Record<string, Labels> = {
  done: l('Выполнено', 'Виконано', 'Done'),
  not_done: l('Не выполнено', 'Не виконано', 'Not done'),
  achieved: l('Цель достигнута', 'Мету досягнуто', 'Achieved'),
  not_achieved: l('Цель не достигнута', 'Мету не досягнуто', 'Not achieved'),
  reached: l('Дозвонился', 'Додзвонився', 'Reached'),
  no_answer: l('Нет ответа', 'Немає відповіді', 'No answer'),
  call_back: l('Перезвонить', 'Передзвонити', 'Call back'),
  refused: l('Отказ', 'Відмова', 'Refused'),
  held: l('Состоялась', 'Відбулася', 'Held'),
  postponed: l('Перенесена', 'Перенесена', 'Postponed'),
  cancelled_by_client: l('Отменена клиентом', 'Скасована клієнтом', 'Cancelled by the client'),
  sent: l('Отправлено', 'Надіслано', 'Sent'),
  answered: l('Получен ответ', 'Отримано відповідь', 'Answered'),
  not_delivered: l('Не доставлено', 'Не доставлено', 'Not delivered'),
  interested: l('Заинтересован', 'Зацікавлений', 'Interested'),
  not_interested: l('Не заинтересован', 'Не зацікавлений', 'Not interested'),
  needs_time: l('Нужно время подумать', 'Потрібен час подумати', 'Needs time'),
  agreed: l('Договорились', 'Домовилися', 'Agreed'),
  continue: l('Продолжаем', 'Продовжуємо', 'To be continued'),
  accepted: l('Принято', 'Прийнято', 'Accepted'),
  under_review: l('На рассмотрении', 'На розгляді', 'Under review'),
  rejected: l('Отклонено', 'Відхилено', 'Rejected'),
};

export const TASK_CHOICE_LABELS: Record<'status' | 'priority' | 'direction', Record<string, Labels>> = {
  status: {
    planned: l('Запланирована', 'Запланована', 'Planned'),
    in_progress: l('В работе', 'У роботі', 'In progress'),
    done: l('Выполнена', 'Виконана', 'Done'),
    cancelled: l('Отменена', 'Скасована', 'Cancelled'),
  },
  priority: {
    low: l('Низкий', 'Низький', 'Low'),
    normal: l('Обычный', 'Звичайний', 'Normal'),
    high: l('Высокий', 'Високий', 'High'),
  },
  direction: {
    inbound: l('Входящий', 'Вхідний', 'Inbound'),
    outbound: l('Исходящий', 'Вихідний', 'Outbound'),
  },
};

/** Columns of an exported task list, in their default order; `default` ones are used when none are chosen. */
export const TASK_EXPORT_COLUMNS: readonly { key: string; label: Labels; default?: boolean }[] = [
  { key: 'title', label: l('Задача', 'Задача', 'Task'), default: true },
  { key: 'type', label: l('Тип', 'Тип', 'Type'), default: true },
  { key: 'status', label: l('Статус', 'Статус', 'Status'), default: true },
  { key: 'priority', label: l('Приоритет', 'Пріоритет', 'Priority') },
  { key: 'at', label: l('Дата', 'Дата', 'Date'), default: true },
  { key: 'startsAt', label: l('Начало', 'Початок', 'Start') },
  { key: 'endsAt', label: l('Окончание', 'Закінчення', 'End') },
  { key: 'dueAt', label: l('Срок', 'Термін', 'Deadline'), default: true },
  { key: 'completedAt', label: l('Выполнена', 'Виконана', 'Completed'), default: true },
  { key: 'organization', label: l('Организация', 'Організація', 'Organization'), default: true },
  { key: 'person', label: l('Контактное лицо', 'Контактна особа', 'Contact person'), default: true },
  { key: 'responsible', label: l('Ответственный', 'Відповідальний', 'Responsible'), default: true },
  { key: 'controller', label: l('Контролёр', 'Контролер', 'Controller') },
  { key: 'author', label: l('Автор', 'Автор', 'Author') },
  { key: 'participants', label: l('Участники', 'Учасники', 'Participants') },
  { key: 'direction', label: l('Направление', 'Напрямок', 'Direction') },
  { key: 'plannedResult', label: l('Планируемый результат', 'Запланований результат', 'Planned result') },
  { key: 'result', label: l('Результат', 'Результат', 'Result'), default: true },
  { key: 'resultText', label: l('Комментарий к результату', 'Коментар до результату', 'Result notes'), default: true },
  { key: 'minutesSpent', label: l('Затрачено, мин', 'Витрачено, хв', 'Minutes spent') },
  { key: 'interest', label: l('Интерес клиента', 'Інтерес клієнта', 'Client interest') },
  { key: 'overdue', label: l('Просрочена', 'Прострочена', 'Overdue') },
  { key: 'createdAt', label: l('Создана', 'Створена', 'Created') },
];

/** A task type's name: the administrator's, else the built-in type's in the reader's language. */
export function taskTypeLabel(type: { key: string | null; name: string | null }, locale: Locale): string {
  return type.name ?? (type.key ? (TASK_TYPE_LABELS[type.key]?.[locale] ?? type.key) : '');
}

/** A result's name: the label the type gives it, else the built-in result's in the reader's language. */
export function taskResultLabel(key: string, label: string | null | undefined, locale: Locale): string {
  return label ?? TASK_RESULT_LABELS[key]?.[locale] ?? key;
}

export function taskChoiceLabel(field: 'status' | 'priority' | 'direction', value: string, locale: Locale): string {
  return TASK_CHOICE_LABELS[field][value]?.[locale] ?? value;
}
