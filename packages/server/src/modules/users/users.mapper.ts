import { isLocale, THEMES, type MeDto, type Theme, type UserDto } from '@kontakt/shared';
import type { UserRow } from '../../db/schema.js';

export interface UserJoinedRow extends UserRow {
  department_name: string | null;
  manager_name: string | null;
  role_name: string;
}

const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/** The API's view of a user: never the password hash, the TOTP secret or recovery codes. */
export function toUserDto(row: UserJoinedRow): UserDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    position: row.position,
    phone: row.phone,
    department: ref(row.department_id, row.department_name),
    manager: ref(row.manager_id, row.manager_name),
    role: { id: row.role_id, name: row.role_name },
    language: isLocale(row.language) ? row.language : 'ru',
    timeZone: row.time_zone,
    active: row.active,
    twoFactorEnabled: !!row.totp_secret,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** The fields the audit log compares, in the API's words. */
export function auditedUserFields(dto: UserDto) {
  return {
    name: dto.name,
    email: dto.email,
    position: dto.position,
    phone: dto.phone,
    department: dto.department?.name ?? null,
    manager: dto.manager?.name ?? null,
    role: dto.role.name,
    language: dto.language,
    timeZone: dto.timeZone,
    active: dto.active,
  };
}

export function toMeDto(row: UserJoinedRow): MeDto {
  const user = toUserDto(row);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    position: user.position,
    phone: user.phone,
    department: user.department,
    manager: user.manager,
    role: user.role,
    language: user.language,
    timeZone: user.timeZone,
    theme: (THEMES as readonly string[]).includes(row.theme) ? (row.theme as Theme) : 'auto',
    twoFactorEnabled: user.twoFactorEnabled,
    version: user.version,
  };
}

