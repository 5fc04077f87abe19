import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltInRole } from '@kontakt/shared';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';
import { taskTypeId } from './tasks.testing.js';

let t: TestApp;
let typeId: string;

interface Member {
  id: string;
  agent: Agent;
}

async function member(role: BuiltInRole, departmentId: string | null = null): Promise<Member> {
  const user = await newUser(t.database.db, { role, departmentId });
  return { id: user.id, agent: await t.login(user.email) };
}

beforeAll(async () => {
  t = await createTestApp();
  typeId = await taskTypeId(t.database.db, 'task');
});
afterAll(() => t.close());

async function taskOf(owner: Member, body: Record<string, unknown> = {}) {
  const response = await owner.agent.post('/api/v1/tasks', { typeId, title: 'Задача', ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number; canEdit: boolean };
}

describe('tasks: who sees and changes what', () => {
  it('follows the role scopes, with participants always seeing and never editing', async () => {
    const sales = await newDepartment(t.database.db, { name: 'Продажи' });
    const service = await newDepartment(t.database.db, { name: 'Сервис' });
    const head = await member('head', sales.id);
    const senior = await member('senior', sales.id);
    const anna = await member('manager', sales.id);
    const boris = await member('manager', sales.id);
    const intern = await member('intern', sales.id);
    const stranger = await member('manager', service.id);
    const otherHead = await member('head', service.id);

    const annas = await taskOf(anna);
    const shared = await taskOf(anna, { participantIds: [boris.id, intern.id] });
    const view = (who: Member, id: string) => who.agent.get(`/api/v1/tasks/${id}`);
    const edit = (who: Member, id: string, version: number) => who.agent.patch(`/api/v1/tasks/${id}`, { title: 'Правка', version });

    // A manager sees their own and those they take part in, not a colleague's.
    expect((await view(boris, annas.id)).statusCode).toBe(404);
    expect((await view(boris, shared.id)).statusCode).toBe(200);
    expect((await view(boris, shared.id)).json().canEdit).toBe(false);
    expect((await edit(boris, shared.id, 1)).statusCode).toBe(403);
    expect((await boris.agent.delete(`/api/v1/tasks/${shared.id}`)).statusCode).toBe(403);
    expect((await boris.agent.post(`/api/v1/tasks/${shared.id}/comments`, { body: 'Участник пишет' })).statusCode).toBe(201);
    expect((await view(stranger, annas.id)).statusCode).toBe(404);
    expect((await edit(stranger, annas.id, 1)).statusCode).toBe(404);

    // A head sees and edits the department's tasks, not another department's.
    expect((await view(head, annas.id)).json().canEdit).toBe(true);
    expect((await edit(head, annas.id, 1)).statusCode).toBe(200);
    expect((await view(otherHead, annas.id)).statusCode).toBe(404);
    // A senior sees the department but edits only their own.
    expect((await view(senior, annas.id)).json().canEdit).toBe(false);
    expect((await edit(senior, annas.id, 2)).statusCode).toBe(403);

    // An intern works on their own tasks (even one given by the head) and cannot touch others' or delete.
    expect((await view(intern, shared.id)).json().canEdit).toBe(false);
    expect((await edit(intern, shared.id, 1)).statusCode).toBe(403);
    const own = await taskOf(intern);
    expect((await edit(intern, own.id, 1)).statusCode).toBe(200);
    expect((await intern.agent.delete(`/api/v1/tasks/${own.id}`)).statusCode).toBe(403);
    const given = (await head.agent.post('/api/v1/tasks', { typeId, title: 'Поручение', assigneeIds: [intern.id] })).json();
    expect((await intern.agent.post(`/api/v1/tasks/${given.id}/complete`, { version: 1 })).statusCode).toBe(200);

    // The author of a task given to someone else still sees and edits it (own = author, responsible, controller).
    const toStranger = await taskOf(anna, { responsibleId: stranger.id });
    expect((await view(anna, toStranger.id)).json()).toMatchObject({ canEdit: true, controller: { id: anna.id } });
    expect((await view(stranger, toStranger.id)).statusCode).toBe(200);

    // A parent one cannot see is "not found", like any other task.
    const hiddenParent = await taskOf(stranger);
    const child = await anna.agent.post('/api/v1/tasks', { typeId, title: 'Под чужой', parentId: hiddenParent.id });
    expect(child.json().errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'not_found' })]);
  });
});
