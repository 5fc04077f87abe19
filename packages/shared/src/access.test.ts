import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILT_IN_PERMISSIONS, normalizePermissions, OBJECT_DEFS, OBJECT_TYPES, permissionsWithin, SCOPES, scopeOf } from './access.js';

const anyPermissions = fc.dictionary(
  fc.constantFrom(...OBJECT_TYPES, 'unknown'),
  fc.dictionary(fc.constantFrom('view', 'create', 'edit', 'delete', 'fly'), fc.constantFrom(...SCOPES, 'galaxy')),
);

describe('permissions', () => {
  it('normalize to a complete matrix of allowed scopes only', () => {
    fc.assert(
      fc.property(anyPermissions, (input) => {
        const p = normalizePermissions(input);
        expect(Object.keys(p).sort()).toEqual([...OBJECT_TYPES].sort());
        for (const object of OBJECT_TYPES) {
          expect(Object.keys(p[object]).sort()).toEqual([...OBJECT_DEFS[object].actions].sort());
          for (const action of OBJECT_DEFS[object].actions) expect(OBJECT_DEFS[object].scopes).toContain(p[object][action]);
        }
      }),
    );
  });

  it('"within" is a partial order: reflexive and transitive', () => {
    fc.assert(
      fc.property(anyPermissions, anyPermissions, anyPermissions, (a, b, c) => {
        expect(permissionsWithin(a, a)).toBe(true);
        if (permissionsWithin(a, b) && permissionsWithin(b, c)) expect(permissionsWithin(a, c)).toBe(true);
      }),
    );
  });

  it('ranks the built-in roles as seed 004 describes them', () => {
    const [admin, head, senior, manager, intern] = (['administrator', 'head', 'senior', 'manager', 'intern'] as const).map((r) => BUILT_IN_PERMISSIONS[r]);
    expect(permissionsWithin(head!, admin!)).toBe(true);
    expect(permissionsWithin(admin!, head!)).toBe(false);
    expect(permissionsWithin(manager!, senior!)).toBe(true);
    expect(permissionsWithin(intern!, manager!)).toBe(true);
    expect(scopeOf(intern!, 'user', 'view')).toBe('own');
    expect(scopeOf(intern!, 'user', 'edit')).toBe('none');
  });
});
