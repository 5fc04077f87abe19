import type { TaskDto } from '@kontakt/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { diffChanges, type AuditEntry, type RequestContext } from '../../platform/audit/audit.js';
import { recordAuditMany } from '../clients/handoff.js';
import { loadTasks, type Executor } from './task-dto.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** What the audit log compares of a task: its fields in the API's words, without counters and meta. */
export function auditedTask(dto: TaskDto): Record<string, unknown> {
  return {
    title: dto.title,
    description: dto.description,
    type: { id: dto.type.id, name: dto.type.name ?? dto.type.key },
    parentId: dto.parentId,
    organization: dto.organization ? { id: dto.organization.id, name: dto.organization.name } : null,
    person: dto.person ? { id: dto.person.id, name: dto.person.name } : null,
    status: dto.status,
    priority: dto.priority,
    interest: dto.interest,
    direction: dto.direction,
    startsAt: dto.startsAt,
    endsAt: dto.endsAt,
    dueAt: dto.dueAt,
    allDay: dto.allDay,
    completedAt: dto.completedAt,
    minutesSpent: dto.minutesSpent,
    plannedResult: dto.plannedResult,
    resultText: dto.resultText,
    resultKey: dto.resultKey,
    responsible: dto.responsible,
    controller: dto.controller,
    participants: dto.participants.map((p) => ({ id: p.id, name: p.name })),
    acceptedAt: dto.acceptedAt,
    checkedAt: dto.checkedAt,
    rrule: dto.rrule,
    reminders: dto.reminders.map((r) => ({ anchor: r.anchor, offsetMinutes: r.offsetMinutes, audience: r.audience, remindAt: r.remindAt })),
    notify: dto.notify,
  };
}

/**
 * Audits a batch of tasks from their cards before and after a change: an update entry with the changed
 * fields, and a separate handoff entry when the responsible changed (so the history says "handed over").
 */
export class TaskAuditTrail {
  private readonly before = new Map<string, TaskDto>();

  constructor(
    private readonly db: Executor,
    private readonly actor: Actor,
  ) {}

  async remember(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.before.has(id));
    for (const dto of await loadTasks(this.db, this.actor, fresh)) this.before.set(dto.id, dto);
  }

  /** Entries for every remembered task (plus `created` ones), compared with how they are now. */
  async record(ctx: RequestContext, options: { created?: readonly string[]; deleted?: readonly string[] } = {}): Promise<TaskDto[]> {
    const created = options.created ?? [];
    const deleted = new Set(options.deleted ?? []);
    const ids = [...this.before.keys(), ...created];
    const after = new Map((await loadTasks(this.db, this.actor, ids)).map((dto) => [dto.id, dto]));
    const entries: AuditEntry[] = [];
    for (const id of created) {
      const dto = after.get(id)!;
      entries.push({ action: 'create', objectType: 'task', objectId: id, objectLabel: dto.title, changes: diffChanges(null, auditedTask(dto)) });
    }
    for (const [id, before] of this.before) {
      if (deleted.has(id)) {
        entries.push({ action: 'delete', objectType: 'task', objectId: id, objectLabel: before.title });
        continue;
      }
      const now = after.get(id)!;
      const { responsible, ...changes } = diffChanges(auditedTask(before), auditedTask(now));
      if (Object.keys(changes).length > 0) entries.push({ action: 'update', objectType: 'task', objectId: id, objectLabel: now.title, changes });
      if (responsible) entries.push({ action: 'handoff', objectType: 'task', objectId: id, objectLabel: now.title, changes: { responsible } });
    }
    await recordAuditMany(this.db as Kysely<DB>, ctx, entries);
    return [...after.values()];
  }
}
