import {
  ACTIONS,
  OBJECT_DEFS,
  OBJECT_TYPES,
  normalizePermissions,
  objectHasAction,
  type Action,
  type ObjectType,
  type Permissions,
  type Scope,
} from '@kontakt/shared/access';

export type Matrix = Permissions;

export function toMatrix(input: Record<string, Record<string, string>>): Matrix {
  return normalizePermissions(input);
}

export function setCell(matrix: Matrix, object: ObjectType, action: Action, scope: Scope): Matrix {
  return { ...matrix, [object]: { ...matrix[object], [action]: scope } };
}

export function sameMatrix(a: Matrix, b: Matrix): boolean {
  return OBJECT_TYPES.every((o) => ACTIONS.every((act) => (a[o]?.[act] ?? 'none') === (b[o]?.[act] ?? 'none')));
}

export interface Cell {
  object: ObjectType;
  action: Action;
  scopes: readonly Scope[];
}

/** The editable cells: an action exists only where the object defines it, with that object's scopes. */
export function cellsOf(object: ObjectType): (Cell | null)[] {
  return ACTIONS.map((action) => (objectHasAction(object, action) ? { object, action, scopes: OBJECT_DEFS[object].scopes } : null));
}
