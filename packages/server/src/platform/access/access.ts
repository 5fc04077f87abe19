import { sql, type Expression, type SqlBool } from 'kysely';
import { scopeOf, type Action, type ObjectType, type Permissions, type Scope } from '@kontakt/shared';
import { AppError } from '../errors.js';

/**
 * The one place that decides who may do what. Routes never look at roles: services call `assertCan`
 * for a single record and every list, search, report and export query adds `scopeFilter`.
 */
export interface AccessSubject {
  userId: string;
  permissions: Permissions;
  /** The actor's department and every department below it, plus the subtrees of departments they head. */
  departmentScope: readonly string[];
}

/** Who a record belongs to: its responsible user / author, and the departments it sits in. */
export interface RecordOwnership {
  ownerIds: readonly (string | null | undefined)[];
  departmentIds: readonly (string | null | undefined)[];
  /** Users who always see the record whatever their role says (a task's participants and the like). */
  viewerIds?: readonly (string | null | undefined)[];
}

export function scopeFor(subject: AccessSubject, action: Action, object: ObjectType): Scope {
  return scopeOf(subject.permissions, object, action);
}

function covers(subject: AccessSubject, scope: Scope, record: RecordOwnership): boolean {
  const own = record.ownerIds.some((id) => id === subject.userId);
  switch (scope) {
    case 'all':
      return true;
    case 'department':
      return own || record.departmentIds.some((id) => !!id && subject.departmentScope.includes(id));
    case 'own':
      return own;
    case 'none':
      return false;
  }
}

/** Without a record: may the subject do this action on at least some records of the object? */
export function can(subject: AccessSubject, action: Action, object: ObjectType, record?: RecordOwnership): boolean {
  const scope = scopeFor(subject, action, object);
  if (!record) return scope !== 'none';
  if (action === 'view' && record.viewerIds?.includes(subject.userId)) return true;
  return covers(subject, scope, record);
}

export function assertCan(subject: AccessSubject, action: Action, object: ObjectType, record?: RecordOwnership): void {
  if (!can(subject, action, object, record)) throw new AppError('forbidden');
}

/** How each object's rows map to owners and departments in SQL (table aliases as used by its queries). */
interface OwnershipSql {
  own(userId: string): Expression<SqlBool>;
  department(departmentIds: readonly string[]): Expression<SqlBool>;
  /** Rows the user always sees, whatever the role's view scope (see RecordOwnership.viewerIds). */
  viewer?(userId: string): Expression<SqlBool>;
}

const inList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`));

const OWNERSHIP_SQL: Partial<Record<ObjectType, OwnershipSql>> = {
  user: {
    own: (userId) => sql<SqlBool>`users.id = ${userId}`,
    department: (ids) => sql<SqlBool>`users.department_id IN (${inList(ids)})`,
  },
  department: {
    own: (userId) => sql<SqlBool>`departments.head_id = ${userId}`,
    department: (ids) => sql<SqlBool>`departments.id IN (${inList(ids)})`,
  },
  audit: {
    own: (userId) => sql<SqlBool>`audit_log.actor_id = ${userId}`,
    department: (ids) =>
      sql<SqlBool>`audit_log.actor_id IN (SELECT u.id FROM users u WHERE u.department_id IN (${inList(ids)}))`,
  },
};

/**
 * A client record is "own" when the actor is its responsible manager, or created it and nobody is
 * responsible; "department" when its responsible manager works in one of the actor's departments.
 */
function clientOwnership(table: 'organizations' | 'persons'): OwnershipSql {
  const t = sql.raw(table);
  return {
    own: (userId) => sql<SqlBool>`(${t}.responsible_id = ${userId} OR (${t}.responsible_id IS NULL AND ${t}.created_by = ${userId}))`,
    department: (ids) => sql<SqlBool>`${t}.responsible_id IN (SELECT u.id FROM users u WHERE u.department_id IN (${inList(ids)}))`,
  };
}
OWNERSHIP_SQL.organization = clientOwnership('organizations');
OWNERSHIP_SQL.person = clientOwnership('persons');

/**
 * A task is "own" for its responsible, author and controller; "department" when its responsible works in one
 * of the actor's departments. Participants see it whatever their role says (seed 004: they are notified and
 * comment), without the right to change it.
 */
OWNERSHIP_SQL.task = {
  own: (userId) => sql<SqlBool>`(tasks.responsible_id = ${userId} OR tasks.created_by = ${userId} OR tasks.controller_id = ${userId})`,
  department: (ids) => sql<SqlBool>`tasks.responsible_id IN (SELECT u.id FROM users u WHERE u.department_id IN (${inList(ids)}))`,
  viewer: (userId) =>
    sql<SqlBool>`(tasks.responsible_id = ${userId} OR tasks.created_by = ${userId} OR tasks.controller_id = ${userId}
      OR EXISTS (SELECT 1 FROM task_participants tp WHERE tp.task_id = tasks.id AND tp.user_id = ${userId}))`,
};

const TRUE = sql<SqlBool>`TRUE`;
const FALSE = sql<SqlBool>`FALSE`;

/** The WHERE condition limiting a query to the rows the subject may act on. */
export function scopeFilter(subject: AccessSubject, action: Action, object: ObjectType): Expression<SqlBool> {
  const viewer = action === 'view' ? OWNERSHIP_SQL[object]?.viewer : undefined;
  const scoped = roleScopeFilter(subject, action, object);
  if (!viewer || scoped === TRUE) return scoped;
  return scoped === FALSE ? viewer(subject.userId) : sql<SqlBool>`(${scoped} OR ${viewer(subject.userId)})`;
}

function roleScopeFilter(subject: AccessSubject, action: Action, object: ObjectType): Expression<SqlBool> {
  const scope = scopeFor(subject, action, object);
  if (scope === 'all') return TRUE;
  if (scope === 'none') return FALSE;
  const ownership = OWNERSHIP_SQL[object];
  if (!ownership) return FALSE;
  const own = ownership.own(subject.userId);
  if (scope === 'own' || subject.departmentScope.length === 0) return own;
  return sql<SqlBool>`(${own} OR ${ownership.department(subject.departmentScope)})`;
}
