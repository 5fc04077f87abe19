import { isValidCorrespondentAccount, isValidSettlementAccount } from '@kontakt/shared';

/**
 * Well-formed Russian requisites for generated clients (demo, benchmark import files): the control digits
 * are computed by the same rules `@kontakt/shared/requisites` checks, so every value passes validation.
 */
const controlDigit = (digits: string, weights: readonly number[], modulus = 11) =>
  (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % modulus) % 10;

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/**
 * The INN of generated organization number `n` in a tax region: 10 digits (12 for a sole proprietor).
 * `n × 7919` spreads consecutive numbers over the serial part; the map is one-to-one below 10⁷, so
 * different numbers never share an INN.
 */
export function makeInn(taxRegion: string, n: number, individual = false): string {
  if (individual) {
    const body = taxRegion + String((n * 7919) % 100_000_000).padStart(8, '0');
    const eleven = body + controlDigit(body, INN11_WEIGHTS);
    return eleven + controlDigit(eleven, INN12_WEIGHTS);
  }
  const body = taxRegion + String((n * 7919) % 10_000_000).padStart(7, '0');
  return body + controlDigit(body, INN10_WEIGHTS);
}

/** KPP of an organization registered where its INN was issued: tax office + reason "01" + "001". */
export const makeKpp = (inn: string): string => `${inn.slice(0, 4)}01001`;

/** OGRN (13 digits) or OGRNIP (15): registration year, region, serial, then the remainder-based control digit. */
export function makeOgrn(taxRegion: string, n: number, year: number, individual = false): string {
  const yy = String(year % 100).padStart(2, '0');
  const body = individual
    ? `3${yy}${taxRegion}${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`
    : `1${yy}${taxRegion}${String((n * 7919) % 10_000_000).padStart(7, '0')}`;
  return body + String((BigInt(body) % (individual ? 13n : 11n)) % 10n);
}

/** Real Russian banks (BIK and correspondent account as published by the Bank of Russia). */
export const BANKS = [
  { bik: '044525225', name: 'ПАО Сбербанк', correspondentAccount: '30101810400000000225' },
  { bik: '044525187', name: 'Банк ВТБ (ПАО)', correspondentAccount: '30101810700000000187' },
  { bik: '044525593', name: 'АО «Альфа-Банк»', correspondentAccount: '30101810200000000593' },
  { bik: '044525974', name: 'АО «ТБанк»', correspondentAccount: '30101810145250000974' },
  { bik: '044030653', name: 'Северо-Западный банк ПАО Сбербанк', correspondentAccount: '30101810500000000653' },
].filter((b) => isValidCorrespondentAccount(b.correspondentAccount, b.bik));

/**
 * A settlement account (40702 = commercial organization, 810 = roubles) at the bank with this BIK: the
 * ninth digit is the key that makes the BIK-and-account checksum come out right.
 */
export function makeSettlementAccount(bik: string, n: number, individual = false): string {
  const head = individual ? '40802810' : '40702810';
  const tail = String((n * 104_729) % 100_000_000_000).padStart(11, '0');
  for (let key = 0; key <= 9; key++) {
    const account = `${head}${key}${tail}`;
    if (isValidSettlementAccount(account, bik)) return account;
  }
  throw new Error(`no control key fits account ${head}?${tail} at ${bik}`);
}
