import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbsenceDto, BuiltInRole } from '@kontakt/shared';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function employee(role: BuiltInRole, departmentId: string | null = null) {
  const user = await newUser(t.database.db, { role, departmentId });
  return { ...user, agent: await t.login(user.email) };
}

/** A department with its head, two managers in it, and a manager of another department. */
async function team() {
  const dept = await newDepartment(t.database.db);
  const head = await employee('head', dept.id);
  await t.database.db.updateTable('departments').set({ head_id: head.id }).where('id', '=', dept.id).execute();
  return {
    head,
    anna: await employee('manager', dept.id),
    boris: await employee('manager', dept.id),
    outsider: await employee('manager', (await newDepartment(t.database.db)).id),
  };
}

describe('absences', () => {
  it('an employee records, lists, changes and deletes their own, each write audited and versioned', async () => {
    const { anna } = await team();
    const created = await anna.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: '2026-07-01', endsOn: '2026-07-14', note: '  Море  ' });
    expect(created.statusCode, created.body).toBe(201);
    const vacation: AbsenceDto = created.json();
    expect(vacation).toMatchObject({ user: { id: anna.id }, kind: 'vacation', startsOn: '2026-07-01', endsOn: '2026-07-14', note: 'Море', createdBy: { id: anna.id }, canEdit: true, version: 1 });
    expect((await anna.agent.post('/api/v1/absences', { kind: 'day_off', startsOn: '2026-08-03', endsOn: '2026-08-03' })).statusCode).toBe(201);

    const july = (await anna.agent.get('/api/v1/absences?from=2026-07-10&to=2026-07-31')).json();
    expect(july.items.map((a: AbsenceDto) => a.id)).toEqual([vacation.id]);
    const all = (await anna.agent.get('/api/v1/absences?from=2026-01-01&limit=1')).json();
    expect(all.items).toHaveLength(1);
    const next = (await anna.agent.get(`/api/v1/absences?from=2026-01-01&limit=1&cursor=${all.nextCursor}`)).json();
    expect(next.items.map((a: AbsenceDto) => a.kind)).toEqual(['day_off']);
    expect(next.nextCursor).toBeNull();

    const changed = await anna.agent.patch(`/api/v1/absences/${vacation.id}`, { endsOn: '2026-07-10', note: null, version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ startsOn: '2026-07-01', endsOn: '2026-07-10', note: null, version: 2 });
    expect((await anna.agent.patch(`/api/v1/absences/${vacation.id}`, { kind: 'other', version: 1 })).statusCode).toBe(409);
    expect((await anna.agent.delete(`/api/v1/absences/${vacation.id}?version=1`)).statusCode).toBe(409);
    expect((await anna.agent.delete(`/api/v1/absences/${vacation.id}?version=2`)).statusCode).toBe(204);
    expect((await anna.agent.get(`/api/v1/absences/${vacation.id}`)).statusCode).toBe(404);
    expect((await anna.agent.get('/api/v1/absences?from=2026-07-01&to=2026-07-31')).json().items).toEqual([]);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', vacation.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
    expect(audit.find((a) => a.action === 'update')?.changes).toEqual({ endsOn: { before: '2026-07-14', after: '2026-07-10' }, note: { before: 'Море', after: null } });
  });

  it('refuses overlaps, an end before the start and absurd lengths with per-field messages', async () => {
    const { anna, boris } = await team();
    const first = (await anna.agent.post('/api/v1/absences', { kind: 'business_trip', startsOn: '2026-05-11', endsOn: '2026-05-15' })).json();
    const overlap = await anna.agent.post('/api/v1/absences', { kind: 'sick_leave', startsOn: '2026-05-15', endsOn: '2026-05-20' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().errors).toEqual([
      { field: 'startsOn', code: 'absence_overlap', message: 'Пересекается с другим отсутствием этого сотрудника: 2026-05-11 – 2026-05-15', params: { startsOn: '2026-05-11', endsOn: '2026-05-15' } },
      expect.objectContaining({ field: 'endsOn', code: 'absence_overlap' }),
    ]);
    // Back to back is fine, and so is the same days for someone else; moving into another one is not.
    const second = await anna.agent.post('/api/v1/absences', { kind: 'sick_leave', startsOn: '2026-05-16', endsOn: '2026-05-20' });
    expect(second.statusCode).toBe(201);
    expect((await boris.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: '2026-05-11', endsOn: '2026-05-20' })).statusCode).toBe(201);
    const moved = await anna.agent.patch(`/api/v1/absences/${second.json().id}`, { startsOn: '2026-05-14', version: 1 });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].message).toBe('Пересекается с другим отсутствием этого сотрудника: 2026-05-11 – 2026-05-15');
    // Changing an absence within its own days is no overlap with itself.
    expect((await anna.agent.patch(`/api/v1/absences/${first.id}`, { startsOn: '2026-05-12', version: 1 })).statusCode).toBe(200);

    const backwards = await anna.agent.post('/api/v1/absences', { kind: 'day_off', startsOn: '2026-06-02', endsOn: '2026-06-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'endsOn', code: 'before_start', message: 'Не раньше начала' }]);
    const long = await anna.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: '2026-01-01', endsOn: '2027-01-02' });
    expect(long.json().errors).toEqual([{ field: 'endsOn', code: 'absence_too_long', message: 'Не длиннее 366 дней', params: { max: 366 } }]);
    const bad = await anna.agent.post('/api/v1/absences', { kind: 'holiday', startsOn: '2026-02-30', endsOn: 'завтра' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsOn', 'kind', 'startsOn']);
  });

  it('a head records and changes absences of the department; a colleague and another department’s head cannot', async () => {
    const { head, anna, boris, outsider } = await team();
    const other = await team();
    const byHead = await head.agent.post('/api/v1/absences', { userId: anna.id, kind: 'sick_leave', startsOn: '2026-04-06', endsOn: '2026-04-08' });
    expect(byHead.statusCode, byHead.body).toBe(201);
    expect(byHead.json()).toMatchObject({ user: { id: anna.id }, createdBy: { id: head.id }, canEdit: true });
    const absenceId = byHead.json().id;

    expect((await boris.agent.post('/api/v1/absences', { userId: anna.id, kind: 'vacation', startsOn: '2026-09-01', endsOn: '2026-09-02' })).statusCode).toBe(403);
    expect((await boris.agent.patch(`/api/v1/absences/${absenceId}`, { note: 'нет', version: 1 })).statusCode).toBe(403);
    expect((await boris.agent.delete(`/api/v1/absences/${absenceId}?version=1`)).statusCode).toBe(403);
    // A colleague sees it (their role views the department's employees) without the right to change it.
    expect((await boris.agent.get(`/api/v1/absences?userIds=${anna.id}&from=2026-04-01`)).json().items).toEqual([
      expect.objectContaining({ id: absenceId, canEdit: false }),
    ]);
    // Another department's manager does not even see the employee.
    const hidden = await outsider.agent.post('/api/v1/absences', { userId: anna.id, kind: 'vacation', startsOn: '2026-09-01', endsOn: '2026-09-02' });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ field: 'userId', code: 'not_found', message: 'Не найдено' }]);
    expect((await outsider.agent.get(`/api/v1/absences/${absenceId}`)).statusCode).toBe(404);
    expect((await outsider.agent.get(`/api/v1/absences?userIds=${anna.id}`)).statusCode).toBe(400);
    // A head of another department sees everyone (their role) but edits only their own department.
    expect((await other.head.agent.post('/api/v1/absences', { userId: anna.id, kind: 'vacation', startsOn: '2026-09-01', endsOn: '2026-09-02' })).statusCode).toBe(403);

    const edited = await head.agent.patch(`/api/v1/absences/${absenceId}`, { kind: 'day_off', version: 1 });
    expect(edited.statusCode).toBe(200);
    // The employee may change what the head entered for them.
    expect((await anna.agent.delete(`/api/v1/absences/${absenceId}?version=2`)).statusCode).toBe(204);
    expect((await t.anonymous().get('/api/v1/absences')).statusCode).toBe(401);
  });

  it('lists several employees at once, from today on by default', async () => {
    const { head, anna, boris } = await team();
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await anna.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: '2020-01-01', endsOn: '2020-01-05' });
    await anna.agent.post('/api/v1/absences', { kind: 'vacation', startsOn: later, endsOn: later });
    await boris.agent.post('/api/v1/absences', { kind: 'day_off', startsOn: today, endsOn: today });
    const list = (await head.agent.get(`/api/v1/absences?userIds=${anna.id},${boris.id}`)).json();
    expect(list.items.map((a: AbsenceDto) => [a.user.id, a.startsOn])).toEqual([
      [boris.id, today],
      [anna.id, later],
    ]);
    expect((await anna.agent.get('/api/v1/absences')).json().items).toHaveLength(1);
  });
});
