import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { notify, notifyMany } from '../../platform/notifications/notify.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function user() {
  const created = await newUser(t.database.db, { role: 'manager', name: `Менеджер ${Math.random().toString(36).slice(2, 6)}` });
  return { ...created, agent: await t.login(created.email) };
}

describe('notifications', () => {
  it('lists only the reader’s own, newest first, page by page', async () => {
    const anna = await user();
    const boris = await user();
    const recordId = '0190f000-0000-7000-8000-000000000001';
    await t.database.db.transaction().execute(async (trx) => {
      await notify(trx, { userId: anna.id, kind: 'handoff', params: { name: 'ООО «Первое»' }, recordType: 'organization', recordId, actorId: boris.id });
      await notifyMany(trx, [
        { userId: anna.id, kind: 'handoff', params: { name: 'ООО «Второе»' } },
        { userId: anna.id, kind: 'handoff', params: { name: 'ООО «Третье»' } },
        { userId: boris.id, kind: 'handoff', params: { name: 'Чужое' } },
      ]);
    });
    const first = (await anna.agent.get('/api/v1/notifications?limit=2')).json();
    expect(first.items.map((n: { params: { name: string } }) => n.params.name)).toEqual(['ООО «Третье»', 'ООО «Второе»']);
    expect(first.nextCursor).toBeTruthy();
    const second = (await anna.agent.get(`/api/v1/notifications?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toEqual([
      expect.objectContaining({ kind: 'handoff', recordType: 'organization', recordId, actor: { id: boris.id, name: expect.any(String) }, readAt: null }),
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await anna.agent.get('/api/v1/notifications?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('counts unread, marks one or all read, and never touches someone else’s', async () => {
    const anna = await user();
    const boris = await user();
    const [mine] = await notifyMany(t.database.db, [
      { userId: anna.id, kind: 'handoff' },
      { userId: anna.id, kind: 'handoff' },
    ]);
    const borisOwn = await notify(t.database.db, { userId: boris.id, kind: 'handoff' });
    expect((await anna.agent.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });
    expect((await anna.agent.post(`/api/v1/notifications/${borisOwn}/read`)).statusCode).toBe(404);
    expect((await anna.agent.post(`/api/v1/notifications/${mine}/read`)).statusCode).toBe(204);
    expect((await anna.agent.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    const unread = (await anna.agent.get('/api/v1/notifications?unreadOnly=true')).json().items;
    expect(unread).toHaveLength(1);
    expect((await anna.agent.post('/api/v1/notifications/read-all')).json()).toEqual({ count: 1 });
    expect((await anna.agent.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await boris.agent.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    expect((await t.anonymous().get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('exists only if the change that caused it commits', async () => {
    const anna = await user();
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await notify(trx, { userId: anna.id, kind: 'handoff' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await anna.agent.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });
});
