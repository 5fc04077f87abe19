import { TASK_EXPORT_COLUMNS, taskChoiceLabel, taskResultLabel, taskTypeLabel, type TaskListItemDto } from '@kontakt/shared';
import type { TaskTypeResult } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { dateTimeFormatter, type Formatting } from './export-columns.js';

/**
 * Columns of an exported task list and how each cell reads: in the user's language, choices and built-in
 * types and results by their names, times in the user's time zone, people and clients by name.
 */
export interface TaskColumn {
  key: string;
  header: string;
  value(task: TaskListItemDto): string;
}

/** The results each task type offers, for the names of results an administrator labelled. */
export type TypeResults = ReadonlyMap<string, readonly TaskTypeResult[]>;

const YES_NO = { ru: ['Да', 'Нет'], uk: ['Так', 'Ні'], en: ['Yes', 'No'] } as const;
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function cell(key: string, f: Formatting, results: TypeResults): TaskColumn['value'] | undefined {
  const time = dateTimeFormatter(f.timeZone);
  const when = (v: string | null) => (v ? time(v) : '');
  switch (key) {
    case 'title':
      return (t) => t.title;
    case 'type':
      return (t) => taskTypeLabel(t.type, f.locale);
    case 'status':
    case 'priority':
    case 'direction':
      return (t) => (t[key] ? taskChoiceLabel(key, t[key], f.locale) : '');
    case 'at':
    case 'startsAt':
    case 'endsAt':
    case 'dueAt':
    case 'completedAt':
    case 'createdAt':
      return (t) => when(t[key]);
    case 'organization':
    case 'person':
    case 'responsible':
    case 'controller':
    case 'author':
      return (t) => t[key]?.name ?? '';
    case 'participants':
      return (t) => t.participants.map((p) => p.name).join('; ');
    case 'result':
      return (t) => {
        if (!t.resultKey) return '';
        const label = results.get(t.type.id)?.find((r) => r.key === t.resultKey)?.label;
        return taskResultLabel(t.resultKey, label, f.locale);
      };
    case 'overdue':
      return (t) => YES_NO[f.locale][t.overdue ? 0 : 1];
    case 'plannedResult':
    case 'resultText':
    case 'minutesSpent':
    case 'interest':
      return (t) => text(t[key]);
    default:
      return undefined;
  }
}

/** Columns by key (`columns=title,status,dueAt`); the default columns when none are given. */
export function taskExportColumns(keys: readonly string[] | undefined, f: Formatting, results: TypeResults): TaskColumn[] {
  const wanted = keys && keys.length > 0 ? keys : TASK_EXPORT_COLUMNS.filter((c) => c.default).map((c) => c.key);
  const unknown: { field: string; code: string }[] = [];
  const columns: TaskColumn[] = [];
  wanted.forEach((key, index) => {
    const known = TASK_EXPORT_COLUMNS.find((c) => c.key === key);
    const value = known ? cell(key, f, results) : undefined;
    if (known && value) columns.push({ key, header: known.label[f.locale], value });
    else unknown.push({ field: `columns.${index}`, code: 'unknown_field' });
  });
  if (unknown.length > 0) throw new AppError('validation_failed', { errors: unknown });
  return columns;
}
