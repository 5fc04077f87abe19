import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Permissions } from '@kontakt/shared';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface CompanyTable {
  id: Generated<number>;
  name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  parent_id: string | null;
  head_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: string | null;
  version: Generated<number>;
}

export interface RolesTable {
  id: string;
  name: string;
  description: string | null;
  built_in: string | null;
  permissions: Json<Permissions>;
  require_two_factor: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: string | null;
  version: Generated<number>;
}

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  position: string | null;
  phone: string | null;
  department_id: string | null;
  manager_id: string | null;
  role_id: string;
  language: string;
  time_zone: string;
  theme: Generated<string>;
  active: Generated<boolean>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  recovery_codes: Json<string[]> | null;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: string | null;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Date | null;
}

export interface AuditLogTable {
  id: string;
  at: CreatedAt;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  object_label: string | null;
  changes: Json<Record<string, { before: unknown; after: unknown }>> | null;
  request_id: string | null;
  ip: string | null;
}

export interface DB {
  company: CompanyTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type RoleRow = Selectable<RolesTable>;
export type AuditRow = Selectable<AuditLogTable>;
