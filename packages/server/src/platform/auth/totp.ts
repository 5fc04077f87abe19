import { Secret, TOTP } from 'otpauth';
import { randomBytes } from 'node:crypto';
import { sha256 } from './secrets.js';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function totpUrl(secret: string, label: string, issuer: string): string {
  return totp(secret, label, issuer).toString();
}

const PERIOD_SECONDS = 30;

/**
 * The time step a code belongs to, or null when it is not valid now. The current step and one either
 * side are accepted, for phones whose clocks drift a little; callers refuse a step already used, so a
 * code seen over someone's shoulder cannot be replayed within its window.
 */
export function totpStep(secret: string, code: string): number | null {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  const delta = totp(secret, 'x', 'Kontakt').validate({ token: digits, window: 1 });
  return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code for now, or for `stepsAhead` periods later (tests use it to log in right after enabling). */
export function currentTotp(secret: string, stepsAhead = 0): string {
  return totp(secret, 'x', 'Kontakt').generate({ timestamp: Date.now() + stepsAhead * PERIOD_SECONDS * 1000 });
}

/** Ten one-time codes like "4f3a-91c2-7d0e"; only their hashes are stored. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const hex = randomBytes(6).toString('hex');
    return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map((code) => sha256(normalizeRecoveryCode(code))) };
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, '');
}
