import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOkpo,
  isValidSettlementAccount,
} from './requisites.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Changes one digit to another value: every check here catches a single wrong digit. */
const mutate = (value: string, at: number, by: number) => {
  const i = at % value.length;
  const digit = (Number(value[i]) + 1 + (by % 9)) % 10;
  return value.slice(0, i) + digit + value.slice(i + 1);
};

describe('INN', () => {
  it('accepts real ones', () => {
    for (const inn of ['7707083893', '7736207543', '500100732259']) expect(isValidInn(inn), inn).toBe(true);
  });

  it('accepts the control digit it computes and no other', () => {
    fc.assert(
      fc.property(digits(9), fc.nat(), (body, by) => {
        const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        const check = ([...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11) % 10;
        const inn = body + check;
        expect(isValidInn(inn)).toBe(true);
        // (sum mod 11) mod 10 lets a few two-digit swaps through, but never a wrong control digit.
        expect(isValidInn(mutate(inn, 9, by))).toBe(false);
      }),
    );
  });

  it('12-digit INN: exactly one pair of control digits fits a body', () => {
    fc.assert(
      fc.property(digits(10), (body) => {
        const fits = [...Array(100).keys()].filter((n) => isValidInn(body + String(n).padStart(2, '0')));
        expect(fits).toHaveLength(1);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects wrong lengths and letters', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      if (!/^(\d{10}|\d{12})$/.test(text)) expect(isValidInn(text)).toBe(false);
    }));
  });
});

describe('OGRN and OGRNIP', () => {
  it('accepts real ones and the ones it computes; a changed digit breaks them', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
    fc.assert(
      fc.property(fc.boolean(), digits(14), fc.nat(), (individual, raw, at) => {
        const body = individual ? raw : raw.slice(0, 12);
        const check = Number((BigInt(body) % (individual ? 13n : 11n)) % 10n);
        const ogrn = body + check;
        expect(isValidOgrn(ogrn)).toBe(true);
        // The last digit is fully determined by the rest: any other last digit is wrong.
        expect(isValidOgrn(ogrn.slice(0, -1) + ((check + 1 + (at % 9)) % 10))).toBe(false);
      }),
    );
  });
});

describe('OKPO, KPP and BIK', () => {
  it('accepts real ones', () => {
    expect(isValidOkpo('00032537')).toBe(true);
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('7736ab001')).toBe(false);
    expect(isValidBik('044525225')).toBe(true);
    expect(isValidBik('144525225')).toBe(false);
  });

  it('OKPO: exactly one last digit fits any body', () => {
    fc.assert(
      fc.property(fc.oneof(digits(7), digits(9)), (body) => {
        const fits = [...Array(10).keys()].filter((d) => isValidOkpo(body + d));
        expect(fits).toHaveLength(1);
      }),
    );
  });
});

describe('bank accounts', () => {
  it("checks a correspondent account against the bank's BIK", () => {
    expect(isValidCorrespondentAccount('30101810400000000225', '044525225')).toBe(true);
    expect(isValidCorrespondentAccount('30101810400000000226', '044525225')).toBe(false);
    expect(isValidCorrespondentAccount('30101810400000000225', '044525226')).toBe(true);
    expect(isValidCorrespondentAccount('30101810400000000225', '044535225')).toBe(false);
  });

  it('exactly one control digit (the 9th) fits a settlement account at a given bank', () => {
    fc.assert(
      fc.property(digits(7), digits(19), (bikTail, rest) => {
        const bik = `04${bikTail}`;
        const fits = [...Array(10).keys()].filter((d) => isValidSettlementAccount(`${rest.slice(0, 8)}${d}${rest.slice(8, 19)}`, bik));
        expect(fits).toHaveLength(1);
      }),
    );
  });
});
