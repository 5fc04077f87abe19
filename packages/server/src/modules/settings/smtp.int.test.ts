import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../testing/test-app.js';
import { newUser } from '../../testing/factories.js';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from '../../platform/mail/mail.testing.js';

let t: TestApp;
let admin: Agent;
let adminEmail: string;
let open: TestSmtpServer;
let guarded: TestSmtpServer;

beforeAll(async () => {
  t = await createTestApp();
  const created = await newUser(t.database.db, { role: 'administrator' });
  adminEmail = created.email;
  admin = await t.login(created.email);
  open = await startTestSmtpServer();
  guarded = await startTestSmtpServer({ auth: { user: 'crm', password: 'правильный-пароль' } });
});
afterAll(async () => {
  await open.close();
  await guarded.close();
  await t.close();
});

/** An administrator who reads the app in this language (errors follow the profile's language). */
async function adminIn(language: 'uk' | 'en'): Promise<Agent> {
  const created = await newUser(t.database.db, { role: 'administrator' });
  await t.database.db.updateTable('users').set({ language }).where('id', '=', created.id).execute();
  return t.login(created.email);
}

const put = (body: Record<string, unknown>, as: Agent = admin) => as.request('PUT', '/api/v1/settings/smtp', body);
const current = async () => (await admin.get('/api/v1/settings/smtp')).json();

describe('outgoing mail settings', () => {
  it('are for administrators only', async () => {
    const manager = await t.signInAs('manager');
    expect((await manager.get('/api/v1/settings/smtp')).statusCode).toBe(403);
    expect((await manager.request('PUT', '/api/v1/settings/smtp', { host: 'x', port: 25, secure: false, from: 'a@b.ru', version: 1 })).statusCode).toBe(403);
    expect((await manager.post('/api/v1/settings/smtp/test', {})).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/settings/smtp')).statusCode).toBe(401);
  });

  it('a test letter before anything is set says what to do, not a 500', async () => {
    expect(await current()).toMatchObject({ configured: false, passwordSet: false, version: 1 });
    const answer = await admin.post('/api/v1/settings/smtp/test', {});
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'smtp_not_configured', title: expect.stringContaining('не настроен') });
  });

  it('name each wrong field in the reader’s language', async () => {
    const bad = await put({ host: 'smtp server.ru', port: 0, secure: 'yes', from: 'нет адреса', version: 1 });
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(fields).toEqual({ port: 'too_small', secure: 'invalid_type' });
    // Host and sender are checked once the shape is right.
    const host = await put({ host: 'smtp server.ru', port: 587, secure: false, from: 'нет адреса', version: 1 }, await adminIn('en'));
    expect(host.statusCode).toBe(400);
    expect(host.json().errors).toEqual([
      { field: 'host', code: 'invalid_host', message: 'Enter the server name or IP address, e.g. smtp.gmail.com' },
      { field: 'from', code: 'invalid_sender', message: expect.stringContaining('sender address') },
    ]);
    const missing = await put({ port: 70000, secure: false, version: 1 });
    expect(missing.json().errors.map((e: { field: string; code: string; message: string }) => [e.field, e.code, e.message])).toEqual([
      ['host', 'required', 'Обязательное поле'],
      ['port', 'too_big', 'Не больше 65535'],
      ['from', 'required', 'Обязательное поле'],
    ]);
  });

  it('keep the password write-only, and a stale version is refused', async () => {
    const saved = await put({ host: '127.0.0.1', port: guarded.port, secure: false, user: 'crm', password: 'правильный-пароль', from: 'Контакт <crm@test.example>', version: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ configured: true, host: '127.0.0.1', port: guarded.port, secure: false, user: 'crm', passwordSet: true, from: 'Контакт <crm@test.example>', version: 2 });
    expect(saved.body).not.toContain('правильный');
    expect((await admin.get('/api/v1/settings/smtp')).body).not.toContain('правильный');
    // Saving without a password keeps the stored one.
    const again = await put({ host: '127.0.0.1', port: guarded.port, secure: false, user: 'crm', from: 'crm@test.example', version: 2 });
    expect(again.json()).toMatchObject({ passwordSet: true, from: 'crm@test.example', version: 3 });
    expect((await put({ host: '127.0.0.1', port: 25, secure: false, from: 'crm@test.example', version: 2 })).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select(['changes']).where('object_type', '=', 'settings').where('object_id', '=', 'smtp').orderBy('id').execute();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('правильный');
    expect(audit[0]!.changes).toMatchObject({ host: { before: null, after: '127.0.0.1' }, password: { before: null, after: 'set' } });
  });

  it('a test letter goes through the saved server with its login', async () => {
    const answer = await admin.post('/api/v1/settings/smtp/test', {});
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ to: adminEmail });
    const [letter] = await guarded.waitForLetters(1);
    expect(letter).toMatchObject({ to: [adminEmail], from: 'crm@test.example', subject: 'Контакт: проверка почты' });
    expect(letter!.text).toContain('исходящая почта настроена верно');
    expect(letter!.html).toContain('<p>');
    const other = await admin.post('/api/v1/settings/smtp/test', { to: 'someone@test.example' });
    expect(other.json()).toMatchObject({ to: 'someone@test.example' });
    expect((await guarded.waitForLetters(2))[1]!.to).toEqual(['someone@test.example']);
    expect((await admin.post('/api/v1/settings/smtp/test', { to: 'не адрес' })).json().errors[0]).toMatchObject({ field: 'to', code: 'invalid_email' });
  });

  it('a wrong password or an unreachable server is a clear 422', async () => {
    let version = (await current()).version;
    await put({ host: '127.0.0.1', port: guarded.port, secure: false, user: 'crm', password: 'неверный', from: 'crm@test.example', version });
    const refused = await admin.post('/api/v1/settings/smtp/test', {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'smtp_failed', title: 'Письмо не отправлено: сервер отклонил логин или пароль' });

    version = (await current()).version;
    const port = await closedPort();
    await put({ host: '127.0.0.1', port, secure: false, from: 'crm@test.example', version });
    const unreachable = await (await adminIn('uk')).post('/api/v1/settings/smtp/test', {});
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().title).toBe(`Лист не надіслано: сервер 127.0.0.1:${port} недоступний — перевірте адресу й порт`);

    // TLS from the first byte against a plain server: the handshake fails, and says so.
    version = (await current()).version;
    await put({ host: '127.0.0.1', port: open.port, secure: true, from: 'crm@test.example', version });
    const tls = await (await adminIn('en')).post('/api/v1/settings/smtp/test', {});
    expect(tls.statusCode).toBe(422);
    expect(tls.json().title).toBe('The letter was not sent: a secure connection could not be set up — check the port and the SSL/TLS switch');
  });

  it('turning email off clears the settings', async () => {
    const { version } = await current();
    const off = await admin.request('DELETE', `/api/v1/settings/smtp?version=${version}`);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ configured: false, host: null, passwordSet: false, version: version + 1 });
    expect((await admin.request('DELETE', `/api/v1/settings/smtp?version=${version}`)).statusCode).toBe(409);
  });
});
