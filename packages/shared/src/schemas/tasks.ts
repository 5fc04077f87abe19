import { z } from 'zod';
import { listQueryBase, optionalText, queryBoolean, refSchema, versionSchema } from './common.js';

/**
 * The history of relations (seed 004): every call, meeting, letter… is a task of a type, in a tree of up to
 * three levels (project → stage → operational task or event). A task belongs to a client (an organization
 * and/or one of its persons), has a responsible employee, optional participants and a controller, reminders,
 * comments, and a result when done.
 */
export const TASK_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['planned', 'in_progress'];
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export const TASK_DIRECTIONS = ['inbound', 'outbound'] as const;
/** Levels of the tree: 0 = project, 1 = stage, 2 = operational task or event. */
export const MAX_TASK_DEPTH = 2;

export const REMINDER_ANCHORS = ['start', 'due', 'absolute'] as const;
export const REMINDER_AUDIENCES = ['all', 'responsible', 'participants', 'controller'] as const;

/**
 * What can notify whom about a task (seed 004): before start, at start, before the deadline, overdue, on
 * completion, when a result is entered — each on or off for participants and for the controller — plus the
 * assignment events. Each user also chooses per event whether it reaches them in the app and/or by email.
 */
export const TASK_NOTIFY_EVENTS = ['overdue', 'completed', 'result'] as const;
export const TASK_NOTIFY_AUDIENCES = ['participants', 'controller'] as const;
export const taskNotifySchema = z.object({
  participants: z.partialRecord(z.enum(TASK_NOTIFY_EVENTS), z.boolean()).optional(),
  controller: z.partialRecord(z.enum(TASK_NOTIFY_EVENTS), z.boolean()).optional(),
});
export type TaskNotify = z.infer<typeof taskNotifySchema>;

/** Recurrence rules must end: a COUNT (≤ this) or an UNTIL (≤ this many days ahead). */
export const MAX_SERIES_OCCURRENCES = 500;
export const MAX_SERIES_DAYS = 5 * 366;

// ---------- task types ----------

export const taskTypeResultSchema = z.object({ key: z.string(), label: z.string().nullable() });
export const taskTypeSchema = z.object({
  id: z.uuid(),
  /** Built-in types have a key (their name is a translation unless renamed); administrators' types have none. */
  key: z.string().nullable(),
  name: z.string().nullable(),
  icon: z.string(),
  color: z.string(),
  results: z.array(taskTypeResultSchema),
  /** A contact with the client (call, meeting, letter…) rather than internal work: shown in the contact history. */
  isContact: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type TaskTypeDto = z.infer<typeof taskTypeSchema>;
export const taskTypeListSchema = z.object({ items: z.array(taskTypeSchema) });

const resultInput = z.object({
  key: z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/).optional(),
  label: optionalText(200),
});
export const createTaskTypeBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  icon: z.string().trim().min(1).max(40).optional(),
  color: z.string().trim().min(1).max(40).optional(),
  results: z.array(resultInput).max(30).optional(),
  isContact: z.boolean().optional(),
});
/** Deleting a type nobody used removes it; a used or built-in type is switched off instead, so old tasks keep it. */
export const deleteTaskTypeResultSchema = z.object({ outcome: z.enum(['deleted', 'deactivated']), type: taskTypeSchema.nullable() });
export const updateTaskTypeBodySchema = createTaskTypeBodySchema.partial().extend({
  name: z.string().trim().min(1).max(100).nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).optional(),
  version: versionSchema,
});

// ---------- tasks ----------

export const reminderInputSchema = z.object({
  anchor: z.enum(REMINDER_ANCHORS),
  /** Minutes before the anchor (start or deadline); 0 = at that moment. */
  offsetMinutes: z.number().int().min(0).max(60 * 24 * 60).optional(),
  /** For `absolute`: the moment itself. */
  at: z.iso.datetime({ offset: true }).optional(),
  audience: z.enum(REMINDER_AUDIENCES).optional(),
});
export const reminderSchema = z.object({
  id: z.uuid(),
  anchor: z.enum(REMINDER_ANCHORS),
  offsetMinutes: z.number().int(),
  audience: z.enum(REMINDER_AUDIENCES),
  remindAt: z.string(),
  firedAt: z.string().nullable(),
});

const userRef = refSchema;
export const taskTypeRefSchema = z.object({ id: z.uuid(), key: z.string().nullable(), name: z.string().nullable(), icon: z.string(), color: z.string() });
/** A task's client; `deleted` when the organization or person is in the recycle bin (its tasks stay, showing it so). */
export const taskClientRefSchema = refSchema.extend({ deleted: z.boolean().optional() });

export const taskSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  type: taskTypeRefSchema,
  title: z.string(),
  description: z.string().nullable(),
  organization: taskClientRefSchema.nullable(),
  person: taskClientRefSchema.nullable(),
  dealId: z.uuid().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  interest: z.number().int().nullable(),
  direction: z.enum(TASK_DIRECTIONS).nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  allDay: z.boolean(),
  /** The moment the task stands at: its start, else its deadline, else when it was done or created. */
  at: z.string(),
  completedAt: z.string().nullable(),
  minutesSpent: z.number().int().nullable(),
  plannedResult: z.string().nullable(),
  resultText: z.string().nullable(),
  resultKey: z.string().nullable(),
  responsible: userRef,
  controller: userRef.nullable(),
  author: userRef.nullable(),
  participants: z.array(refSchema.extend({ acceptedAt: z.string().nullable() })),
  /** When the responsible accepted the assignment (null for one's own tasks until accepted or started). */
  acceptedAt: z.string().nullable(),
  /** When the controller accepted the result (null: not checked yet). */
  checkedAt: z.string().nullable(),
  seriesId: z.uuid().nullable(),
  rrule: z.string().nullable(),
  occurrenceAt: z.string().nullable(),
  reminders: z.array(reminderSchema),
  notify: taskNotifySchema,
  /** Children of a project or stage: how many, and how many are done or cancelled. */
  progress: z.object({ total: z.number().int(), closed: z.number().int() }),
  overdue: z.boolean(),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TaskDto = z.infer<typeof taskSchema>;

/** A task in lists, timelines, "my day" and the calendar: no reminders, participants' names only. */
export const taskListItemSchema = taskSchema.omit({ reminders: true, notify: true, description: true });
export type TaskListItemDto = z.infer<typeof taskListItemSchema>;

const instant = z.iso.datetime({ offset: true });
const taskFields = {
  typeId: z.uuid(),
  title: z.string().trim().min(1).max(500),
  description: optionalText(20000),
  parentId: z.uuid().nullable().optional(),
  organizationId: z.uuid().nullable().optional(),
  personId: z.uuid().nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  interest: z.number().int().min(1).max(5).nullable().optional(),
  direction: z.enum(TASK_DIRECTIONS).nullable().optional(),
  startsAt: instant.nullable().optional(),
  endsAt: instant.nullable().optional(),
  dueAt: instant.nullable().optional(),
  allDay: z.boolean().optional(),
  plannedResult: optionalText(5000),
  responsibleId: z.uuid().optional(),
  controllerId: z.uuid().nullable().optional(),
  participantIds: z.array(z.uuid()).max(50).optional(),
  reminders: z.array(reminderInputSchema).max(10).optional(),
  notify: taskNotifySchema.optional(),
};
/** Closing fields, also accepted on create so a done call is logged in one step. */
const resultFields = {
  resultKey: z.string().max(64).nullable().optional(),
  resultText: optionalText(5000),
  minutesSpent: z.number().int().min(0).max(60 * 24 * 31).nullable().optional(),
  completedAt: instant.nullable().optional(),
};

export const createTaskBodySchema = z.object({
  ...taskFields,
  ...resultFields,
  status: z.enum(TASK_STATUSES).optional(),
  /** Assigning to several employees makes one task per employee (each completes their own). */
  assigneeIds: z.array(z.uuid()).min(1).max(50).optional(),
  /** iCalendar RRULE (e.g. "FREQ=WEEKLY;BYDAY=MO;COUNT=10"); it must end (COUNT or UNTIL). */
  rrule: z.string().trim().max(500).nullable().optional(),
});
export type CreateTaskBody = z.input<typeof createTaskBodySchema>;
/** The created task; `createdIds` lists every task made (one per assignee, every occurrence of a series), this one first. */
export const createTaskResultSchema = taskSchema.extend({ createdIds: z.array(z.uuid()) });

/** What to do with a parent's open children when it is closed or moved; without it the server asks (409). */
export const OPEN_CHILDREN_ACTIONS = ['complete', 'cancel', 'keep', 'shift'] as const;

export const updateTaskBodySchema = z.object({
  ...Object.fromEntries(Object.entries(taskFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof taskFields]: z.ZodOptional<(typeof taskFields)[K]>;
  },
  ...resultFields,
  status: z.enum(TASK_STATUSES).optional(),
  rrule: z.string().trim().max(500).nullable().optional(),
  /** For an occurrence of a recurring task: change this one only, or it and the rest of the series. */
  scope: z.enum(['one', 'following']).optional(),
  openChildren: z.enum(OPEN_CHILDREN_ACTIONS).optional(),
  version: versionSchema,
});
export type UpdateTaskBody = z.input<typeof updateTaskBodySchema>;

export const completeTaskBodySchema = z.object({
  ...resultFields,
  interest: z.number().int().min(1).max(5).nullable().optional(),
  openChildren: z.enum(OPEN_CHILDREN_ACTIONS).optional(),
  version: versionSchema,
});
export const taskActionBodySchema = z.object({ version: versionSchema, comment: optionalText(5000) });
/** The controller returns a done task for rework: the reason is required. */
export const returnTaskBodySchema = z.object({ version: versionSchema, comment: z.string().trim().min(1).max(5000) });
export const deleteTaskQuerySchema = z.object({ scope: z.enum(['one', 'following']).optional(), children: z.enum(['delete', 'detach']).optional() });

export const TASK_VIEWS = ['mine', 'department', 'assigned_by_me', 'controlled', 'participating', 'all'] as const;
export const TASK_SORTS = ['at', '-at', 'due', 'priority', '-created'] as const;

export const taskListQuerySchema = z.object({
  ...listQueryBase,
  view: z.enum(TASK_VIEWS).optional(),
  status: z.union([z.enum(TASK_STATUSES), z.array(z.enum(TASK_STATUSES))]).optional(),
  open: queryBoolean.optional(),
  overdue: queryBoolean.optional(),
  typeId: z.union([z.uuid(), z.array(z.uuid())]).optional(),
  organizationId: z.uuid().optional(),
  personId: z.uuid().optional(),
  responsibleId: z.uuid().optional(),
  resultKey: z.string().max(64).optional(),
  parentId: z.uuid().optional(),
  /** Period over `at`: from inclusive, to exclusive. */
  from: instant.optional(),
  to: instant.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(TASK_SORTS).optional(),
  withTotal: queryBoolean.optional(),
});
export type TaskListQuery = z.input<typeof taskListQuerySchema>;

/** A client's history: its tasks and (for an organization) its persons' tasks, planned ones apart from the rest. */
export const timelineQuerySchema = z.object({
  ...listQueryBase,
  organizationId: z.uuid().optional(),
  personId: z.uuid().optional(),
  section: z.enum(['planned', 'past']).default('past'),
  typeId: z.union([z.uuid(), z.array(z.uuid())]).optional(),
  userId: z.uuid().optional(),
  resultKey: z.string().max(64).optional(),
  from: instant.optional(),
  to: instant.optional(),
});

// ---------- comments ----------

export const taskCommentSchema = z.object({
  id: z.uuid(),
  author: refSchema,
  body: z.string(),
  mentions: z.array(refSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const createTaskCommentBodySchema = z.object({
  body: z.string().trim().min(1).max(10000),
  /** Users mentioned with @ (picked in the editor); each is notified. */
  mentionIds: z.array(z.uuid()).max(20).optional(),
});
export const taskCommentListSchema = z.object({ items: z.array(taskCommentSchema) });

// ---------- my day, workload ----------

export const birthdaySchema = z.object({
  person: refSchema,
  organization: refSchema.nullable(),
  /** This year's date of the birthday (YYYY-MM-DD) and the age reached. */
  date: z.string(),
  age: z.number().int().nullable(),
});
export const upcomingReminderSchema = z.object({ id: z.uuid(), remindAt: z.string(), task: taskListItemSchema });
export const myDaySchema = z.object({
  date: z.string(),
  overdue: z.array(taskListItemSchema),
  /** Today holds at most 100 tasks, overdue and awaiting check 50 each; how many there are of those two in all. */
  overdueTotal: z.number().int().optional(),
  today: z.array(taskListItemSchema),
  /** Done tasks I control whose result I have not checked yet, and open assignments I gave that are overdue. */
  toCheck: z.array(taskListItemSchema),
  toCheckTotal: z.number().int().optional(),
  reminders: z.array(upcomingReminderSchema),
  birthdays: z.array(birthdaySchema),
});
export type MyDayDto = z.infer<typeof myDaySchema>;
export const myDayQuerySchema = z.object({ date: z.iso.date().optional() });

export const workloadQuerySchema = z.object({ departmentId: z.uuid().optional() });
export const workloadRowSchema = z.object({
  user: refSchema,
  department: refSchema.nullable(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
  todayTasks: z.number().int(),
  clientsInWork: z.number().int(),
  /** The absence covering today, if any. */
  absentUntil: z.string().nullable(),
});
export const workloadSchema = z.object({ items: z.array(workloadRowSchema) });
export const reassignTasksBodySchema = z.object({
  /** The tasks to hand over; or all open tasks of `fromUserId` when omitted. */
  taskIds: z.array(z.uuid()).max(5000).optional(),
  fromUserId: z.uuid().optional(),
  /** Several receivers share the tasks in turn. */
  toUserIds: z.array(z.uuid()).min(1).max(50),
});
export const reassignResultSchema = z.object({ reassigned: z.number().int() });
