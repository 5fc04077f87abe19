import { innerQuotes, taskResultLabel, type Locale } from '@kontakt/shared';
import type { Letter } from '../../platform/mail/mailer.js';

/**
 * Notification letters: the same sentence the bell shows (web: features/notifications/locales), in the
 * reader's language and time zone, as plain text and simple HTML, with a link to the record.
 */
export interface EmailNotification {
  kind: string;
  params: Record<string, unknown>;
  recordType: string | null;
  recordId: string | null;
  actorName: string | null;
}

export interface EmailContext {
  to: string;
  locale: Locale;
  timeZone: string;
  publicUrl: string;
  companyName: string;
}

type Vars = Record<string, string>;
type Sentence = (v: Vars) => string;

interface Texts {
  kinds: Record<string, Sentence>;
  reminder: Record<'start' | 'due' | 'absolute', Sentence>;
  generic: string;
  open: string;
  footer: (company: string) => string;
  preferences: string;
  resultLine: string;
  commentLine: string;
}

const ru: Texts = {
  kinds: {
    client_handoff: (v) => (v.recordType === 'person' ? `Вам передано контактное лицо «${v.name}»` : `Вам передан клиент «${v.name}»`) + (v.actor ? ` (передал ${v.actor})` : ''),
    task_assigned: (v) =>
      v.role === 'participant'
        ? v.actor ? `${v.actor} добавляет вас в задачу «${v.title}»` : `Вы участник задачи «${v.title}»`
        : v.actor ? `${v.actor} поручает вам задачу «${v.title}»` : `Новое поручение: «${v.title}»`,
    task_completed: (v) => `Задача «${v.title}» выполнена` + (v.actor ? ` (${v.actor})` : ''),
    task_result: (v) => `По задаче «${v.title}» получен результат` + (v.result ? `: ${v.result}` : ''),
    task_returned: (v) => `Задача «${v.title}» возвращена на доработку` + (v.actor ? ` (${v.actor})` : ''),
    task_mention: (v) => (v.actor ? `${v.actor} упоминает вас в комментарии к задаче «${v.title}»` : `Вас упомянули в комментарии к задаче «${v.title}»`),
    task_comment: (v) => (v.actor ? `${v.actor} комментирует задачу «${v.title}»` : `Новый комментарий к задаче «${v.title}»`),
    task_overdue: (v) => `Просрочена задача «${v.title}»` + (v.deadline ? ` (срок ${v.deadline})` : ''),
    tasks_reassigned: (v) =>
      v.count === '1' && v.title
        ? v.actor ? `${v.actor} передаёт вам задачу «${v.title}»` : `Вам передана задача «${v.title}»`
        : v.actor ? `${v.actor} передаёт вам задачи: ${v.count}` : `Вам переданы задачи: ${v.count}`,
  },
  reminder: {
    start: (v) => `Напоминание: «${v.title}» начинается ${v.when}`,
    due: (v) => `Напоминание: срок задачи «${v.title}» — ${v.when}`,
    absolute: (v) => `Напоминание: «${v.title}»` + (v.when ? ` (${v.when})` : ''),
  },
  generic: 'Новое уведомление',
  open: 'Открыть в Контакте',
  footer: (company) => `Контакт · ${company}`,
  preferences: 'Какие уведомления приходят на почту, можно выбрать в профиле',
  resultLine: 'Результат',
  commentLine: 'Комментарий',
};

const uk: Texts = {
  kinds: {
    client_handoff: (v) => (v.recordType === 'person' ? `Вам передано контактну особу «${v.name}»` : `Вам передано клієнта «${v.name}»`) + (v.actor ? ` (передав ${v.actor})` : ''),
    task_assigned: (v) =>
      v.role === 'participant'
        ? v.actor ? `${v.actor} додає вас до задачі «${v.title}»` : `Ви учасник задачі «${v.title}»`
        : v.actor ? `${v.actor} доручає вам задачу «${v.title}»` : `Нове доручення: «${v.title}»`,
    task_completed: (v) => `Задачу «${v.title}» виконано` + (v.actor ? ` (${v.actor})` : ''),
    task_result: (v) => `За задачею «${v.title}» отримано результат` + (v.result ? `: ${v.result}` : ''),
    task_returned: (v) => `Задачу «${v.title}» повернуто на доопрацювання` + (v.actor ? ` (${v.actor})` : ''),
    task_mention: (v) => (v.actor ? `${v.actor} згадує вас у коментарі до задачі «${v.title}»` : `Вас згадали в коментарі до задачі «${v.title}»`),
    task_comment: (v) => (v.actor ? `${v.actor} коментує задачу «${v.title}»` : `Новий коментар до задачі «${v.title}»`),
    task_overdue: (v) => `Прострочено задачу «${v.title}»` + (v.deadline ? ` (термін ${v.deadline})` : ''),
    tasks_reassigned: (v) =>
      v.count === '1' && v.title
        ? v.actor ? `${v.actor} передає вам задачу «${v.title}»` : `Вам передано задачу «${v.title}»`
        : v.actor ? `${v.actor} передає вам задачі: ${v.count}` : `Вам передано задачі: ${v.count}`,
  },
  reminder: {
    start: (v) => `Нагадування: «${v.title}» починається ${v.when}`,
    due: (v) => `Нагадування: термін задачі «${v.title}» — ${v.when}`,
    absolute: (v) => `Нагадування: «${v.title}»` + (v.when ? ` (${v.when})` : ''),
  },
  generic: 'Нове сповіщення',
  open: 'Відкрити в Контакті',
  footer: (company) => `Контакт · ${company}`,
  preferences: 'Які сповіщення надходять поштою, можна вибрати в профілі',
  resultLine: 'Результат',
  commentLine: 'Коментар',
};

const en: Texts = {
  kinds: {
    client_handoff: (v) => (v.recordType === 'person' ? `Contact person “${v.name}” was handed over to you` : `Client “${v.name}” was handed over to you`) + (v.actor ? ` by ${v.actor}` : ''),
    task_assigned: (v) =>
      v.role === 'participant'
        ? v.actor ? `${v.actor} added you to task “${v.title}”` : `You were added to task “${v.title}”`
        : v.actor ? `${v.actor} assigned you task “${v.title}”` : `New assignment: “${v.title}”`,
    task_completed: (v) => `Task “${v.title}” is done` + (v.actor ? ` (${v.actor})` : ''),
    task_result: (v) => `Task “${v.title}” has a result` + (v.result ? `: ${v.result}` : ''),
    task_returned: (v) => `Task “${v.title}” was returned for rework` + (v.actor ? ` (${v.actor})` : ''),
    task_mention: (v) => (v.actor ? `${v.actor} mentioned you in a comment on task “${v.title}”` : `You were mentioned in a comment on task “${v.title}”`),
    task_comment: (v) => (v.actor ? `${v.actor} commented on task “${v.title}”` : `New comment on task “${v.title}”`),
    task_overdue: (v) => `Task “${v.title}” is overdue` + (v.deadline ? ` (deadline ${v.deadline})` : ''),
    tasks_reassigned: (v) =>
      v.count === '1' && v.title
        ? v.actor ? `${v.actor} handed task “${v.title}” over to you` : `Task “${v.title}” was handed over to you`
        : v.actor ? `${v.actor} handed ${v.count} tasks over to you` : `Tasks handed over to you: ${v.count}`,
  },
  reminder: {
    start: (v) => `Reminder: “${v.title}” starts ${v.when}`,
    due: (v) => `Reminder: task “${v.title}” is due ${v.when}`,
    absolute: (v) => `Reminder: “${v.title}”` + (v.when ? ` (${v.when})` : ''),
  },
  generic: 'New notification',
  open: 'Open in Kontakt',
  footer: (company) => `Kontakt · ${company}`,
  preferences: 'Choose which notifications reach you by email in your profile',
  resultLine: 'Result',
  commentLine: 'Comment',
};

const TEXTS: Record<Locale, Texts> = { ru, uk, en };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Where a notification leads in the web app (the same paths as the bell). */
export function recordPath(recordType: string | null, recordId: string | null): string | null {
  if (!recordId) return null;
  if (recordType === 'task') return `/tasks/${recordId}`;
  if (recordType === 'organization') return `/organizations/${recordId}`;
  if (recordType === 'person') return `/persons/${recordId}`;
  return null;
}

function formatMoment(iso: string, ctx: EmailContext, allDay: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = allDay ? { dateStyle: 'long', timeZone: ctx.timeZone } : { dateStyle: 'long', timeStyle: 'short', timeZone: ctx.timeZone };
  try {
    return new Intl.DateTimeFormat(ctx.locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(ctx.locale, { ...options, timeZone: 'UTC' }).format(date);
  }
}

/** The one-line sentence of a notification in a language. */
export function notificationSentence(n: EmailNotification, ctx: EmailContext): string {
  const t = TEXTS[ctx.locale];
  const p = n.params;
  const allDay = p.allDay === true;
  const vars: Vars = {
    title: innerQuotes(str(p.title) || str(p.taskTitle)),
    name: innerQuotes(str(p.recordName)),
    recordType: str(p.recordType) || (n.recordType ?? ''),
    actor: str(p.actorName) || (n.actorName ?? ''),
    result: resultOf(p, ctx.locale),
    role: str(p.role),
    count: str(p.count),
    deadline: str(p.deadline) ? formatMoment(str(p.deadline), ctx, allDay) : '',
  };
  if (n.kind === 'task_reminder') {
    const anchor = p.anchor === 'start' || p.anchor === 'due' ? p.anchor : 'absolute';
    const moment = anchor === 'start' ? str(p.startsAt) : anchor === 'due' ? str(p.dueAt) : str(p.remindAt);
    return t.reminder[anchor]({ ...vars, when: moment ? formatMoment(moment, ctx, allDay) : '' });
  }
  const sentence = t.kinds[n.kind];
  return sentence ? sentence(vars) : t.generic;
}

/** The result's option in the reader's language, with the text typed beside it. */
function resultOf(p: Record<string, unknown>, locale: Locale): string {
  const option = str(p.resultKey) ? taskResultLabel(str(p.resultKey), str(p.resultLabel) || null, locale) : '';
  const text = str(p.resultText);
  return option && text ? `${option} — ${text}` : option || text;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderNotificationEmail(n: EmailNotification, ctx: EmailContext): Letter {
  const t = TEXTS[ctx.locale];
  const sentence = notificationSentence(n, ctx);
  const base = ctx.publicUrl.replace(/\/+$/, '');
  const path = recordPath(n.recordType, n.recordId);
  const link = path ? `${base}${path}` : base;
  const preferencesLink = `${base}/profile?tab=notifications`;
  const details: string[] = [];
  const comment = str(n.params.comment) || str(n.params.excerpt);
  if (comment) details.push(`${t.commentLine}: ${comment}`);
  const result = resultOf(n.params, ctx.locale);
  if (n.kind === 'task_completed' && result) details.push(`${t.resultLine}: ${result}`);

  const text = [sentence, ...(details.length ? ['', ...details] : []), '', `${t.open}: ${link}`, '', '—', t.footer(ctx.companyName), `${t.preferences}: ${preferencesLink}`].join('\n');

  const html = `<!doctype html>
<html lang="${ctx.locale}"><head><meta charset="utf-8"><title>${escapeHtml(sentence)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2329">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e3e5e8;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${escapeHtml(sentence)}</p>
${details.map((d) => `<p style="margin:0 0 12px;font-size:14px;line-height:1.5;color:#495057;white-space:pre-wrap">${escapeHtml(d)}</p>`).join('\n')}
<p style="margin:20px 0 0"><a href="${escapeHtml(link)}" style="display:inline-block;background:#228be6;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-size:14px">${escapeHtml(t.open)}</a></p>
</div>
<p style="max-width:560px;margin:12px auto 0;font-size:12px;line-height:1.5;color:#868e96">${escapeHtml(t.footer(ctx.companyName))}<br><a href="${escapeHtml(preferencesLink)}" style="color:#868e96">${escapeHtml(t.preferences)}</a></p>
</body></html>`;

  return { to: ctx.to, subject: truncate(sentence, 160), text, html };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
