import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPhone, normalizeEmail, normalizePhone, phoneSearchKey } from './contacts.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** A Russian mobile number: 9XX and seven digits. */
const ruMobile = fc.tuple(fc.integer({ min: 900, max: 999 }), digits(7)).map(([code, rest]) => `${code}${rest}`);

/** The ways people type the same Russian number. */
function ruVariants(national: string): string[] {
  const [a, b, c, d] = [national.slice(0, 3), national.slice(3, 6), national.slice(6, 8), national.slice(8)];
  return [
    `8 (${a}) ${b}-${c}-${d}`,
    `+7 ${a} ${b} ${c} ${d}`,
    `+7(${a})${b}${c}${d}`,
    `7${national}`,
    `8${national}`,
    `${national}`,
    `8-${a}-${b}-${c}-${d}`,
    ` +7 ${a}.${b}.${c}.${d} `,
  ];
}

/** Ukrainian mobile operator codes. */
const uaMobile = fc
  .tuple(fc.constantFrom('50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'), digits(7))
  .map(([code, rest]) => `${code}${rest}`);

describe('phone normalization', () => {
  it('gives one E.164 form for a Russian mobile however it is typed', () => {
    fc.assert(
      fc.property(ruMobile, (national) => {
        for (const typed of ruVariants(national)) expect(normalizePhone(typed)).toBe(`+7${national}`);
      }),
    );
  });

  it('reads Ukrainian numbers with the trunk 0 or the country code', () => {
    fc.assert(
      fc.property(uaMobile, (national) => {
        const expected = `+380${national}`;
        expect(normalizePhone(`0${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5, 7)} ${national.slice(7)}`)).toBe(expected);
        expect(normalizePhone(`+380 ${national}`)).toBe(expected);
        expect(normalizePhone(`380${national}`)).toBe(expected);
      }),
    );
  });

  it('keeps an extension apart from the number', () => {
    fc.assert(
      fc.property(ruMobile, fc.integer({ min: 1, max: 99999 }), (national, ext) => {
        expect(normalizePhone(`8 ${national} доб. ${ext}`)).toBe(`+7${national};ext=${ext}`);
        expect(normalizePhone(`+7${national} ext ${ext}`)).toBe(`+7${national};ext=${ext}`);
      }),
    );
  });

  it('is idempotent, survives its own formatting, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), ruMobile.map((n) => `8${n}`), fc.stringMatching(/^[+\d\s()-]{0,24}$/)), (typed) => {
        const normalized = normalizePhone(typed);
        if (normalized === null) return;
        expect(normalized).toMatch(/^\+\d{7,15}(;ext=\d{1,6})?$/);
        expect(normalizePhone(normalized)).toBe(normalized);
        const number = normalized.split(';ext=')[0]!;
        expect(normalizePhone(formatPhone(number))).toBe(number);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what is not a phone', () => {
    for (const text of ['', '12345', 'позвонить завтра', 'abc', '+7 (916) 12', '1'.repeat(20)]) expect(normalizePhone(text)).toBeNull();
  });

  it('treats only phone-like search text as a phone', () => {
    expect(phoneSearchKey('8 916 123-45-67')).toBe('+79161234567');
    expect(phoneSearchKey('Ромашка 2000')).toBeNull();
  });
});

describe('email normalization', () => {
  it('lower-cases and trims, and is idempotent', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '  '), (email, pad) => {
        const normalized = normalizeEmail(`${pad}${email.toUpperCase()}${pad}`);
        if (normalized === null) return;
        expect(normalized).toBe(email.toLowerCase());
        expect(normalizeEmail(normalized)).toBe(normalized);
      }),
    );
  });

  it('refuses what is not an address', () => {
    for (const text of ['', 'ivanov', 'ivanov@', '@romashka.ru', 'a b@c.ru', 'ivanov@romashka']) expect(normalizeEmail(text)).toBeNull();
  });
});
