import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import {
  myDayQuerySchema,
  myDaySchema,
  pageSchema,
  reassignResultSchema,
  reassignTasksBodySchema,
  taskListItemSchema,
  taskListQuerySchema,
  timelineQuerySchema,
  workloadQuerySchema,
  workloadSchema,
} from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { listTasks } from './tasks-list.js';
import { myDay } from './my-day.js';
import { timeline } from './timeline.js';
import { reassign, workload } from './workload.js';

/** The read side of tasks (lists, a client's timeline, my day, workload) and the head's bulk reassignment. */
export const tasksViewsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const tags = ['Tasks'];

  app.get('/tasks', {
    schema: {
      tags,
      summary: 'List tasks',
      description:
        '`view`: mine (I am responsible), department (responsible in my departments), assigned_by_me (I am the author, ' +
        'someone else is responsible), controlled, participating, all (everything my role lets me see; the default). ' +
        'Filters combine with AND; `from`/`to` bound the task moment `at` (start, else deadline, else completion); ' +
        '`q` is a fragment of the title. Keyset pages: pass `nextCursor` back as `cursor` with the same filters and sort. ' +
        '`withTotal=true` adds the number of matching tasks.',
      querystring: taskListQuerySchema,
      response: { 200: pageSchema(taskListItemSchema), ...errorResponses },
    },
    handler: (request) => listTasks(db, actorOf(request), request.query),
  });

  app.get('/timeline', {
    schema: {
      tags,
      summary: "A client's history of tasks",
      description:
        'The tasks of an organization (its own and its contact persons\') or of a person: `section=planned` are open tasks, ' +
        'soonest first; `past` are done and cancelled ones, newest first. `userId` is the responsible employee.',
      querystring: timelineQuerySchema,
      response: { 200: pageSchema(taskListItemSchema), ...errorResponses },
    },
    handler: (request) => timeline(db, actorOf(request), request.query),
  });

  app.get('/my-day', {
    schema: {
      tags,
      summary: 'My day: today, overdue, awaiting my check, upcoming reminders, birthdays this week',
      description: '`date` (YYYY-MM-DD) is a day in my time zone; today when omitted.',
      querystring: myDayQuerySchema,
      response: { 200: myDaySchema, ...errorResponses },
    },
    handler: (request) => myDay(db, actorOf(request), request.query),
  });

  app.get('/tasks/workload', {
    schema: {
      tags,
      summary: 'Workload per employee of a department',
      description: 'Without `departmentId`: the departments I work in or head (all employees for an administrator outside any).',
      querystring: workloadQuerySchema,
      response: { 200: workloadSchema, ...errorResponses },
    },
    handler: (request) => workload(db, actorOf(request), request.query),
  });

  app.post('/tasks/reassign', {
    schema: {
      tags,
      summary: 'Hand tasks over to other employees (all or nothing)',
      description:
        'The given `taskIds`, or every open task of `fromUserId`, go to `toUserIds` in turn (in time order). Every task ' +
        'must be one you may edit; each handoff is recorded in the task history and each receiver is notified once.',
      body: reassignTasksBodySchema,
      response: { 200: reassignResultSchema, ...errorResponses },
    },
    handler: (request) => reassign(db, actorOf(request), requestContext(request), request.body),
  });
};
