import type { z } from 'zod';
import type { deleteTaskQuerySchema, TaskDto } from '@kontakt/shared';
import type { ServiceDeps } from '../../platform/deps.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { Problems } from '../../platform/validate.js';
import { loadTask, taskOwnership } from './task-dto.js';
import { TaskAuditTrail } from './task-audit.js';
import { TaskNotifications, type TaskFacts } from './task-notify.js';
import {
  checkReminders,
  checkStoredAnchors,
  dropUnfired,
  followDates,
  insertReminders,
  loadReminders,
  replaceReminders,
  type ReminderSpec,
} from './task-reminders.js';
import { endRuleBefore, occurrencesOf, parseRule, shiftByWall, wallClock, type ParsedRule } from './task-series.js';
import {
  changedColumns,
  changesFromBody,
  checkState,
  checkUsers,
  DATE_COLUMNS,
  stateOf,
  type CreateTaskInput,
  type TaskState,
  type UpdateTaskInput,
} from './task-state.js';
import { applyOpenChildren, applyStatus, assertVisible, checkOpenChildren, columnsOf } from './task-write.js';
import * as q from './tasks.queries.js';
import type { Executor } from './task-dto.js';

type DeleteQuery = z.output<typeof deleteTaskQuerySchema>;

/** Columns a change of which makes an occurrence of a series its own ("this one only"). */
const CLOSING_COLUMNS = new Set<keyof TaskState>(['status', 'completed_at', 'result_key', 'result_text', 'minutes_spent', 'interest']);
/** Columns a "this and following" change carries to the later occurrences (dates are moved, not copied). */
const SERIES_COLUMNS: (keyof TaskState)[] = [
  'type_id',
  'title',
  'description',
  'organization_id',
  'person_id',
  'priority',
  'direction',
  'all_day',
  'planned_result',
  'responsible_id',
  'controller_id',
  'notify',
];

const unique = <T>(list: readonly T[]) => [...new Set(list)];

/** A task's dates moved from one anchor wall-clock time to another (every occurrence keeps its local hour). */
function shiftedState(state: TaskState, fromWall: Date, toWall: Date, timeZone: string): TaskState {
  const out = { ...state };
  for (const column of DATE_COLUMNS) if (state[column]) out[column] = shiftByWall(state[column]!, fromWall, toWall, timeZone);
  return out;
}

const specsOf = (rows: Awaited<ReturnType<typeof loadReminders>>): ReminderSpec[] =>
  rows
    .filter((r) => !r.fired_at)
    .map((r) => ({
      anchor: r.anchor as ReminderSpec['anchor'],
      offsetMinutes: r.offset_minutes,
      audience: r.audience as ReminderSpec['audience'],
      at: r.anchor === 'absolute' ? r.remind_at : null,
    }));

export function factsOf(id: string, state: TaskState, type?: { key: string | null; name: string | null; results: { key: string; label: string | null }[] }): TaskFacts {
  return {
    id,
    title: state.title,
    responsible_id: state.responsible_id,
    controller_id: state.controller_id,
    notify: state.notify,
    result_key: state.result_key,
    result_text: state.result_text,
    ...(type
      ? { type_key: type.key, type_name: type.name, result_label: type.results.find((r) => r.key === state.result_key)?.label ?? null }
      : {}),
  };
}

/** Tasks: the card, create (one per assignee, a whole series), change, delete. Actions live in task-actions.ts. */
export function makeTasksService({ db }: ServiceDeps) {
  async function get(actor: Actor, id: string): Promise<TaskDto> {
    assertVisible(actor, await q.findOneForWrite(db, id, false));
    return (await loadTask(db, actor, id))!;
  }

  async function create(actor: Actor, ctx: RequestContext, body: CreateTaskInput): Promise<TaskDto & { createdIds: string[] }> {
    assertCan(actor, 'create', 'task');
    const problems = new Problems();
    const given = changesFromBody(body);
    const responsibles = body.assigneeIds ? unique(body.assigneeIds) : [body.responsibleId ?? actor.userId];
    const now = new Date();
    const base: TaskState = {
      parent_id: null,
      depth: 0,
      type_id: body.typeId,
      title: body.title,
      description: null,
      organization_id: null,
      person_id: null,
      status: 'planned',
      priority: 'normal',
      interest: null,
      direction: null,
      starts_at: null,
      ends_at: null,
      due_at: null,
      all_day: false,
      completed_at: null,
      minutes_spent: null,
      planned_result: null,
      result_text: null,
      result_key: null,
      responsible_id: responsibles[0]!,
      controller_id: null,
      notify: {},
      ...given,
    };
    applyStatus(null, base, given, now);

    return db.transaction().execute(async (trx) => {
      const type = await checkState(trx, base, { actor, problems, taskId: null, before: null, given, responsibleField: body.assigneeIds ? null : undefined });
      if (body.assigneeIds) await checkUsers(trx, responsibles.map((id, i) => [`assigneeIds.${i}`, id] as const), problems);
      const participantIds = unique(body.participantIds ?? []);
      await checkUsers(trx, participantIds.map((id, i) => [`participantIds.${i}`, id] as const), problems);
      const reminders = checkReminders(body.reminders ?? [], base, problems);
      const series = body.rrule ? planSeries(body.rrule, base, actor.timeZone, problems) : null;
      problems.throwIfAny();

      const meta: NewTask[] = [];
      for (const responsibleId of responsibles) {
        // Giving a task to someone else is an assignment: its author watches over it unless a controller is named.
        const controllerId = body.controllerId !== undefined ? body.controllerId : responsibleId !== actor.userId ? actor.userId : null;
        const state: TaskState = { ...base, responsible_id: responsibleId, controller_id: controllerId };
        const participants = participantIds.filter((u) => u !== responsibleId);
        if (series) {
          const seriesId = newId();
          await trx.insertInto('task_series').values({ id: seriesId, rrule: series.rule.text, created_by: actor.userId }).execute();
          for (const occurrence of series.occurrences) {
            const shifted = shiftedState(state, series.anchorWall, wallClock(occurrence, actor.timeZone), actor.timeZone);
            meta.push({ id: newId(), state: shifted, seriesId, occurrenceAt: occurrence, participants, reminders: shiftSpecs(reminders, base, shifted) });
          }
        } else {
          meta.push({ id: newId(), state, seriesId: null, occurrenceAt: null, participants, reminders });
        }
      }
      await insertTasks(trx, actor, meta, now);

      const audit = new TaskAuditTrail(trx, actor);
      const createdIds = meta.map((m) => m.id);
      await audit.record(ctx, { created: createdIds });

      // One notice per assignee for a whole series, on its first occurrence.
      const notes = new TaskNotifications(actor);
      const firstOfEach = meta.filter((m, i) => i === 0 || meta[i - 1]!.state.responsible_id !== m.state.responsible_id);
      for (const m of firstOfEach) {
        const facts = factsOf(m.id, m.state, type);
        const occurrences = series ? series.occurrences.length : 1;
        notes.add('task_assigned', [m.state.responsible_id], facts, { role: 'responsible', occurrences });
        notes.add('task_assigned', participantIds.filter((u) => u !== m.state.responsible_id), facts, { role: 'participant', occurrences });
        if (m.state.status === 'done') notes.closed(facts, participantIds, 'completed');
      }
      await notes.send(trx);
      return { ...(await loadTask(trx, actor, createdIds[0]!))!, createdIds };
    });
  }

  async function update(actor: Actor, ctx: RequestContext, id: string, body: UpdateTaskInput): Promise<TaskDto> {
    const problems = new Problems();
    return db.transaction().execute(async (trx) => {
      const row = await q.findOneForWrite(trx, id);
      assertVisible(actor, row);
      if (row.version !== body.version) throw versionConflict();
      assertCan(actor, 'edit', 'task', taskOwnership(row));
      const now = new Date();
      const before = stateOf(row);
      const given = changesFromBody(body);
      let next: TaskState = { ...before, ...given };
      applyStatus(before, next, given, now);
      const type = await checkState(trx, next, { actor, problems, taskId: id, before, given });

      let participants = row.participant_ids;
      if (body.participantIds) {
        const wanted = unique(body.participantIds);
        await checkUsers(
          trx,
          wanted.flatMap((u, i) => (row.participant_ids.includes(u) ? [] : [[`participantIds.${i}`, u] as const])),
          problems,
        );
        participants = wanted;
      }
      participants = participants.filter((u) => u !== next.responsible_id);

      // The series: a changed rule regenerates this and the later occurrences; otherwise "following" carries the change on.
      const tz = actor.timeZone;
      const seriesRule = row.series_id
        ? (await trx.selectFrom('task_series').select('rrule').where('id', '=', row.series_id).executeTakeFirst())?.rrule ?? null
        : null;
      let plan: { kind: 'none' | 'detach' | 'follow' | 'end' } | { kind: 'regenerate'; series: SeriesPlan } = { kind: 'none' };
      if (body.rrule !== undefined && normalizeRule(body.rrule) !== normalizeRule(seriesRule)) {
        if (body.rrule === null) plan = row.series_id ? { kind: 'end' } : { kind: 'none' };
        else {
          const series = planSeries(body.rrule, next, tz, problems);
          if (series) plan = { kind: 'regenerate', series };
        }
      } else if (row.series_id && body.scope === 'following') {
        plan = { kind: 'follow' };
      } else if (row.series_id && [...changedColumns(before, next)].some((c) => !CLOSING_COLUMNS.has(c))) {
        plan = { kind: 'detach' };
      }
      if (plan.kind === 'regenerate') {
        next = shiftedState(next, plan.series.anchorWall, wallClock(plan.series.occurrences[0]!, tz), tz);
      }

      const changed = changedColumns(before, next);
      const datesMoved = changed.has('starts_at') || changed.has('due_at');
      const reminders = body.reminders ? checkReminders(body.reminders, next, problems) : undefined;
      if (!reminders && datesMoved) await checkStoredAnchors(trx, id, next, problems);
      const children = await checkOpenChildren(trx, id, before, next, body.openChildren, problems);
      problems.throwIfAny();

      const audit = new TaskAuditTrail(trx, actor);
      await audit.remember([id]);
      const responsibleChanged = changed.has('responsible_id');
      const seriesColumns =
        plan.kind === 'regenerate'
          ? { series_id: newId(), occurrence_at: plan.series.occurrences[0]!, detached: false }
          : plan.kind === 'end'
            ? { series_id: null, occurrence_at: null, detached: false }
            : plan.kind === 'detach'
              ? { detached: true }
              : {};
      if (plan.kind === 'regenerate') {
        await trx.insertInto('task_series').values({ id: seriesColumns.series_id!, rrule: plan.series.rule.text, created_by: actor.userId }).execute();
      }
      await trx
        .updateTable('tasks')
        .set({
          ...columnsOf(next),
          ...seriesColumns,
          accepted_at: responsibleChanged ? null : next.status === 'in_progress' ? (row.accepted_at ?? now) : row.accepted_at,
          checked_at: next.status === 'done' && before.status === 'done' ? row.checked_at : null,
          updated_at: now,
          version: row.version + 1,
        })
        .where('id', '=', id)
        .execute();
      if (body.participantIds || responsibleChanged) await q.replaceParticipants(trx, id, participants);
      if (reminders) await replaceReminders(trx, id, reminders, next);
      else if (datesMoved) await followDates(trx, [id]);
      await applyOpenChildren(trx, actor, audit, children, body.openChildren, before, next, now);

      // Later occurrences of the series.
      const created: string[] = [];
      const deleted: string[] = [];
      if (row.series_id && row.occurrence_at && (plan.kind === 'regenerate' || plan.kind === 'end' || plan.kind === 'follow')) {
        const later = await q.followingOccurrences(trx, row.series_id, row.occurrence_at, id);
        await audit.remember(later.map((o) => o.id));
        if (plan.kind === 'follow') {
          await carryOn(trx, later, before, next, row.occurrence_at, given, { participants: body.participantIds ? participants : null, reminders }, tz, now);
        } else {
          deleted.push(...later.map((o) => o.id));
          await softDelete(trx, actor, deleted, now);
          await endSeriesBefore(trx, row.series_id, row.occurrence_at);
        }
      }
      if (plan.kind === 'regenerate') {
        const specs = reminders ?? specsOf(await loadReminders(trx, [id]));
        created.push(...(await materialize(trx, actor, seriesColumns.series_id!, plan.series, next, participants, specs, now)));
      }
      await audit.record(ctx, { created, deleted });

      const notes = new TaskNotifications(actor);
      const facts = factsOf(id, next, type);
      if (responsibleChanged) notes.add('task_assigned', [next.responsible_id], facts, { role: 'responsible', handoff: true });
      const added = participants.filter((u) => !row.participant_ids.includes(u));
      notes.add('task_assigned', added, facts, { role: 'participant' });
      if (next.status === 'done' && before.status !== 'done') notes.closed(facts, participants, 'completed');
      else if (next.status === 'done' && (changed.has('result_key') || changed.has('result_text'))) notes.closed(facts, participants, 'result');
      await notes.send(trx);
      return (await loadTask(trx, actor, id))!;
    });
  }

  /**
   * Deletes (into nothing the user restores: tasks have no recycle bin, but rows stay for the audit log).
   * Children need the user's choice — deleted with it or detached as tasks of their own — else 409.
   * For an occurrence, `scope=following` also deletes the later open ones and ends the series there.
   */
  async function remove(actor: Actor, ctx: RequestContext, id: string, query: DeleteQuery): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await q.findOneForWrite(trx, id);
      assertVisible(actor, row);
      assertCan(actor, 'delete', 'task', taskOwnership(row));
      const now = new Date();
      const targets = [row];
      if (row.series_id && row.occurrence_at && query.scope === 'following') {
        for (const later of await q.followingOccurrences(trx, row.series_id, row.occurrence_at, id)) {
          assertCan(actor, 'delete', 'task', taskOwnership(later));
          targets.push(later);
        }
      }
      const targetIds = targets.map((t) => t.id);
      const below = (await q.descendants(trx, targetIds)).filter((d) => !targetIds.includes(d.id));
      const children = below.filter((d) => d.parent_id && targetIds.includes(d.parent_id));
      if (children.length > 0 && !query.children) throw new AppError('task_has_children', { params: { count: children.length } });

      const audit = new TaskAuditTrail(trx, actor);
      const deleted = [...targetIds];
      if (children.length > 0 && query.children === 'delete') {
        for (const d of await q.findForWrite(trx, below.map((b) => b.id))) assertCan(actor, 'delete', 'task', taskOwnership(d));
        deleted.push(...below.map((d) => d.id));
      }
      await audit.remember(deleted);
      if (children.length > 0 && query.children === 'detach') {
        await audit.remember(below.map((d) => d.id));
        for (const d of below) {
          await trx
            .updateTable('tasks')
            .set({ parent_id: children.includes(d) ? null : d.parent_id, depth: d.depth - 1, updated_at: now, version: d.version + 1 })
            .where('id', '=', d.id)
            .execute();
        }
      }
      await softDelete(trx, actor, deleted, now);
      if (row.series_id && row.occurrence_at && query.scope === 'following') await endSeriesBefore(trx, row.series_id, row.occurrence_at);
      await audit.record(ctx, { deleted });
    });
  }

  return { get, create, update, remove };
}

export type TasksService = ReturnType<typeof makeTasksService>;

// ---------- series ----------

interface SeriesPlan {
  rule: ParsedRule;
  occurrences: Date[];
  /** The wall-clock time of the task's anchor (start, else deadline) the occurrences are measured from. */
  anchorWall: Date;
}

const normalizeRule = (text: string | null | undefined) => (text ? text.trim().replace(/^RRULE:/i, '').toUpperCase() : null);

function planSeries(text: string, state: TaskState, timeZone: string, problems: Problems): SeriesPlan | null {
  const anchor = state.starts_at ?? state.due_at;
  if (!anchor) {
    problems.add('rrule', 'rrule_needs_start');
    return null;
  }
  const rule = parseRule(text, problems);
  if (!rule) return null;
  const occurrences = occurrencesOf(rule, anchor, timeZone, problems);
  if (!occurrences) return null;
  const anchorWall = wallClock(anchor, timeZone);
  anchorWall.setUTCMilliseconds(0);
  return { rule, occurrences, anchorWall };
}

interface NewTask {
  id: string;
  state: TaskState;
  seriesId: string | null;
  occurrenceAt: Date | null;
  participants: readonly string[];
  reminders: readonly ReminderSpec[];
}

/** New task rows with their participants and reminders, a few statements for any number of tasks. */
async function insertTasks(db: Executor, actor: Actor, tasks: readonly NewTask[], now: Date): Promise<void> {
  const values = tasks.map((task) => ({
    ...columnsOf(task.state),
    id: task.id,
    series_id: task.seriesId,
    occurrence_at: task.occurrenceAt,
    // Starting work counts as accepting it.
    accepted_at: task.state.status === 'in_progress' ? now : null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < values.length; i += 500) await db.insertInto('tasks').values(values.slice(i, i + 500)).execute();
  await q.insertParticipants(
    db,
    tasks.flatMap((task) => task.participants.map((user_id) => ({ task_id: task.id, user_id }))),
  );
  await insertReminders(
    db,
    tasks.map((task) => ({ taskId: task.id, specs: task.reminders, dates: task.state })),
  );
}

/** Inserts the occurrences after the first (the task itself) as copies of `state` at their times. */
async function materialize(
  db: Executor,
  actor: Actor,
  seriesId: string,
  plan: SeriesPlan,
  state: TaskState,
  participants: readonly string[],
  reminders: readonly ReminderSpec[],
  now: Date,
): Promise<string[]> {
  const firstWall = wallClock(plan.occurrences[0]!, actor.timeZone);
  const items = plan.occurrences.slice(1).map((occurrence) => ({
    id: newId(),
    occurrence,
    state: { ...shiftedState(state, firstWall, wallClock(occurrence, actor.timeZone), actor.timeZone), status: 'planned' as const, completed_at: null },
  }));
  await insertTasks(
    db,
    actor,
    items.map((item) => ({
      id: item.id,
      state: item.state,
      seriesId,
      occurrenceAt: item.occurrence,
      participants,
      reminders: shiftSpecs(reminders, state, item.state),
    })),
    now,
  );
  return items.map((item) => item.id);
}

/** Absolute reminders of a copied occurrence move with it; relative ones follow its dates anyway. */
function shiftSpecs(specs: readonly ReminderSpec[], from: TaskState, to: TaskState): ReminderSpec[] {
  const a = from.starts_at ?? from.due_at;
  const b = to.starts_at ?? to.due_at;
  const delta = a && b ? b.getTime() - a.getTime() : 0;
  return specs.map((s) => (s.anchor === 'absolute' && s.at ? { ...s, at: new Date(s.at.getTime() + delta) } : s));
}

/**
 * "This and following": each later open occurrence takes the changed fields; a changed date is set at the
 * same wall-clock distance from the occurrence's own slot as on the edited one (10:00 → 11:00 everywhere).
 */
async function carryOn(
  db: Executor,
  later: q.TaskWriteRow[],
  before: TaskState,
  next: TaskState,
  slot: Date,
  given: Partial<TaskState>,
  also: { participants: string[] | null; reminders: ReminderSpec[] | undefined },
  timeZone: string,
  now: Date,
): Promise<void> {
  const slotWall = wallClock(slot, timeZone);
  for (const occurrence of later) {
    const state = stateOf(occurrence);
    for (const column of SERIES_COLUMNS) if (column in given || before[column] !== next[column]) (state as unknown as Record<string, unknown>)[column] = next[column];
    const ownSlot = wallClock(occurrence.occurrence_at!, timeZone);
    for (const column of DATE_COLUMNS) {
      if (!(column in given)) continue;
      const value = next[column];
      state[column] = value ? shiftByWall(value, slotWall, ownSlot, timeZone) : null;
    }
    // An occurrence shaped unlike the edited one must still end after it starts: it keeps the edited one's length.
    if (state.starts_at && state.ends_at && state.ends_at < state.starts_at) {
      const length = next.starts_at && next.ends_at ? next.ends_at.getTime() - next.starts_at.getTime() : 0;
      state.ends_at = new Date(state.starts_at.getTime() + length);
    }
    await db
      .updateTable('tasks')
      .set({ ...columnsOf(state), updated_at: now, version: occurrence.version + 1 })
      .where('id', '=', occurrence.id)
      .execute();
    if (also.participants) await q.replaceParticipants(db, occurrence.id, also.participants.filter((u) => u !== state.responsible_id));
    if (also.reminders) await replaceReminders(db, occurrence.id, shiftSpecs(also.reminders, next, state), state);
  }
  if (!also.reminders) await followDates(db, later.map((o) => o.id));
}

async function softDelete(db: Executor, actor: Actor, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('tasks')
    .set((eb) => ({ deleted_at: now, deleted_by: actor.userId, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', [...ids])
    .execute();
  await dropUnfired(db, ids);
}

/** The earlier part of a split series keeps its occurrences; its rule now ends before the split. */
async function endSeriesBefore(db: Executor, seriesId: string, splitAt: Date): Promise<void> {
  const series = await db.selectFrom('task_series').select(['rrule', 'version']).where('id', '=', seriesId).executeTakeFirst();
  if (!series || !(await q.hasEarlierOccurrences(db, seriesId, splitAt))) return;
  await db
    .updateTable('task_series')
    .set({ rrule: endRuleBefore(series.rrule, splitAt), updated_at: new Date(), version: series.version + 1 })
    .where('id', '=', seriesId)
    .execute();
}
