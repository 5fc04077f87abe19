import { z } from 'zod';
import { optionalText, versionSchema } from './common.js';

/**
 * The company's outgoing mail server (SMTP), through which notifications reach users by email. The
 * password is write-only: the API says whether one is set, never what it is.
 */
export const smtpSettingsSchema = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** TLS from the first byte (usually port 465); otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean(),
  user: z.string().nullable(),
  passwordSet: z.boolean(),
  from: z.string().nullable(),
  version: z.number().int(),
});
export type SmtpSettingsDto = z.infer<typeof smtpSettingsSchema>;

export const updateSmtpBodySchema = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: optionalText(320),
  /** Omitted: keep the stored one; null or empty: remove it; a string: replace it. */
  password: z.string().max(500).nullable().optional(),
  /** "noreply@company.ru" or "Company <noreply@company.ru>". */
  from: z.string().trim().min(1).max(320),
  version: versionSchema,
});
export type UpdateSmtpBody = z.input<typeof updateSmtpBodySchema>;

export const smtpTestBodySchema = z.object({
  /** Who receives the test letter; the administrator's own address when omitted. */
  to: z.string().trim().max(254).pipe(z.email()).optional(),
});
export const smtpTestResultSchema = z.object({ to: z.string(), response: z.string().nullable() });
