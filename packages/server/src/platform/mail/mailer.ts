import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../db/schema.js';

export interface Letter {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type MailFailureReason = 'unreachable' | 'timeout' | 'tls' | 'auth' | 'rejected' | 'other';

/** Why a letter did not go, in words an administrator can act on; `permanent` ones are not worth retrying. */
export class MailError extends Error {
  constructor(
    readonly reason: MailFailureReason,
    readonly detail: string,
    readonly permanent: boolean,
  ) {
    super(`${reason}: ${detail}`);
  }
}

interface NodemailerError extends Error {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

export function classifyMailError(error: unknown): MailError {
  const e = (error ?? {}) as NodemailerError;
  const detail = (e.response ?? e.message ?? String(error)).slice(0, 300);
  const code = e.code ?? '';
  const original = e.originalCode ?? '';
  if (code === 'EAUTH' || code === 'ENOAUTH') return new MailError('auth', detail, true);
  if (code === 'ETIMEDOUT') return new MailError('timeout', detail, false);
  if (code === 'ETLS' || /certificate|SSL|TLS|wrong version number/i.test(detail)) return new MailError('tls', detail, false);
  if (code === 'EDNS' || ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET'].includes(original) || code === 'ECONNECTION' || code === 'ESOCKET') {
    return new MailError('unreachable', detail, false);
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || e.responseCode) return new MailError('rejected', detail, e.permanent ?? false);
  return new MailError('other', detail, false);
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One pooled connection per distinct set of settings, reused by the email jobs; settings saved anew get
 * a new pool and the old one is closed once its letters are out.
 */
const pools = new Map<string, ReturnType<typeof nodemailer.createTransport>>();

function transportOptions(smtp: SmtpSettings) {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 30_000,
  };
}

/** Sends one letter through the company's SMTP server; throws a classified `MailError`. */
export async function sendLetter(smtp: SmtpSettings, letter: Letter, options: { pooled?: boolean } = {}): Promise<{ response: string | null }> {
  const key = JSON.stringify(smtp);
  let transport = options.pooled ? pools.get(key) : undefined;
  if (!transport) {
    transport = nodemailer.createTransport(options.pooled ? { ...transportOptions(smtp), pool: true, maxConnections: 2 } : transportOptions(smtp));
    if (options.pooled) {
      for (const [other, old] of pools) {
        old.close();
        pools.delete(other);
      }
      pools.set(key, transport);
    }
  }
  try {
    const info = await transport.sendMail({ from: smtp.from, to: letter.to, subject: letter.subject, text: letter.text, html: letter.html });
    return { response: typeof info.response === 'string' ? info.response : null };
  } catch (error) {
    if (options.pooled) {
      // A broken pool (wrong password, server gone) is rebuilt on the next attempt.
      transport.close();
      pools.delete(key);
    }
    throw classifyMailError(error);
  } finally {
    if (!options.pooled) transport.close();
  }
}

/** Closes pooled connections (on shutdown). */
export function closeMailPools(): void {
  for (const transport of pools.values()) transport.close();
  pools.clear();
}
