/**
 * The task type form ↔ the API. A built-in type shows its translated name; keeping that name leaves the type
 * translated in every language, typing another one renames it. Built-in results keep their keys (so reports
 * and translations still know them); new ones are sent as labels and get their keys on the server.
 */
import type { TaskTypeDto } from '@kontakt/shared';
import { typeLabel } from '../tasks/taskModel';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface TypeResultRow {
  /** A stable row id for React (the key, or a made-up one for a new row). */
  id: string;
  key: string | null;
  label: string;
}

export interface TypeFormValues {
  name: string;
  icon: string;
  color: string;
  isContact: boolean;
  results: TypeResultRow[];
}

export function typeFormValues(type: TaskTypeDto | null, t: Translate): TypeFormValues {
  if (!type) return { name: '', icon: 'checkbox', color: 'blue', isContact: true, results: [] };
  return {
    name: typeLabel(type, t),
    icon: type.icon,
    color: type.color,
    isContact: type.isContact,
    results: type.results.map((r) => ({ id: r.key, key: r.key, label: r.label ?? '' })),
  };
}

export interface TypeBody {
  name?: string | null;
  icon?: string;
  color?: string;
  isContact?: boolean;
  results?: { key?: string; label: string | null }[];
}

function nameOf(v: TypeFormValues, type: TaskTypeDto | null, t: Translate): string | null {
  const name = v.name.trim();
  // The translated name of a built-in type means "no own name": it stays translated in every language.
  if (type?.key && name === t(`tasks.types.${type.key}`, { defaultValue: type.key })) return null;
  return name;
}

/** The body to send: everything for a new type, only what changed for an existing one. */
export function typeFormBody(v: TypeFormValues, type: TaskTypeDto | null, t: Translate): TypeBody {
  const results = v.results
    .filter((r) => r.key || r.label.trim())
    .map((r) => (r.key ? { key: r.key, label: r.label.trim() || null } : { label: r.label.trim() }));
  const full: TypeBody = { name: nameOf(v, type, t), icon: v.icon, color: v.color, isContact: v.isContact, results };
  if (!type) return full;
  const before: TypeBody = {
    name: type.name,
    icon: type.icon,
    color: type.color,
    isContact: type.isContact,
    results: type.results.map((r) => ({ key: r.key, label: r.label || null })),
  };
  const body: TypeBody = {};
  for (const key of Object.keys(full) as (keyof TypeBody)[]) {
    if (JSON.stringify(full[key]) !== JSON.stringify(before[key])) (body as Record<string, unknown>)[key] = full[key];
  }
  return body;
}

/** New positions after moving one type up or down: every type gets its index, so gaps and ties disappear. */
export function reorder<T extends { id: string }>(items: readonly T[], id: string, by: -1 | 1): { id: string; position: number }[] {
  const list = [...items];
  const i = list.findIndex((x) => x.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= list.length) return [];
  [list[i], list[j]] = [list[j]!, list[i]!];
  return list.map((x, position) => ({ id: x.id, position }));
}
