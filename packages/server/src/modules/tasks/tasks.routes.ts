import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completeTaskBodySchema,
  createTaskBodySchema,
  createTaskCommentBodySchema,
  createTaskResultSchema,
  createTaskTypeBodySchema,
  deleteTaskQuerySchema,
  deleteTaskTypeResultSchema,
  idParamsSchema,
  returnTaskBodySchema,
  taskActionBodySchema,
  taskCommentListSchema,
  taskCommentSchema,
  taskSchema,
  taskTypeListSchema,
  taskTypeSchema,
  updateTaskBodySchema,
  updateTaskTypeBodySchema,
} from '@kontakt/shared';
import { actorOf, requestContext } from '../../platform/http/types.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import type { TaskTypesService } from './task-types.service.js';
import type { TasksService } from './tasks.service.js';
import type { TaskActionsService } from './task-actions.js';
import type { TaskCommentsService } from './task-comments.js';

export interface TasksRouteServices {
  tasks: TasksService;
  taskTypes: TaskTypesService;
  taskActions: TaskActionsService;
  taskComments: TaskCommentsService;
}

const OPEN_CHILDREN_HELP =
  'Closing a task (done or cancelled) or moving its start or deadline while it has open subtasks answers 409 ' +
  '`task_has_open_children` (params.count) unless `openChildren` says what to do with them: complete, cancel, keep, ' +
  'or shift (by the same distance as the task).';

/** The write side of tasks: types, the card, actions of an assignment, comments. Lists live in tasks-views.routes.ts. */
export const tasksRoutes: FastifyPluginAsyncZod<TasksRouteServices> = async (app, { tasks, taskTypes, taskActions, taskComments }) => {
  const typeTags = ['Task types'];
  const tags = ['Tasks'];

  app.get('/task-types', {
    schema: { tags: typeTags, summary: 'Types of tasks with their results (inactive ones too, marked)', response: { 200: taskTypeListSchema, ...errorResponses } },
    handler: () => taskTypes.list(),
  });

  app.post('/task-types', {
    schema: { tags: typeTags, summary: 'Create a type of tasks', body: createTaskTypeBodySchema, response: { 201: taskTypeSchema, ...errorResponses } },
    handler: async (request, reply) => reply.status(201).send(await taskTypes.create(actorOf(request), requestContext(request), request.body)),
  });

  app.patch('/task-types/:id', {
    schema: {
      tags: typeTags,
      summary: 'Change a type; results given replace the list (a result tasks use can be renamed, not removed)',
      params: idParamsSchema,
      body: updateTaskTypeBodySchema,
      response: { 200: taskTypeSchema, ...errorResponses },
    },
    handler: (request) => taskTypes.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/task-types/:id', {
    schema: {
      tags: typeTags,
      summary: 'Delete a type no task used; a used or built-in type is switched off instead',
      params: idParamsSchema,
      response: { 200: deleteTaskTypeResultSchema, ...errorResponses },
    },
    handler: (request) => taskTypes.remove(actorOf(request), requestContext(request), request.params.id),
  });

  app.post('/tasks', {
    schema: {
      tags,
      summary: 'Create a task; `assigneeIds` makes one per assignee, `rrule` a whole series',
      description:
        'A task on a person gets the person’s primary organization. With `assigneeIds` the author becomes the controller ' +
        'unless `controllerId` is given. `rrule` must end (COUNT or UNTIL); occurrences follow the author’s time zone.',
      body: createTaskBodySchema,
      response: { 201: createTaskResultSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await tasks.create(actorOf(request), requestContext(request), request.body)),
  });

  app.get('/tasks/:id', {
    schema: { tags, summary: 'Get a task card', params: idParamsSchema, response: { 200: taskSchema, ...errorResponses } },
    handler: (request) => tasks.get(actorOf(request), request.params.id),
  });

  app.patch('/tasks/:id', {
    schema: {
      tags,
      summary: 'Change a task; `version` must be the one last read',
      description: `${OPEN_CHILDREN_HELP} For an occurrence of a series, \`scope\` = one (default: it becomes its own) or following.`,
      params: idParamsSchema,
      body: updateTaskBodySchema,
      response: { 200: taskSchema, ...errorResponses },
    },
    handler: (request) => tasks.update(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.delete('/tasks/:id', {
    schema: {
      tags,
      summary: 'Delete a task',
      description:
        'A task with subtasks answers 409 `task_has_children` (params.count) unless `children` = delete or detach. ' +
        'For an occurrence, `scope=following` deletes it and the later open occurrences.',
      params: idParamsSchema,
      querystring: deleteTaskQuerySchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await tasks.remove(actorOf(request), requestContext(request), request.params.id, request.query);
      return reply.status(204).send(null);
    },
  });

  app.post('/tasks/:id/accept', {
    schema: { tags, summary: 'Accept an assignment (the responsible or a participant)', params: idParamsSchema, body: taskActionBodySchema, response: { 200: taskSchema, ...errorResponses } },
    handler: (request) => taskActions.accept(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.post('/tasks/:id/complete', {
    schema: {
      tags,
      summary: 'Complete a task with its result; the controller is notified',
      description: OPEN_CHILDREN_HELP,
      params: idParamsSchema,
      body: completeTaskBodySchema,
      response: { 200: taskSchema, ...errorResponses },
    },
    handler: (request) => taskActions.complete(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.post('/tasks/:id/return', {
    schema: { tags, summary: 'Return a done task for rework (the controller; the reason is required)', params: idParamsSchema, body: returnTaskBodySchema, response: { 200: taskSchema, ...errorResponses } },
    handler: (request) => taskActions.sendBack(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.post('/tasks/:id/check', {
    schema: { tags, summary: 'Accept the result of a done task (the controller)', params: idParamsSchema, body: taskActionBodySchema, response: { 200: taskSchema, ...errorResponses } },
    handler: (request) => taskActions.check(actorOf(request), requestContext(request), request.params.id, request.body),
  });

  app.get('/tasks/:id/comments', {
    schema: { tags, summary: 'Comments of a task, oldest first', params: idParamsSchema, response: { 200: taskCommentListSchema, ...errorResponses } },
    handler: (request) => taskComments.list(actorOf(request), request.params.id),
  });

  app.post('/tasks/:id/comments', {
    schema: {
      tags,
      summary: 'Comment on a task; mentioned users are notified (and invited as participants if they could not see it)',
      params: idParamsSchema,
      body: createTaskCommentBodySchema,
      response: { 201: taskCommentSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await taskComments.create(actorOf(request), requestContext(request), request.params.id, request.body)),
  });
};
