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

/** Accepts the current code and one step either side, for phones whose clocks drift a little. */
export function verifyTotp(secret: string, code: string): boolean {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return false;
  return totp(secret, 'x', 'Kontakt').validate({ token: digits, window: 1 }) !== null;
}

export function currentTotp(secret: string): string {
  return totp(secret, 'x', 'Kontakt').generate();
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
