import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { taskTypeId } from './tasks.testing.js';

let t: TestApp;
let typeId: string;
let callType: string;

interface Member {
  id: string;
  name: string;
  agent: Agent;
}

async function member(name: string, role: 'manager' | 'head' | 'intern' = 'manager'): Promise<Member> {
  const user = await newUser(t.database.db, { name, role });
  return { id: user.id, name, agent: await t.login(user.email) };
}

beforeAll(async () => {
  t = await createTestApp();
  typeId = await taskTypeId(t.database.db, 'task');
  callType = await taskTypeId(t.database.db, 'call');
});
afterAll(() => t.close());

async function notificationsOf(userId: string) {
  return t.database.db
    .selectFrom('notifications')
    .select(['kind', 'params', 'record_id', 'actor_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('assignments', () => {
  it('makes one task per assignee, each notified, with the author as controller', async () => {
    const boss = await member('Начальник', 'head');
    const anna = await member('Анна');
    const boris = await member('Борис');
    const response = await boss.agent.post('/api/v1/tasks', { typeId: callType, title: 'Обзвонить клиентов', dueAt: '2026-09-01T15:00:00.000Z', assigneeIds: [anna.id, boris.id] });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.createdIds).toHaveLength(2);
    const [first, second] = created.createdIds;
    const annaTask = (await anna.agent.get(`/api/v1/tasks/${first}`)).json();
    const borisTask = (await boris.agent.get(`/api/v1/tasks/${second}`)).json();
    expect(annaTask).toMatchObject({ responsible: { id: anna.id }, controller: { id: boss.id }, author: { id: boss.id }, acceptedAt: null });
    expect(borisTask).toMatchObject({ responsible: { id: boris.id }, controller: { id: boss.id } });
    // Each sees only their own.
    expect((await anna.agent.get(`/api/v1/tasks/${second}`)).statusCode).toBe(404);
    const annaNotes = await notificationsOf(anna.id);
    expect(annaNotes).toEqual([
      expect.objectContaining({ kind: 'task_assigned', record_id: first, actor_id: boss.id, params: expect.objectContaining({ title: 'Обзвонить клиентов', role: 'responsible', typeKey: 'call', actorName: 'Начальник' }) }),
    ]);
    expect(await notificationsOf(boss.id)).toEqual([]);
    // A controller named explicitly wins.
    const vera = await member('Вера');
    const withController = (await boss.agent.post('/api/v1/tasks', { typeId, title: 'С контролёром', assigneeIds: [anna.id], controllerId: vera.id })).json();
    expect(withController.controller.id).toBe(vera.id);
  });

  it('lets the responsible and participants accept, and nobody else', async () => {
    const boss = await member('Начальник 2', 'head');
    const anna = await member('Анна 2');
    const pavel = await member('Павел');
    const other = await member('Посторонний');
    const task = (await boss.agent.post('/api/v1/tasks', { typeId, title: 'Принять', assigneeIds: [anna.id], participantIds: [pavel.id] })).json();
    expect((await notificationsOf(pavel.id)).map((n) => [n.kind, (n.params as { role: string }).role])).toEqual([['task_assigned', 'participant']]);
    expect((await other.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 1 })).statusCode).toBe(404);
    const accepted = (await anna.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 1 })).json();
    expect(accepted.acceptedAt).not.toBeNull();
    expect((await pavel.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 1 })).statusCode).toBe(409);
    const byParticipant = (await pavel.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 2, comment: 'Буду' })).json();
    expect(byParticipant.participants).toEqual([{ id: pavel.id, name: 'Павел', acceptedAt: expect.any(String) }]);
    expect((await boss.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 3 })).statusCode).toBe(403);
    const comments = (await anna.agent.get(`/api/v1/tasks/${task.id}/comments`)).json().items;
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['Буду']);
  });

  it('completes with a result, notifies the controller (unless the task says not to), and lets only the controller return or check', async () => {
    const boss = await member('Контролёр', 'head');
    const anna = await member('Исполнитель');
    const pavel = await member('Участник');
    const task = (
      await boss.agent.post('/api/v1/tasks', { typeId: callType, title: 'Позвонить', assigneeIds: [anna.id], participantIds: [pavel.id], notify: { participants: { completed: true } } })
    ).json();
    expect((await boss.agent.post(`/api/v1/tasks/${task.id}/return`, { version: 1, comment: 'Рано' })).json().code).toBe('task_not_done');
    expect((await pavel.agent.post(`/api/v1/tasks/${task.id}/complete`, { version: 1 })).statusCode).toBe(403);
    const wrong = await anna.agent.post(`/api/v1/tasks/${task.id}/complete`, { version: 1, resultKey: 'held' });
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'resultKey', code: 'invalid_option' })]);
    const done = (await anna.agent.post(`/api/v1/tasks/${task.id}/complete`, { version: 1, resultKey: 'call_back', resultText: 'Перезвонить в пятницу', minutesSpent: 5, interest: 4 })).json();
    expect(done).toMatchObject({ status: 'done', resultKey: 'call_back', minutesSpent: 5, interest: 4, checkedAt: null });
    expect((await anna.agent.post(`/api/v1/tasks/${task.id}/complete`, { version: 2 })).json().code).toBe('task_closed');
    const bossNotes = (await notificationsOf(boss.id)).filter((n) => n.record_id === task.id);
    expect(bossNotes).toEqual([
      expect.objectContaining({ kind: 'task_completed', params: expect.objectContaining({ resultKey: 'call_back', resultText: 'Перезвонить в пятницу', actorName: 'Исполнитель' }) }),
    ]);
    expect((await notificationsOf(pavel.id)).map((n) => n.kind)).toEqual(['task_assigned', 'task_completed']);

    expect((await anna.agent.post(`/api/v1/tasks/${task.id}/return`, { version: 2, comment: 'Сам себе' })).json().code).toBe('task_controller_only');
    expect((await boss.agent.post(`/api/v1/tasks/${task.id}/return`, { version: 2 })).statusCode).toBe(400);
    const returned = (await boss.agent.post(`/api/v1/tasks/${task.id}/return`, { version: 2, comment: 'Нужен точный день' })).json();
    expect(returned).toMatchObject({ status: 'in_progress', completedAt: null, checkedAt: null });
    const annaNotes = await notificationsOf(anna.id);
    expect(annaNotes.at(-1)).toMatchObject({ kind: 'task_returned', params: expect.objectContaining({ comment: 'Нужен точный день' }) });
    expect((await anna.agent.get(`/api/v1/tasks/${task.id}/comments`)).json().items.map((c: { body: string }) => c.body)).toEqual(['Нужен точный день']);

    await anna.agent.post(`/api/v1/tasks/${task.id}/complete`, { version: 3, resultKey: 'reached' });
    expect((await anna.agent.post(`/api/v1/tasks/${task.id}/check`, { version: 4 })).json().code).toBe('task_controller_only');
    const checked = (await boss.agent.post(`/api/v1/tasks/${task.id}/check`, { version: 4 })).json();
    expect(checked.checkedAt).not.toBeNull();
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', task.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update']);

    // Notification settings of the task: the controller does not want completions, but does want results.
    const quiet = (
      await boss.agent.post('/api/v1/tasks', { typeId: callType, title: 'Тихая', assigneeIds: [anna.id], notify: { controller: { completed: false } } })
    ).json();
    await anna.agent.post(`/api/v1/tasks/${quiet.id}/complete`, { version: 1, resultKey: 'reached' });
    expect((await notificationsOf(boss.id)).filter((n) => n.record_id === quiet.id).map((n) => n.kind)).toEqual(['task_result']);
    const silent = (
      await boss.agent.post('/api/v1/tasks', { typeId: callType, title: 'Совсем тихая', assigneeIds: [anna.id], notify: { controller: { completed: false, result: false } } })
    ).json();
    await anna.agent.post(`/api/v1/tasks/${silent.id}/complete`, { version: 1, resultKey: 'reached' });
    expect((await notificationsOf(boss.id)).filter((n) => n.record_id === silent.id)).toEqual([]);
  });

  it('hands a task over: audited as a handoff, the new responsible notified and asked to accept again', async () => {
    const boss = await member('Руководитель', 'head');
    const anna = await member('Прежний');
    const boris = await member('Новый');
    const task = (await boss.agent.post('/api/v1/tasks', { typeId, title: 'Передать', assigneeIds: [anna.id] })).json();
    await anna.agent.post(`/api/v1/tasks/${task.id}/accept`, { version: 1 });
    const handed = (await boss.agent.patch(`/api/v1/tasks/${task.id}`, { responsibleId: boris.id, version: 2 })).json();
    expect(handed).toMatchObject({ responsible: { id: boris.id }, acceptedAt: null });
    expect((await notificationsOf(boris.id)).map((n) => [n.kind, (n.params as { handoff?: boolean }).handoff])).toEqual([['task_assigned', true]]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', task.id).where('action', '=', 'handoff').execute();
    expect(audit).toEqual([{ action: 'handoff', changes: { responsible: { before: { id: anna.id, name: 'Прежний' }, after: { id: boris.id, name: 'Новый' } } } }]);
  });
});

describe('comments', () => {
  it('lets whoever sees the task comment; mentions notify and invite; the rest of the task hears once', async () => {
    const boss = await member('Автор', 'head');
    const anna = await member('Ответственная');
    const pavel = await member('Участник К');
    const olga = await member('Ольга');
    const inactive = await newUser(t.database.db, { active: false });
    const task = (await boss.agent.post('/api/v1/tasks', { typeId, title: 'Обсудить', assigneeIds: [anna.id], participantIds: [pavel.id] })).json();
    expect((await olga.agent.get(`/api/v1/tasks/${task.id}/comments`)).statusCode).toBe(404);
    expect((await olga.agent.post(`/api/v1/tasks/${task.id}/comments`, { body: 'Можно?' })).statusCode).toBe(404);

    const bad = await pavel.agent.post(`/api/v1/tasks/${task.id}/comments`, { body: 'Привет', mentionIds: [inactive.id, '0190f000-0000-7000-8000-000000000bad'] });
    expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['mentionIds.0', 'user_inactive'],
      ['mentionIds.1', 'not_found'],
    ]);
    const posted = await pavel.agent.post(`/api/v1/tasks/${task.id}/comments`, { body: '@Ольга посмотрите, пожалуйста', mentionIds: [olga.id, anna.id] });
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({ author: { id: pavel.id, name: 'Участник К' }, mentions: expect.arrayContaining([{ id: olga.id, name: 'Ольга' }]) });
    // Olga could not see the task: now she is a participant and can open it.
    const card = (await olga.agent.get(`/api/v1/tasks/${task.id}`)).json();
    expect(card.participants.map((p: { id: string }) => p.id)).toContain(olga.id);
    expect(card.canEdit).toBe(false);
    expect((await olga.agent.patch(`/api/v1/tasks/${task.id}`, { title: 'Моё', version: card.version })).statusCode).toBe(403);
    expect((await olga.agent.get(`/api/v1/tasks/${task.id}/comments`)).json().items).toHaveLength(1);

    expect((await notificationsOf(olga.id)).map((n) => n.kind)).toEqual(['task_mention']);
    expect((await notificationsOf(anna.id)).map((n) => n.kind)).toEqual(['task_assigned', 'task_mention']);
    expect((await notificationsOf(boss.id)).map((n) => n.kind)).toEqual(['task_comment']);
    expect((await notificationsOf(pavel.id)).map((n) => n.kind)).toEqual(['task_assigned']);
    expect((await notificationsOf(boss.id))[0]!.params).toMatchObject({ excerpt: '@Ольга посмотрите, пожалуйста', title: 'Обсудить' });

    // A participant comments too, and the comment count grows in order.
    await olga.agent.post(`/api/v1/tasks/${task.id}/comments`, { body: 'Посмотрела' });
    const list = (await anna.agent.get(`/api/v1/tasks/${task.id}/comments`)).json().items;
    expect(list.map((c: { body: string }) => c.body)).toEqual(['@Ольга посмотрите, пожалуйста', 'Посмотрела']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('object_type', '=', 'task_comment').where('object_label', '=', 'Обсудить').execute();
    expect(audit).toHaveLength(2);
  });
});
