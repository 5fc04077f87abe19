/**
 * The one typed client of the Kontakt API. Components and hooks go through `api`, never `fetch`,
 * so CSRF, language, credentials and problem+json handling live in one place.
 */
import type { z } from 'zod';
import type {
  ApiTokenDto,
  AuditEntryDto,
  DepartmentDto,
  MeDto,
  Problem,
  RoleDto,
  SessionInfo,
  UserDto,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  createDepartmentBodySchema,
  createRoleBodySchema,
  createUserBodySchema,
  loginBodySchema,
  setupBodySchema,
  updateDepartmentBodySchema,
  updateMeBodySchema,
  updateRoleBodySchema,
  updateUserBodySchema,
} from '@kontakt/shared';

export type LoginBody = z.input<typeof loginBodySchema>;
export type SetupBody = z.input<typeof setupBodySchema>;
export type UpdateMeBody = z.input<typeof updateMeBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type CreateDepartmentBody = z.input<typeof createDepartmentBodySchema>;
export type UpdateDepartmentBody = z.input<typeof updateDepartmentBodySchema>;
export type CreateRoleBody = z.input<typeof createRoleBodySchema>;
export type UpdateRoleBody = z.input<typeof updateRoleBodySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Only when the request asked `withTotal`. */
  total?: number;
}

export interface SessionDto {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface UserListQuery {
  q?: string;
  departmentId?: string;
  /** With departmentId: its sub-departments' employees too. */
  subdepartments?: boolean;
  roleId?: string;
  active?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string;
  withTotal?: boolean;
}

export interface AuditListQuery {
  actorId?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A failed request: `problem` is the server's problem+json, or one we made up for network failures. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.problem.code === code);
}

interface ClientHooks {
  /** The UI language, sent as Accept-Language so the server translates its messages. */
  language: () => string;
  /** Called for every problem answer, before the caller sees it (401 → login, 2FA setup → profile). */
  onProblem: (error: ApiError) => void;
  /** Text for a request that never reached the server. */
  networkErrorTitle: () => string;
}

let csrfToken: string | null = null;
let hooks: ClientHooks = {
  language: () => 'ru',
  onProblem: () => undefined,
  networkErrorTitle: () => 'Network error',
};

export function configureApiClient(next: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...next };
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Scalar = string | number | boolean | null | undefined;
/** An array value repeats the key (`status=planned&status=done`), as Fastify's query parser reads it. */
type Query = Record<string, Scalar | readonly Scalar[]>;

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === '') continue;
      params.append(key, String(one));
    }
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': hooks.language(),
  };
  // A FormData body (file upload) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: hooks.networkErrorTitle(), status: 0, code: 'network_error' });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(await readProblem(response));
  hooks.onProblem(error);
  throw error;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: response.status >= 500 ? 'internal' : 'unknown',
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === 'string' && typeof body.title === 'string') {
      return { ...fallback, ...body, status: body.status ?? response.status } as Problem;
    }
  } catch {
    // not JSON (a proxy's HTML page, for example): keep the fallback
  }
  return fallback;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
/** Multipart upload (import files): fields and files in one FormData. */
export const upload = <T>(path: string, form: FormData) => request<T>('POST', path, { body: form });
/** Address of a file the browser downloads itself (reports, exports), with the session cookie. */
export const fileUrl = (path: string, query?: Query) => buildUrl(path, query);
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
const del = (path: string, query?: Query) => request<void>('DELETE', path, { query });

/** The raw verbs, for feature modules that keep their own typed endpoints beside their hooks. */
export const http = { get, post, patch, put, del };
export type { Query };

/** Reads every page of a short list (departments, roles) that the UI shows whole. */
export async function fetchAll<T>(load: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await load(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

export const api = {
  setup: {
    status: () => get<{ needed: boolean }>('/setup'),
    run: (body: SetupBody) => post<SessionInfo>('/setup', body).then(remember),
  },
  auth: {
    me: () => get<SessionInfo>('/auth/me').then(remember),
    login: (body: LoginBody) => post<SessionInfo>('/auth/login', body).then(remember),
    logout: () => post<void>('/auth/logout'),
    updateMe: (body: UpdateMeBody) => patch<MeDto>('/auth/me', body),
    changePassword: (body: ChangePasswordBody) => post<void>('/auth/password', body),
    twoFactor: {
      setup: () => post<{ secret: string; otpauthUrl: string }>('/auth/two-factor/setup'),
      enable: (code: string) => post<{ recoveryCodes: string[] }>('/auth/two-factor/enable', { code }),
      disable: (password: string) => post<void>('/auth/two-factor/disable', { password }),
      recoveryCodes: (password: string) =>
        post<{ recoveryCodes: string[] }>('/auth/two-factor/recovery-codes', { password }),
    },
    tokens: {
      list: () => get<{ items: ApiTokenDto[] }>('/auth/tokens'),
      create: (body: CreateApiTokenBody) => post<{ token: string; item: ApiTokenDto }>('/auth/tokens', body),
      revoke: (id: string) => del(`/auth/tokens/${encodeURIComponent(id)}`),
    },
    sessions: {
      list: () => get<{ items: SessionDto[] }>('/auth/sessions'),
      revoke: (id: string) => del(`/auth/sessions/${encodeURIComponent(id)}`),
    },
  },
  users: {
    list: (query: UserListQuery) => get<Page<UserDto>>('/users', { ...query }),
    get: (id: string) => get<UserDto>(`/users/${encodeURIComponent(id)}`),
    create: (body: CreateUserBody) => post<UserDto>('/users', body),
    update: (id: string, body: UpdateUserBody) => patch<UserDto>(`/users/${encodeURIComponent(id)}`, body),
    resetPassword: (id: string, password: string) =>
      post<void>(`/users/${encodeURIComponent(id)}/reset-password`, { password }),
  },
  departments: {
    list: (cursor?: string) => get<Page<DepartmentDto>>('/departments', { limit: 500, cursor }),
    create: (body: CreateDepartmentBody) => post<DepartmentDto>('/departments', body),
    update: (id: string, body: UpdateDepartmentBody) =>
      patch<DepartmentDto>(`/departments/${encodeURIComponent(id)}`, body),
    remove: (id: string, version: number) => del(`/departments/${encodeURIComponent(id)}`, { version }),
  },
  roles: {
    list: (cursor?: string) => get<Page<RoleDto>>('/roles', { limit: 200, cursor }),
    get: (id: string) => get<RoleDto>(`/roles/${encodeURIComponent(id)}`),
    create: (body: CreateRoleBody) => post<RoleDto>('/roles', body),
    update: (id: string, body: UpdateRoleBody) => patch<RoleDto>(`/roles/${encodeURIComponent(id)}`, body),
    remove: (id: string, version: number) => del(`/roles/${encodeURIComponent(id)}`, { version }),
  },
  audit: {
    list: (query: AuditListQuery) => get<Page<AuditEntryDto>>('/audit', { ...query }),
  },
  settings: {
    company: () => get<{ name: string; version: number }>('/settings/company'),
    updateCompany: (body: { name: string; version: number }) =>
      patch<{ name: string; version: number }>('/settings/company', body),
  },
};

/** The address of a GET endpoint, for downloads the browser fetches itself (exports). */
export const apiUrl = buildUrl;
