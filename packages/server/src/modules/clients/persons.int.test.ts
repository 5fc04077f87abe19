import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newDepartment, newUser } from '../../testing/factories.js';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signInAs('administrator');
});
afterAll(() => t.close());

const errorsOf = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map(({ field, code }) => ({ field, code }));

const passport = { type: 'Паспорт РФ', series: '4510', number: '123456', issuedBy: 'ОВД Тверского р-на', issuedOn: '2010-05-20' };

describe('persons: card', () => {
  it('creates a person working in two organizations; the primary one is the person’s organization', async () => {
    const a = (await admin.post('/api/v1/organizations', { name: 'Альфа' })).json();
    const b = (await admin.post('/api/v1/organizations', { name: 'Бета' })).json();
    const created = await admin.post('/api/v1/persons', {
      lastName: 'Семёнов',
      firstName: 'Пётр',
      middleName: 'Ильич',
      gender: 'male',
      birthDate: '1980-02-29',
      influence: 'decision_maker',
      employments: [
        { organizationId: a.id, position: 'Директор' },
        { organizationId: b.id, position: 'Консультант', isPrimary: true },
      ],
      contacts: [{ kind: 'phone', value: '+380 44 123 4567' }, { kind: 'messenger', value: '@Semenov', messenger: 'telegram' }],
      document: passport,
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({
      fullName: 'Семёнов Пётр Ильич',
      organization: { id: b.id, name: 'Бета' },
      document: passport,
      documentHidden: false,
      contacts: [{ normalized: '+380441234567' }, { kind: 'messenger', normalized: 'semenov', messenger: 'telegram' }],
    });
    expect(person.employments.map((e: { isPrimary: boolean; organization: { name: string } }) => [e.organization.name, e.isPrimary])).toEqual([
      ['Бета', true],
      ['Альфа', false],
    ]);
    expect((await admin.get(`/api/v1/persons/${person.id}`)).json()).toEqual(person);
    const row = await t.database.db.selectFrom('persons').select('organization_id').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.organization_id).toBe(b.id);

    // The history never carries the document's values.
    const history = (await admin.get(`/api/v1/persons/${person.id}/history`)).json();
    expect(JSON.stringify(history)).not.toContain('123456');
  });

  it('names bad fields: phone, email, employment organization, date', async () => {
    const response = await admin.post('/api/v1/persons', {
      lastName: 'Ошибкин',
      birthDate: '1700-01-01',
      contacts: [{ kind: 'phone', value: '12-34' }, { kind: 'email', value: 'a@b' }],
      employments: [{ organizationId: '00000000-0000-7000-8000-000000000000' }],
    });
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response.json())).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', code: 'invalid_date' },
        { field: 'contacts.0.value', code: 'invalid_phone' },
        { field: 'contacts.1.value', code: 'invalid_email' },
        { field: 'employments.0.organizationId', code: 'not_found' },
      ]),
    );
    expect(errorsOf((await admin.post('/api/v1/persons', { firstName: 'Без фамилии' })).json())).toEqual([{ field: 'lastName', code: 'required' }]);
    const impossible = await admin.post('/api/v1/persons', { lastName: 'Датов', birthDate: '1980-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().errors[0].field).toBe('birthDate');
  });

  it('answers 409 to a stale version and keeps the primary organization in step', async () => {
    const a = (await admin.post('/api/v1/organizations', { name: 'Гамма' })).json();
    const person = (await admin.post('/api/v1/persons', { lastName: 'Версиев', employments: [{ organizationId: a.id }] })).json();
    const cleared = (await admin.patch(`/api/v1/persons/${person.id}`, { version: 1, employments: [] })).json();
    expect(cleared).toMatchObject({ organization: null, employments: [], version: 2 });
    const stale = await admin.patch(`/api/v1/persons/${person.id}`, { version: 1, position: 'Менеджер' });
    expect(stale.statusCode).toBe(409);
  });
});

describe('persons: identity document right', () => {
  it('hides the document from a reader without the right and refuses writing it without the edit right', async () => {
    const manager = await t.signInAs('manager');
    const created = (await manager.post('/api/v1/persons', { lastName: 'Паспортов' })).json();
    expect(created).toMatchObject({ document: null, documentHidden: true });

    const forbidden = await manager.patch(`/api/v1/persons/${created.id}`, { version: created.version, document: passport });
    expect(forbidden.statusCode).toBe(403);
    expect((await manager.post('/api/v1/persons', { lastName: 'Паспортов-2', document: passport })).statusCode).toBe(403);

    // Saving the whole card back with the hidden (null) document is not a write of the document.
    const saved = await manager.patch(`/api/v1/persons/${created.id}`, { version: created.version, position: 'Бухгалтер', document: null });
    expect(saved.statusCode).toBe(200);

    await admin.patch(`/api/v1/persons/${created.id}`, { version: saved.json().version, document: passport });
    const seenByManager = (await manager.get(`/api/v1/persons/${created.id}`)).json();
    expect(seenByManager).toMatchObject({ document: null, documentHidden: true });
    expect(JSON.stringify(seenByManager)).not.toContain('4510');
    // Saving the card as shown (document null) neither clears the hidden document nor is refused.
    const echo = await manager.patch(`/api/v1/persons/${created.id}`, { version: seenByManager.version, notes: 'Звонить утром', document: null });
    expect(echo.statusCode).toBe(200);
    expect((await admin.get(`/api/v1/persons/${created.id}`)).json().document).toEqual(passport);
  });
});

describe('persons: access and handoff', () => {
  it('lists only own persons for a manager, department ones for a head', async () => {
    const department = await newDepartment(t.database.db);
    const m1 = await newUser(t.database.db, { role: 'manager', departmentId: department.id });
    const m2 = await newUser(t.database.db, { role: 'manager', departmentId: department.id });
    const head = await newUser(t.database.db, { role: 'head', departmentId: department.id });
    const [a1, a2, ah] = await Promise.all([m1, m2, head].map((u) => t.login(u.email)));
    await a1!.post('/api/v1/persons', { lastName: 'Видимый' });
    const hidden = (await a2!.post('/api/v1/persons', { lastName: 'Невидимый' })).json();
    const list = async (agent: Agent) => (await agent.get('/api/v1/persons?q=видим')).json().items.map((p: { lastName: string }) => p.lastName).sort();
    expect(await list(a1!)).toEqual(['Видимый']);
    expect(await list(ah!)).toEqual(['Видимый', 'Невидимый']);
    expect((await a1!.get(`/api/v1/persons/${hidden.id}`)).statusCode).toBe(404);
  });

  it('a new responsible gets a notification and the history a handoff entry; not when they take it themselves', async () => {
    const from = await newUser(t.database.db, { role: 'manager', name: 'Отдающий' });
    const to = await newUser(t.database.db, { role: 'manager', name: 'Принимающий' });
    const giver = await t.login(from.email);
    const person = (await giver.post('/api/v1/persons', { lastName: 'Передаваемый' })).json();
    const handed = await giver.patch(`/api/v1/persons/${person.id}`, { version: person.version, responsibleId: to.id });
    expect(handed.json().responsible).toEqual({ id: to.id, name: 'Принимающий' });
    const notes = await t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', to.id).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'client_handoff', record_type: 'person', record_id: person.id, actor_id: from.id });
    expect(notes[0]!.params).toMatchObject({ recordType: 'person', recordName: 'Передаваемый', actorName: 'Отдающий' });

    // The giver no longer sees the person (own scope); the receiver does and sees the handoff.
    expect((await giver.get(`/api/v1/persons/${person.id}`)).statusCode).toBe(404);
    const receiver = await t.login(to.email);
    const history = (await receiver.get(`/api/v1/persons/${person.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: 'handoff', changes: { responsible: { before: { id: from.id }, after: { id: to.id } } } });

    const taken = (await receiver.post('/api/v1/persons', { lastName: 'Свой' })).json();
    expect(taken.responsible.id).toBe(to.id);
    const after = await t.database.db.selectFrom('notifications').select('id').where('user_id', '=', to.id).execute();
    expect(after).toHaveLength(1);
  });
});
