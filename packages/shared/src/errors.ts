import type { Locale } from './locale.js';

/**
 * Stable error codes of the API. The server answers them in `application/problem+json`
 * (`code` for the whole problem, `errors[].code` per field); the web app and the server translate
 * them with the same messages below, so a user reads the same words wherever the error surfaces.
 */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_request',
  'not_found',
  'route_not_found',
  'unauthenticated',
  'invalid_credentials',
  'two_factor_required',
  'invalid_two_factor_code',
  'too_many_attempts',
  'csrf_invalid',
  'two_factor_setup_required',
  'forbidden',
  'version_conflict',
  'setup_already_done',
  'email_taken',
  'department_not_empty',
  'role_built_in',
  'role_in_use',
  'role_administrator_locked',
  'name_taken',
  'cannot_change_self',
  'payload_too_large',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const FIELD_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_email',
  'invalid_format',
  'invalid_value',
  'invalid_id',
  'unknown_field',
  'password_too_short',
  'password_common',
  'password_wrong',
  'password_contains_email',
  'taken',
  'not_found',
  'cycle',
  'invalid_time_zone',
  'invalid_cursor',
  'invalid_sort',
  'invalid_two_factor_code',
  'in_past',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export interface FieldError {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  retryAfter?: number;
}

type Messages = Record<string, string>;

const ru: Messages = {
  validation_failed: 'Проверьте заполнение полей',
  malformed_request: 'Запрос повреждён: тело не является корректным JSON',
  not_found: 'Запись не найдена',
  route_not_found: 'Такого адреса API нет',
  unauthenticated: 'Войдите в систему',
  invalid_credentials: 'Неверный email или пароль',
  two_factor_required: 'Введите код из приложения-аутентификатора',
  invalid_two_factor_code: 'Неверный код подтверждения',
  too_many_attempts: 'Слишком много попыток. Повторите через {seconds} с',
  csrf_invalid: 'Сессия устарела, обновите страницу',
  two_factor_setup_required: 'Ваша роль требует двухфакторной аутентификации: включите её в профиле',
  forbidden: 'Недостаточно прав',
  version_conflict: 'Запись уже изменил другой пользователь. Обновите её и повторите',
  setup_already_done: 'Первоначальная настройка уже выполнена',
  email_taken: 'Пользователь с таким email уже есть',
  department_not_empty: 'В отделе есть сотрудники или подотделы',
  role_built_in: 'Встроенную роль нельзя удалить',
  role_in_use: 'Роль назначена сотрудникам',
  role_administrator_locked: 'Права администратора изменить нельзя',
  name_taken: 'Такое название уже используется',
  cannot_change_self: 'Эту настройку нельзя менять для самого себя',
  payload_too_large: 'Слишком большой запрос',
  internal: 'Внутренняя ошибка сервера',
  'field.required': 'Обязательное поле',
  'field.invalid_type': 'Неверный тип значения',
  'field.too_short': 'Не короче {min} символов',
  'field.too_long': 'Не длиннее {max} символов',
  'field.too_small': 'Не меньше {min}',
  'field.too_big': 'Не больше {max}',
  'field.invalid_email': 'Неверный адрес электронной почты',
  'field.invalid_format': 'Неверный формат',
  'field.invalid_value': 'Недопустимое значение',
  'field.invalid_id': 'Неверный идентификатор',
  'field.unknown_field': 'Неизвестное поле',
  'field.password_too_short': 'Пароль должен быть не короче {min} символов',
  'field.password_common': 'Этот пароль слишком распространён, придумайте другой',
  'field.password_wrong': 'Неверный пароль',
  'field.password_contains_email': 'Пароль не должен содержать email',
  'field.taken': 'Уже используется',
  'field.not_found': 'Не найдено',
  'field.cycle': 'Отдел не может входить сам в себя',
  'field.invalid_time_zone': 'Неизвестный часовой пояс',
  'field.invalid_cursor': 'Неверный курсор страницы',
  'field.invalid_sort': 'Сортировка по этому полю недоступна',
  'field.invalid_two_factor_code': 'Неверный код подтверждения',
  'field.in_past': 'Дата должна быть в будущем',
};

const uk: Messages = {
  validation_failed: 'Перевірте заповнення полів',
  malformed_request: 'Запит пошкоджено: тіло не є коректним JSON',
  not_found: 'Запис не знайдено',
  route_not_found: 'Такої адреси API немає',
  unauthenticated: 'Увійдіть до системи',
  invalid_credentials: 'Невірний email або пароль',
  two_factor_required: 'Введіть код із застосунку-автентифікатора',
  invalid_two_factor_code: 'Невірний код підтвердження',
  too_many_attempts: 'Забагато спроб. Повторіть через {seconds} с',
  csrf_invalid: 'Сесія застаріла, оновіть сторінку',
  two_factor_setup_required: 'Ваша роль вимагає двофакторної автентифікації: увімкніть її в профілі',
  forbidden: 'Недостатньо прав',
  version_conflict: 'Запис уже змінив інший користувач. Оновіть його та повторіть',
  setup_already_done: 'Початкове налаштування вже виконано',
  email_taken: 'Користувач із таким email уже існує',
  department_not_empty: 'У відділі є співробітники або підвідділи',
  role_built_in: 'Вбудовану роль не можна видалити',
  role_in_use: 'Роль призначено співробітникам',
  role_administrator_locked: 'Права адміністратора змінити не можна',
  name_taken: 'Така назва вже використовується',
  cannot_change_self: 'Це налаштування не можна змінювати для себе',
  payload_too_large: 'Завеликий запит',
  internal: 'Внутрішня помилка сервера',
  'field.required': "Обов'язкове поле",
  'field.invalid_type': 'Невірний тип значення',
  'field.too_short': 'Не коротше {min} символів',
  'field.too_long': 'Не довше {max} символів',
  'field.too_small': 'Не менше {min}',
  'field.too_big': 'Не більше {max}',
  'field.invalid_email': 'Невірна адреса електронної пошти',
  'field.invalid_format': 'Невірний формат',
  'field.invalid_value': 'Неприпустиме значення',
  'field.invalid_id': 'Невірний ідентифікатор',
  'field.unknown_field': 'Невідоме поле',
  'field.password_too_short': 'Пароль має бути не коротше {min} символів',
  'field.password_common': 'Цей пароль надто поширений, придумайте інший',
  'field.password_wrong': 'Невірний пароль',
  'field.password_contains_email': 'Пароль не повинен містити email',
  'field.taken': 'Уже використовується',
  'field.not_found': 'Не знайдено',
  'field.cycle': 'Відділ не може входити сам до себе',
  'field.invalid_time_zone': 'Невідомий часовий пояс',
  'field.invalid_cursor': 'Невірний курсор сторінки',
  'field.invalid_sort': 'Сортування за цим полем недоступне',
  'field.invalid_two_factor_code': 'Невірний код підтвердження',
  'field.in_past': 'Дата має бути в майбутньому',
};

const en: Messages = {
  validation_failed: 'Please check the fields',
  malformed_request: 'Malformed request: the body is not valid JSON',
  not_found: 'Record not found',
  route_not_found: 'No such API address',
  unauthenticated: 'Please sign in',
  invalid_credentials: 'Wrong email or password',
  two_factor_required: 'Enter the code from your authenticator app',
  invalid_two_factor_code: 'Wrong verification code',
  too_many_attempts: 'Too many attempts. Try again in {seconds} s',
  csrf_invalid: 'Your session is stale, reload the page',
  two_factor_setup_required: 'Your role requires two-factor authentication: turn it on in your profile',
  forbidden: 'You do not have permission',
  version_conflict: 'Someone else has changed this record. Reload it and try again',
  setup_already_done: 'Initial setup is already done',
  email_taken: 'A user with this email already exists',
  department_not_empty: 'The department still has employees or sub-departments',
  role_built_in: 'A built-in role cannot be deleted',
  role_in_use: 'The role is assigned to employees',
  role_administrator_locked: 'Administrator permissions cannot be changed',
  name_taken: 'This name is already in use',
  cannot_change_self: 'You cannot change this for yourself',
  payload_too_large: 'Request too large',
  internal: 'Internal server error',
  'field.required': 'Required',
  'field.invalid_type': 'Wrong type of value',
  'field.too_short': 'At least {min} characters',
  'field.too_long': 'At most {max} characters',
  'field.too_small': 'At least {min}',
  'field.too_big': 'At most {max}',
  'field.invalid_email': 'Invalid email address',
  'field.invalid_format': 'Invalid format',
  'field.invalid_value': 'Invalid value',
  'field.invalid_id': 'Invalid identifier',
  'field.unknown_field': 'Unknown field',
  'field.password_too_short': 'The password must be at least {min} characters long',
  'field.password_common': 'This password is too common, choose another one',
  'field.password_wrong': 'Wrong password',
  'field.password_contains_email': 'The password must not contain the email',
  'field.taken': 'Already in use',
  'field.not_found': 'Not found',
  'field.cycle': 'A department cannot be inside itself',
  'field.invalid_time_zone': 'Unknown time zone',
  'field.invalid_cursor': 'Invalid page cursor',
  'field.invalid_sort': 'Cannot sort by this field',
  'field.invalid_two_factor_code': 'Wrong verification code',
  'field.in_past': 'The date must be in the future',
};

export const ERROR_MESSAGES: Record<Locale, Messages> = { ru, uk, en };

function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params?.[key] ?? ''));
}

export function problemMessage(locale: Locale, code: string, params?: Record<string, string | number>): string {
  const template = ERROR_MESSAGES[locale][code] ?? ERROR_MESSAGES[locale].internal!;
  return interpolate(template, params);
}

export function fieldMessage(locale: Locale, code: string, params?: Record<string, string | number>): string {
  const template = ERROR_MESSAGES[locale][`field.${code}`] ?? ERROR_MESSAGES[locale]['field.invalid_value']!;
  return interpolate(template, params);
}
