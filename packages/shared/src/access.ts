/**
 * The access model shared by server and web: what objects exist, which actions apply to each,
 * and which scopes make sense. A role's permissions map every object to a scope per action.
 * Later business areas add their objects here, and the role matrix editor picks them up.
 */
export const SCOPES = ['none', 'own', 'department', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const ACTIONS = ['view', 'create', 'edit', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

export interface ObjectDef {
  actions: readonly Action[];
  scopes: readonly Scope[];
}

const ALL_SCOPES = SCOPES;
const GLOBAL_ONLY = ['none', 'all'] as const;

export const OBJECT_DEFS = {
  /** Employees. "Own" is the user themself; "department" is everyone in the actor's department subtree. */
  user: { actions: ['view', 'create', 'edit'], scopes: ALL_SCOPES },
  /** "Own" is a department the actor heads; "department" is the actor's department and its sub-departments. */
  department: { actions: ['view', 'create', 'edit', 'delete'], scopes: ALL_SCOPES },
  role: { actions: ['view', 'create', 'edit', 'delete'], scopes: GLOBAL_ONLY },
  /** Audit entries; "own" are the actor's own actions, "department" those of the actor's department subtree. */
  audit: { actions: ['view'], scopes: ALL_SCOPES },
  settings: { actions: ['view', 'edit'], scopes: GLOBAL_ONLY },
  /**
   * Client organizations and contact persons. "Own" are records the actor is responsible for (or created
   * without a responsible); "department" adds records whose responsible works in the actor's department subtree.
   */
  organization: { actions: ['view', 'create', 'edit', 'delete'], scopes: ALL_SCOPES },
  person: { actions: ['view', 'create', 'edit', 'delete'], scopes: ALL_SCOPES },
  /** A person's identity document (passport): a separate right on top of seeing the person. */
  identity_document: { actions: ['view', 'edit'], scopes: ALL_SCOPES },
  /** Custom fields of the client base: everyone sees the definitions; administrators change them. */
  custom_field: { actions: ['view', 'edit'], scopes: GLOBAL_ONLY },
  /**
   * Tasks (calls, meetings, letters… and project work). Whoever takes part in a task — author, responsible,
   * participant or controller — always sees it; "own" adds nothing to that for viewing but is what may be
   * edited; "department" adds tasks whose responsible works in the actor's department subtree.
   */
  task: { actions: ['view', 'create', 'edit', 'delete'], scopes: ALL_SCOPES },
  /** The types of tasks and their results: everyone uses them; administrators configure them. */
  task_type: { actions: ['edit'], scopes: GLOBAL_ONLY },
} as const satisfies Record<string, ObjectDef>;

export type ObjectType = keyof typeof OBJECT_DEFS;
export const OBJECT_TYPES = Object.keys(OBJECT_DEFS) as ObjectType[];

export type Permissions = Record<ObjectType, Partial<Record<Action, Scope>>>;

export function objectHasAction(object: ObjectType, action: Action): boolean {
  return (OBJECT_DEFS[object].actions as readonly Action[]).includes(action);
}

/** The scope a permission set grants, treating anything missing or not applicable as none. */
export function scopeOf(permissions: Partial<Permissions>, object: ObjectType, action: Action): Scope {
  if (!objectHasAction(object, action)) return 'none';
  const scope = permissions[object]?.[action];
  if (!scope || !(OBJECT_DEFS[object].scopes as readonly Scope[]).includes(scope)) return 'none';
  return scope;
}

/** Fills gaps with "none" and drops what does not apply, so stored permissions are always complete. */
export function normalizePermissions(input: Partial<Record<string, Partial<Record<string, string>>>>): Permissions {
  const result = {} as Permissions;
  for (const object of OBJECT_TYPES) {
    const entry: Partial<Record<Action, Scope>> = {};
    for (const action of OBJECT_DEFS[object].actions) {
      entry[action] = scopeOf(input as Partial<Permissions>, object, action);
    }
    result[object] = entry;
  }
  return result;
}

export const BUILT_IN_ROLES = ['administrator', 'head', 'senior', 'manager', 'intern'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

type Matrix = Record<ObjectType, Partial<Record<Action, Scope>>>;

/**
 * The roles of seed 004: a head of department sees and edits the department's work, a senior manager
 * sees the department but edits own records, a manager works with own records, an intern only views own.
 */
export const BUILT_IN_PERMISSIONS: Record<BuiltInRole, Matrix> = {
  administrator: {
    user: { view: 'all', create: 'all', edit: 'all' },
    department: { view: 'all', create: 'all', edit: 'all', delete: 'all' },
    role: { view: 'all', create: 'all', edit: 'all', delete: 'all' },
    audit: { view: 'all' },
    settings: { view: 'all', edit: 'all' },
    organization: { view: 'all', create: 'all', edit: 'all', delete: 'all' },
    person: { view: 'all', create: 'all', edit: 'all', delete: 'all' },
    identity_document: { view: 'all', edit: 'all' },
    custom_field: { view: 'all', edit: 'all' },
    task: { view: 'all', create: 'all', edit: 'all', delete: 'all' },
    task_type: { edit: 'all' },
  },
  head: {
    user: { view: 'all', create: 'department', edit: 'department' },
    department: { view: 'all', create: 'department', edit: 'own', delete: 'none' },
    role: { view: 'all', create: 'none', edit: 'none', delete: 'none' },
    audit: { view: 'department' },
    settings: { view: 'all', edit: 'none' },
    organization: { view: 'department', create: 'all', edit: 'department', delete: 'department' },
    person: { view: 'department', create: 'all', edit: 'department', delete: 'department' },
    identity_document: { view: 'department', edit: 'department' },
    custom_field: { view: 'all', edit: 'none' },
    task: { view: 'department', create: 'all', edit: 'department', delete: 'department' },
    task_type: { edit: 'none' },
  },
  senior: {
    user: { view: 'all', create: 'none', edit: 'none' },
    department: { view: 'all', create: 'none', edit: 'none', delete: 'none' },
    role: { view: 'none', create: 'none', edit: 'none', delete: 'none' },
    audit: { view: 'own' },
    settings: { view: 'all', edit: 'none' },
    organization: { view: 'department', create: 'all', edit: 'own', delete: 'own' },
    person: { view: 'department', create: 'all', edit: 'own', delete: 'own' },
    identity_document: { view: 'own', edit: 'own' },
    custom_field: { view: 'all', edit: 'none' },
    task: { view: 'department', create: 'all', edit: 'own', delete: 'own' },
    task_type: { edit: 'none' },
  },
  manager: {
    user: { view: 'department', create: 'none', edit: 'none' },
    department: { view: 'department', create: 'none', edit: 'none', delete: 'none' },
    role: { view: 'none', create: 'none', edit: 'none', delete: 'none' },
    audit: { view: 'own' },
    settings: { view: 'all', edit: 'none' },
    organization: { view: 'own', create: 'all', edit: 'own', delete: 'own' },
    person: { view: 'own', create: 'all', edit: 'own', delete: 'own' },
    identity_document: { view: 'none', edit: 'none' },
    custom_field: { view: 'all', edit: 'none' },
    task: { view: 'own', create: 'all', edit: 'own', delete: 'own' },
    task_type: { edit: 'none' },
  },
  intern: {
    user: { view: 'own', create: 'none', edit: 'none' },
    department: { view: 'none', create: 'none', edit: 'none', delete: 'none' },
    role: { view: 'none', create: 'none', edit: 'none', delete: 'none' },
    audit: { view: 'own' },
    settings: { view: 'none', edit: 'none' },
    organization: { view: 'own', create: 'none', edit: 'none', delete: 'none' },
    person: { view: 'own', create: 'none', edit: 'none', delete: 'none' },
    identity_document: { view: 'none', edit: 'none' },
    custom_field: { view: 'all', edit: 'none' },
    task: { view: 'own', create: 'own', edit: 'own', delete: 'none' },
    task_type: { edit: 'none' },
  },
};

const SCOPE_RANK: Record<Scope, number> = { none: 0, own: 1, department: 2, all: 3 };

/** True when `candidate` grants nothing beyond `holder`: nobody hands out more rights than they have. */
export function permissionsWithin(candidate: Partial<Permissions>, holder: Partial<Permissions>): boolean {
  return OBJECT_TYPES.every((object) =>
    OBJECT_DEFS[object].actions.every(
      (action) => SCOPE_RANK[scopeOf(candidate, object, action)] <= SCOPE_RANK[scopeOf(holder, object, action)],
    ),
  );
}
