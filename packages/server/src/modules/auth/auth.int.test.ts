import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { newUser, roleIdOf, TEST_PASSWORD } from '../../testing/factories.js';
import { currentTotp } from '../../platform/auth/totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginMaxFailuresPerAccount: 3, loginMaxFailuresPerIp: 6 });
});
afterAll(() => t.close());

describe('login, session and logout', () => {
  it('signs in with a session cookie that is HttpOnly and SameSite=Lax, and returns the CSRF token', async () => {
    const { email } = await newUser(t.database.db);
    const agent = t.anonymous();
    const response = await agent.post('/api/v1/auth/login', { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'kontakt_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const body = response.json();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user.email).toBe(email);
    const me = await agent.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const { email } = await newUser(proxied.database.db);
      const response = await proxied.anonymous().post('/api/v1/auth/login', { email, password: TEST_PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(response.cookies.find((c) => c.name === 'kontakt_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('gives a new session id at every login', async () => {
    const { email } = await newUser(t.database.db);
    const first = await t.login(email);
    const second = await t.login(email);
    expect(first.cookie).toBeDefined();
    expect(first.cookie).not.toBe(second.cookie);
  });

  it('refuses wrong passwords and unknown emails with the same answer', async () => {
    const { email } = await newUser(t.database.db);
    const agent = t.anonymous();
    agent.ip = '10.0.0.50';
    const wrong = await agent.post('/api/v1/auth/login', { email, password: 'not the password at all' });
    const unknown = await agent.post('/api/v1/auth/login', { email: 'nobody@test.example', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('logs out and the cookie stops working', async () => {
    const { email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const cookie = agent.cookie;
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(204);
    agent.cookie = cookie;
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('brute force', () => {
  it('answers 429 with Retry-After after repeated failures for one account', async () => {
    const { email } = await newUser(t.database.db);
    const agent = t.anonymous();
    agent.ip = '10.0.1.1';
    for (let i = 0; i < 3; i++) {
      expect((await agent.post('/api/v1/auth/login', { email, password: `wrong password ${i}` })).statusCode).toBe(401);
    }
    const locked = await agent.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().code).toBe('too_many_attempts');
    // Another address is held back too: the account itself is locked.
    const elsewhere = t.anonymous();
    elsewhere.ip = '10.0.1.2';
    expect((await elsewhere.post('/api/v1/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(429);
  });

  it('answers 429 to an address that tries many accounts', async () => {
    const agent = t.anonymous();
    agent.ip = '10.0.2.1';
    for (let i = 0; i < 6; i++) {
      await agent.post('/api/v1/auth/login', { email: `spray${i}@test.example`, password: 'wrong password here' });
    }
    const { email } = await newUser(t.database.db);
    expect((await agent.post('/api/v1/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(429);
  });

  it('records failed logins in the audit log with the address', async () => {
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'login_failed').where('ip', '=', '10.0.2.1').execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, accepts it with the token', async () => {
    const { email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const token = agent.csrfToken;
    agent.csrfToken = undefined;
    const me = (await agent.get('/api/v1/auth/me')).json();
    const refused = await agent.patch('/api/v1/auth/me', { phone: '+7 900 000-00-00', version: me.user.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_invalid');
    const wrong = await agent.patch('/api/v1/auth/me', { phone: '+7 900 000-00-00', version: me.user.version }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    agent.csrfToken = token;
    expect((await agent.patch('/api/v1/auth/me', { phone: '+7 900 000-00-00', version: me.user.version })).statusCode).toBe(200);
  });
});

describe('passwords', () => {
  it('refuses short and common passwords with a message naming the field, in the user language', async () => {
    const { email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const short = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'password_too_short', message: 'Пароль должен быть не короче 12 символов' })]);
    const common = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'password1234' });
    expect(common.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'password_common' });
    const wrongCurrent = await agent.post('/api/v1/auth/password', { currentPassword: 'not my password!', newPassword: 'Совсем-новый-пароль-42' });
    expect(wrongCurrent.json().errors[0]).toMatchObject({ field: 'currentPassword', code: 'password_wrong' });
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const { email } = await newUser(t.database.db);
    const here = await t.login(email);
    const elsewhere = await t.login(email);
    expect((await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Совсем-новый-пароль-42' })).statusCode).toBe(204);
    expect((await here.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
    await t.login(email, 'Совсем-новый-пароль-42');
  });
});

describe('two-factor login', () => {
  it('turns on TOTP, then asks for a code at login, and accepts a recovery code once', async () => {
    const { email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const setup = (await agent.post('/api/v1/auth/two-factor/setup')).json();
    expect(setup.otpauthUrl).toContain('otpauth://totp/');
    const bad = await agent.post('/api/v1/auth/two-factor/enable', { code: '000000' });
    expect(bad.json().errors[0]).toMatchObject({ field: 'code', code: 'invalid_two_factor_code' });
    const enableCode = currentTotp(setup.secret);
    const enabled = await agent.post('/api/v1/auth/two-factor/enable', { code: enableCode });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json();
    expect(recoveryCodes).toHaveLength(10);

    const anon = t.anonymous();
    const needCode = await anon.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(needCode.statusCode).toBe(401);
    expect(needCode.json().code).toBe('two_factor_required');
    // The code that turned 2FA on is used up: the next period's code signs in, once.
    const reusedEnableCode = await anon.post('/api/v1/auth/login', { email, password: TEST_PASSWORD, code: enableCode });
    expect(reusedEnableCode.json().code).toBe('invalid_two_factor_code');
    const next = currentTotp(setup.secret, 1);
    expect((await anon.post('/api/v1/auth/login', { email, password: TEST_PASSWORD, code: next })).statusCode).toBe(200);
    const replay = await t.anonymous().post('/api/v1/auth/login', { email, password: TEST_PASSWORD, code: next });
    expect(replay.json().code).toBe('invalid_two_factor_code');
    expect((await t.anonymous().post('/api/v1/auth/login', { email, password: TEST_PASSWORD, code: recoveryCodes[0] })).statusCode).toBe(200);
    const reused = await t.anonymous().post('/api/v1/auth/login', { email, password: TEST_PASSWORD, code: recoveryCodes[0] });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('invalid_two_factor_code');
  });

  it('holds back a user whose role requires two-factor login until they turn it on', async () => {
    const admin = await newUser(t.database.db, { role: 'administrator' });
    const adminAgent = await t.login(admin.email);
    const role = (await adminAgent.post('/api/v1/roles', { name: 'Менеджер с 2FA', copyFromId: await roleIdOf(t.database.db, 'manager'), requireTwoFactor: true })).json();
    const { email } = await newUser(t.database.db, { roleId: role.id });
    const agent = await t.login(email);
    const me = (await agent.get('/api/v1/auth/me')).json();
    expect(me.twoFactorSetupRequired).toBe(true);
    const blocked = await agent.get('/api/v1/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('two_factor_setup_required');
    const setup = (await agent.post('/api/v1/auth/two-factor/setup')).json();
    await agent.post('/api/v1/auth/two-factor/enable', { code: currentTotp(setup.secret) });
    expect((await agent.get('/api/v1/users')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('works as Bearer without CSRF, is shown once and stored hashed, and stops when revoked', async () => {
    const { id, email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const created = await agent.post('/api/v1/auth/tokens', { name: 'Интеграция с 1С', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^kt_/);
    const stored = await t.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(JSON.stringify((await agent.get('/api/v1/auth/tokens')).json())).not.toContain(token);

    const bearer = t.anonymous();
    bearer.bearer = token;
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);
    const me = (await bearer.get('/api/v1/auth/me')).json();
    expect((await bearer.patch('/api/v1/auth/me', { position: 'Интегратор', version: me.user.version })).statusCode).toBe(200);

    expect((await agent.delete(`/api/v1/auth/tokens/${item.id}`)).statusCode).toBe(204);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { email } = await newUser(t.database.db);
    const agent = await t.login(email);
    const { token, item } = (await agent.post('/api/v1/auth/tokens', { name: 'Скоро истечёт', expiresInDays: 1 })).json();
    await t.database.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', item.id).execute();
    const bearer = t.anonymous();
    bearer.bearer = token;
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('first-run setup', () => {
  it('works exactly once, then answers 409', async () => {
    const fresh = await createTestApp();
    try {
      const anon = fresh.anonymous();
      expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: true });
      const bad = await anon.post('/api/v1/setup', { companyName: '', name: 'Иван', email: 'not-an-email', password: 'x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['companyName', 'email']);
      const body = { companyName: 'ООО «Ромашка»', name: 'Иван Петров', email: 'ivan@romashka.example', password: 'Надёжный-пароль-2026', language: 'uk' };
      const [first, second] = await Promise.all([anon.post('/api/v1/setup', body), t.anonymous().post('/api/v1/setup', { ...body, email: 'other@romashka.example' })]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
      expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: false });
      const again = await fresh.anonymous().post('/api/v1/setup', { ...body, email: 'third@romashka.example' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('setup_already_done');
      const admin = await fresh.login(first.statusCode === 201 ? body.email : 'other@romashka.example', body.password);
      const roles = (await admin.get('/api/v1/roles')).json().items.map((r: { name: string }) => r.name);
      expect(roles).toContain('Адміністратор');
    } finally {
      await fresh.close();
    }
  });
});
