import { AUDIT_ACTIONS } from '@kontakt/shared/audit-actions';

/** The audit actions the filter offers: every action the server records. */
export const AUDIT_ACTION_OPTIONS = AUDIT_ACTIONS;

export interface ChangeRow {
  field: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns `{permissions: {before: {...}, after: {...}}}` into one row per changed leaf
 * (`permissions.user.view: none → all`), so a role change reads as what actually changed.
 */
export function flattenChanges(changes: Record<string, { before: unknown; after: unknown }> | null): ChangeRow[] {
  if (!changes) return [];
  const rows: ChangeRow[] = [];
  const visit = (path: string, before: unknown, after: unknown) => {
    if (isPlainObject(before) && isPlainObject(after)) {
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        visit(`${path}.${key}`, before[key], after[key]);
      }
      return;
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    rows.push({ field: path, before, after });
  };
  for (const [field, change] of Object.entries(changes)) visit(field, change?.before, change?.after);
  return rows;
}
