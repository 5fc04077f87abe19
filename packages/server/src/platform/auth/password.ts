import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldProblem } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 12;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt from Node's crypto: memory-hard like argon2id, with no native addon to build.
 * The parameters travel inside the hash, so raising the cost later keeps old hashes valid.
 */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const N = 2 ** cost;
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${cost}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costText, rText, pText, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !costText || !rText || !pText || !saltText || !keyText) return false;
  const N = 2 ** Number(costText);
  const r = Number(rText);
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(saltText, 'base64url'), expected.length, {
    N,
    r,
    p: Number(pText),
    maxmem: 256 * N * r,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash of a random password, so "no such user" costs the same time as "wrong password". */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(cost: number): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), cost);
  return dummyHash;
}

/** Common passwords typed on Russian and Ukrainian keyboards, which the English-centric list lacks. */
const CYRILLIC_COMMON = ['йцукенгшщзхъ', 'пароль', 'парольпароль', 'qwertyйцукен', 'любовь', 'привет', 'яблоко', 'солнышко'];

const COMMON = new Set([...dictionary.passwords, ...CYRILLIC_COMMON].map((p) => p.toLowerCase()));

function isTriviallyCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  if (/^(.)\1*$/u.test(lower)) return true;
  // "password2024!", "qwerty123456": a common word padded with a few digits or symbols.
  const stripped = lower.replace(/[\d\W_]{1,6}$/u, '').replace(/^[\d\W_]{1,6}/u, '');
  if (stripped.length >= 4 && COMMON.has(stripped)) return true;
  // "qwertyqwerty": a common word repeated.
  for (let size = 3; size <= lower.length / 2; size++) {
    if (lower.length % size === 0 && lower.slice(0, size).repeat(lower.length / size) === lower) {
      return COMMON.has(lower.slice(0, size)) || size <= 4;
    }
  }
  return /^(0123456789|1234567890|abcdefghijkl)/.test(lower);
}

/** The problems with a new password, named for `field`; empty when it is acceptable. */
export function passwordProblems(password: string, field: string, email?: string): FieldProblem[] {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return [{ field, code: 'password_too_short', params: { min: MIN_PASSWORD_LENGTH } }];
  }
  if (isTriviallyCommon(password)) return [{ field, code: 'password_common' }];
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    return [{ field, code: 'password_contains_email' }];
  }
  return [];
}
