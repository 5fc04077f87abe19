import { sql } from 'kysely';
import type { z } from 'zod';
import type { Locale, SmtpSettingsDto, smtpTestBodySchema, updateSmtpBodySchema } from '@kontakt/shared';
import type { SmtpSettings } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, recordAudit, type RequestContext } from '../../platform/audit/audit.js';
import { AppError, versionConflict, type FieldProblem } from '../../platform/errors.js';
import { MailError, sendLetter, type Letter } from '../../platform/mail/mailer.js';

type UpdateBody = z.output<typeof updateSmtpBodySchema>;
type TestBody = z.output<typeof smtpTestBodySchema>;

/** A host name (letters, digits, hyphens, dots) or an IPv4/IPv6 address; no scheme, port or spaces. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$|^[^\s@<>"]+@localhost$/;

/** "noreply@x.ru" or "Name <noreply@x.ru>"; null when it is neither. */
export function parseSender(from: string): string | null {
  const named = /^\s*"?([^"<>]*?)"?\s*<([^<>]+)>\s*$/.exec(from);
  const address = (named ? named[2]! : from).trim();
  return ADDRESS.test(address) ? from.trim() : null;
}

function toDto(smtp: SmtpSettings | null, version: number): SmtpSettingsDto {
  return {
    configured: smtp !== null,
    host: smtp?.host ?? null,
    port: smtp?.port ?? null,
    secure: smtp?.secure ?? false,
    user: smtp?.user ?? null,
    passwordSet: !!smtp?.password,
    from: smtp?.from ?? null,
    version,
  };
}

const TEST_LETTER: Record<Locale, { subject: string; body: (company: string) => string }> = {
  ru: { subject: 'Контакт: проверка почты', body: (c) => `Это проверочное письмо из Контакта (${c}). Раз вы его читаете, исходящая почта настроена верно: уведомления будут приходить.` },
  uk: { subject: 'Контакт: перевірка пошти', body: (c) => `Це перевірний лист із Контакту (${c}). Якщо ви його читаєте, вихідну пошту налаштовано правильно: сповіщення надходитимуть.` },
  en: { subject: 'Kontakt: mail check', body: (c) => `This is a test letter from Kontakt (${c}). If you can read it, outgoing mail is set up correctly and notifications will arrive.` },
};

/** The company's outgoing mail server: administrators (settings → edit) see, change and try it. */
export function makeSmtpService({ db }: ServiceDeps) {
  async function load() {
    const row = await db.selectFrom('company').select(['name', 'smtp', 'smtp_version']).where('id', '=', 1).executeTakeFirst();
    return { name: row?.name ?? '', smtp: row?.smtp ?? null, version: row?.smtp_version ?? 1 };
  }

  async function get(actor: Actor): Promise<SmtpSettingsDto> {
    assertCan(actor, 'edit', 'settings');
    const { smtp, version } = await load();
    return toDto(smtp, version);
  }

  async function update(actor: Actor, ctx: RequestContext, body: UpdateBody): Promise<SmtpSettingsDto> {
    assertCan(actor, 'edit', 'settings');
    const problems: FieldProblem[] = [];
    const host = body.host.replace(/^\[|\]$/g, '');
    if (!HOST.test(body.host)) problems.push({ field: 'host', code: 'invalid_host' });
    const from = parseSender(body.from);
    if (!from) problems.push({ field: 'from', code: 'invalid_sender' });
    if (problems.length) throw new AppError('validation_failed', { errors: problems });

    return db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('company').select(['smtp', 'smtp_version']).where('id', '=', 1).forUpdate().executeTakeFirst();
      if (!before || before.smtp_version !== body.version) throw versionConflict();
      const password = body.password === undefined ? (before.smtp?.password ?? null) : body.password || null;
      const next: SmtpSettings = { host, port: body.port, secure: body.secure, user: body.user ?? null, password, from: from! };
      await trx
        .updateTable('company')
        .set({ smtp: JSON.stringify(next), smtp_version: sql`smtp_version + 1`, updated_at: new Date() })
        .where('id', '=', 1)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'update',
        objectType: 'settings',
        objectId: 'smtp',
        objectLabel: `${host}:${body.port}`,
        changes: smtpChanges(before.smtp, next),
      });
      return toDto(next, before.smtp_version + 1);
    });
  }

  /** Turns email off: notifications stay in the app only. */
  async function disable(actor: Actor, ctx: RequestContext, version: number): Promise<SmtpSettingsDto> {
    assertCan(actor, 'edit', 'settings');
    return db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('company').select(['smtp', 'smtp_version']).where('id', '=', 1).forUpdate().executeTakeFirst();
      if (!before || before.smtp_version !== version) throw versionConflict();
      await trx.updateTable('company').set({ smtp: null, smtp_version: sql`smtp_version + 1`, updated_at: new Date() }).where('id', '=', 1).execute();
      await recordAudit(trx, ctx, { action: 'update', objectType: 'settings', objectId: 'smtp', objectLabel: null, changes: smtpChanges(before.smtp, null) });
      return toDto(null, before.smtp_version + 1);
    });
  }

  /** Sends a letter through the saved settings now, so the administrator sees at once whether they work. */
  async function sendTest(actor: Actor, body: TestBody): Promise<{ to: string; response: string | null }> {
    assertCan(actor, 'edit', 'settings');
    const { smtp, name } = await load();
    if (!smtp) throw new AppError('smtp_not_configured');
    const to = body.to ?? actor.email;
    const text = TEST_LETTER[actor.language];
    const letter: Letter = { to, subject: text.subject, text: text.body(name), html: `<p>${escapeHtml(text.body(name))}</p>` };
    try {
      return { to, ...(await sendLetter(smtp, letter)) };
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('other', String(error), false);
      throw new AppError('smtp_failed', { params: { reason: failure.reason, host: smtp.host, port: smtp.port, detail: failure.detail } });
    }
  }

  return { get, update, disable, sendTest };
}

export type SmtpService = ReturnType<typeof makeSmtpService>;

/** What changed, for the audit log; the password itself never goes there, only whether it was set or replaced. */
function smtpChanges(before: SmtpSettings | null, after: SmtpSettings | null) {
  const view = (smtp: SmtpSettings | null) => ({
    host: smtp?.host ?? null,
    port: smtp?.port ?? null,
    secure: smtp?.secure ?? null,
    user: smtp?.user ?? null,
    from: smtp?.from ?? null,
    password: smtp?.password ? 'set' : null,
  });
  const changes = diffChanges(view(before), view(after));
  if (before?.password && after?.password && before.password !== after.password) changes.password = { before: 'set', after: 'replaced' };
  return changes;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
