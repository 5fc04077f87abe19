import { describe, expect, it } from 'vitest';
import { LOCALES, NOTIFICATION_KINDS } from '@kontakt/shared';
import { notificationSentence, recordPath, renderNotificationEmail, type EmailContext } from './notification-email.js';

const ctx = (locale: EmailContext['locale']): EmailContext => ({ to: 'a@test.example', locale, timeZone: 'Europe/Moscow', publicUrl: 'https://crm.example.test/', companyName: 'ООО «Тест»' });
const generic = { ru: 'Новое уведомление', uk: 'Нове сповіщення', en: 'New notification' };

describe('notification letters', () => {
  it('every kind has its own sentence in every language', () => {
    for (const locale of LOCALES) {
      for (const kind of NOTIFICATION_KINDS) {
        const sentence = notificationSentence({ kind, params: { title: 'X', recordName: 'Y', count: 3, anchor: 'start', startsAt: '2031-01-01T10:00:00Z' }, recordType: 'task', recordId: null, actorName: 'Z' }, ctx(locale));
        expect(sentence, `${kind} in ${locale}`).not.toBe(generic[locale]);
        expect(sentence).not.toContain('undefined');
      }
      expect(notificationSentence({ kind: 'brand_new', params: {}, recordType: null, recordId: null, actorName: null }, ctx(locale))).toBe(generic[locale]);
    }
  });

  it('reminders say what comes and when, in the reader’s time zone', () => {
    const base = { kind: 'task_reminder', recordType: 'task', recordId: 't1', actorName: null };
    expect(notificationSentence({ ...base, params: { title: 'Звонок', anchor: 'due', dueAt: '2031-01-01T10:00:00Z' } }, ctx('ru'))).toBe('Напоминание: срок задачи «Звонок» — 1 января 2031 г. в 13:00');
    expect(notificationSentence({ ...base, params: { title: 'Call', anchor: 'absolute', remindAt: '2031-01-01T10:00:00Z' } }, ctx('en'))).toBe('Reminder: “Call” (January 1, 2031 at 1:00 PM)');
    expect(notificationSentence({ ...base, params: { title: 'Дзвінок', anchor: 'start', startsAt: '2031-01-01T00:00:00Z', allDay: true } }, ctx('uk'))).toBe('Нагадування: «Дзвінок» починається 1 січня 2031 р.');
  });

  it('lead to the record, and plain text carries the link too', () => {
    expect(recordPath('task', 'a')).toBe('/tasks/a');
    expect(recordPath('organization', 'a')).toBe('/organizations/a');
    expect(recordPath('person', 'a')).toBe('/persons/a');
    expect(recordPath('task', null)).toBeNull();
    const letter = renderNotificationEmail({ kind: 'task_returned', params: { title: 'Договор', comment: 'Нет подписи' }, recordType: 'task', recordId: 't9', actorName: 'Анна' }, ctx('ru'));
    expect(letter.subject).toBe('Задача «Договор» возвращена на доработку (Анна)');
    expect(letter.text).toContain('Комментарий: Нет подписи');
    expect(letter.text).toContain('Открыть в Контакте: https://crm.example.test/tasks/t9');
    expect(letter.html).toContain('lang="ru"');
  });
});

describe('letters about tasks', () => {
  const base = { recordType: 'task', recordId: 't1', actorName: null };
  it('name the result in the reader’s language, and tell a participant from the responsible', () => {
    expect(notificationSentence({ ...base, kind: 'task_result', params: { title: 'Звонок', resultKey: 'reached', resultLabel: null, resultText: 'ждут КП' } }, ctx('uk'))).toBe(
      'За задачею «Звонок» отримано результат: Додзвонився — ждут КП',
    );
    expect(notificationSentence({ ...base, kind: 'task_assigned', params: { title: 'Встреча', role: 'participant', actorName: 'Анна' } }, ctx('ru'))).toBe('Анна добавляет вас в задачу «Встреча»');
    expect(notificationSentence({ ...base, kind: 'task_assigned', params: { title: 'Встреча', role: 'responsible' } }, ctx('ru'))).toBe('Новое поручение: «Встреча»');
    expect(notificationSentence({ ...base, kind: 'tasks_reassigned', params: { count: 1, title: 'Звонок', actorName: 'Анна' } }, ctx('uk'))).toBe('Анна передає вам задачу «Звонок»');
    expect(notificationSentence({ ...base, kind: 'tasks_reassigned', params: { count: 4, actorName: 'Ann' } }, ctx('en'))).toBe('Ann handed 4 tasks over to you');
    const done = renderNotificationEmail({ ...base, kind: 'task_completed', params: { title: 'Call', resultKey: 'call_back', actorName: 'Ann' } }, ctx('en'));
    expect(done.text).toContain('Result: Call back');
  });
});
