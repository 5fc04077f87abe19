import type { UserDto } from '@kontakt/shared';
import type { Locale } from '@kontakt/shared/locale';
import type { CreateUserBody, UpdateUserBody } from '../../api/client';

export interface UserFormValues {
  name: string;
  email: string;
  password: string;
  position: string;
  phone: string;
  departmentId: string;
  managerId: string | null;
  managerName: string | null;
  roleId: string;
  language: Locale;
  timeZone: string;
}

export const USER_FORM_FIELDS = [
  'name',
  'email',
  'password',
  'position',
  'phone',
  'departmentId',
  'managerId',
  'roleId',
  'language',
  'timeZone',
] as const;

export function emptyUserValues(defaults: { language: Locale; timeZone: string; roleId?: string; departmentId?: string }): UserFormValues {
  return {
    name: '',
    email: '',
    password: '',
    position: '',
    phone: '',
    departmentId: defaults.departmentId ?? '',
    managerId: null,
    managerName: null,
    roleId: defaults.roleId ?? '',
    language: defaults.language,
    timeZone: defaults.timeZone,
  };
}

export function userToValues(user: UserDto): UserFormValues {
  return {
    name: user.name,
    email: user.email,
    password: '',
    position: user.position ?? '',
    phone: user.phone ?? '',
    departmentId: user.department?.id ?? '',
    managerId: user.manager?.id ?? null,
    managerName: user.manager?.name ?? null,
    roleId: user.role.id,
    language: user.language,
    timeZone: user.timeZone,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function toCreateBody(v: UserFormValues): CreateUserBody {
  return {
    name: v.name.trim(),
    email: v.email.trim(),
    password: v.password,
    position: orNull(v.position),
    phone: orNull(v.phone),
    departmentId: v.departmentId || null,
    managerId: v.managerId,
    roleId: v.roleId,
    language: v.language,
    timeZone: v.timeZone,
  };
}

/** Only what changed goes to the server: the audit log then shows real changes, and rights are checked per field. */
export function toUpdateBody(user: UserDto, v: UserFormValues): UpdateUserBody {
  const before = userToValues(user);
  const body: UpdateUserBody = { version: user.version };
  if (v.name.trim() !== before.name) body.name = v.name.trim();
  if (v.email.trim() !== before.email) body.email = v.email.trim();
  if (v.position.trim() !== before.position) body.position = orNull(v.position);
  if (v.phone.trim() !== before.phone) body.phone = orNull(v.phone);
  if (v.departmentId !== before.departmentId) body.departmentId = v.departmentId || null;
  if (v.managerId !== before.managerId) body.managerId = v.managerId;
  if (v.roleId !== before.roleId) body.roleId = v.roleId;
  if (v.language !== before.language) body.language = v.language;
  if (v.timeZone !== before.timeZone) body.timeZone = v.timeZone;
  return body;
}

export function hasChanges(body: UpdateUserBody): boolean {
  return Object.keys(body).some((key) => key !== 'version');
}
