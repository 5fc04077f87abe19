/** What the audit log records; kept free of zod so the web app can import it without the schemas. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'password_change',
  'password_reset',
  'permission_change',
  'two_factor_enable',
  'two_factor_disable',
  'token_create',
  'token_revoke',
  'setup',
  'backup',
  'restore',
  'merge',
  'import',
  'export',
  'handoff',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
