import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblems, verifyPassword } from './password.js';
import { currentTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, totpStep } from './totp.js';
import { sha256 } from './secrets.js';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 40 }), async (password, other) => {
        const hash = await hashPassword(password, 8);
        expect(await verifyPassword(password, hash)).toBe(true);
        if (other !== password) expect(await verifyPassword(other, hash)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('salts every hash and keeps its cost inside it', async () => {
    const [a, b] = await Promise.all([hashPassword('одинаковый пароль', 9), hashPassword('одинаковый пароль', 9)]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$9\$8\$1\$/);
    expect(await verifyPassword('одинаковый пароль', b)).toBe(true);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
  });
});

describe('password rules', () => {
  it.each([
    ['short', 'password_too_short'],
    ['password1234', 'password_common'],
    ['qwertyuiop12', 'password_common'],
    ['123456789012', 'password_common'],
    ['aaaaaaaaaaaaaa', 'password_common'],
    ['qwertyqwerty', 'password_common'],
    ['Password2024!', 'password_common'],
    ['йцукенгшщзхъ', 'password_common'],
  ])('refuses %s', (password, code) => {
    expect(passwordProblems(password, 'password')[0]?.code).toBe(code);
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblems('ivanov-secret-42', 'password', 'ivanov@romashka.ru')[0]?.code).toBe('password_contains_email');
  });

  it('accepts long, uncommon passwords', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{4}-[a-z]{5}-[0-9]{4}-[A-Z]{3}$/), (password) => {
        expect(passwordProblems(password, 'password')).toEqual([]);
      }),
    );
    expect([...'Сложный-пароль-2026'].length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(passwordProblems('Сложный-пароль-2026', 'password')).toEqual([]);
  });
});

describe('TOTP and recovery codes', () => {
  it('accepts the current code and refuses malformed ones', () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 30_000);
    expect(totpStep(secret, currentTotp(secret))).toBeGreaterThanOrEqual(now - 1);
    expect(totpStep(secret, currentTotp(secret, 1))).toBeGreaterThan(now - 1);
    expect(totpStep(secret, currentTotp(secret, 5))).toBeNull();
    expect(totpStep(secret, 'abcdef')).toBeNull();
    expect(totpStep(secret, '12345')).toBeNull();
  });

  it('makes ten distinct recovery codes whose hashes match however they are typed', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashes).toContain(sha256(normalizeRecoveryCode(` ${codes[3]!.toUpperCase()} `)));
  });
});
