/**
 * Checks of Russian company requisites by their control digits, shared by server (validation) and web
 * (instant hints). Each returns true only for a well-formed value whose control digits add up.
 */
const digitsOf = (value: string) => [...value].map(Number);

function weightedSum(digits: number[], weights: number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0);
}

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** INN: 10 digits for organizations, 12 for individuals (sole proprietors). */
export function isValidInn(value: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(value)) return false;
  const d = digitsOf(value);
  if (d.length === 10) return (weightedSum(d, INN10_WEIGHTS) % 11) % 10 === d[9];
  return (weightedSum(d, INN11_WEIGHTS) % 11) % 10 === d[10] && (weightedSum(d, INN12_WEIGHTS) % 11) % 10 === d[11];
}

/** KPP has no control digit: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits. */
export function isValidKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value);
}

/** OGRN (13 digits) or OGRNIP (15 digits): the last digit is the rest of the number modulo 11 or 13. */
export function isValidOgrn(value: string): boolean {
  if (!/^(\d{13}|\d{15})$/.test(value)) return false;
  const body = BigInt(value.slice(0, -1));
  const modulus = value.length === 13 ? 11n : 13n;
  return Number((body % modulus) % 10n) === Number(value.at(-1));
}

/** OKPO: 8 digits for organizations, 10 for sole proprietors; weights 1…10, then 3…12 when the first pass gives 10. */
export function isValidOkpo(value: string): boolean {
  if (!/^(\d{8}|\d{10})$/.test(value)) return false;
  const d = digitsOf(value);
  const body = d.slice(0, -1);
  const pass = (offset: number) => body.reduce((sum, digit, i) => sum + digit * (((i + offset) % 10) + 1), 0) % 11;
  let check = pass(0);
  if (check === 10) check = pass(2) % 10;
  return check === d.at(-1);
}

/** BIK of a Russian bank: 9 digits starting with 04. */
export function isValidBik(value: string): boolean {
  return /^04\d{7}$/.test(value);
}

const ACCOUNT_WEIGHTS = [7, 1, 3];

function accountKeyValid(key: string): boolean {
  const d = digitsOf(key);
  return d.reduce((sum, digit, i) => sum + ((digit * ACCOUNT_WEIGHTS[i % 3]!) % 10), 0) % 10 === 0;
}

/** A settlement (current) account checked against its bank's BIK: the key is BIK digits 7–9 + the account. */
export function isValidSettlementAccount(account: string, bik: string): boolean {
  return /^\d{20}$/.test(account) && isValidBik(bik) && accountKeyValid(bik.slice(-3) + account);
}

/** A correspondent account checked against the BIK: the key is "0" + BIK digits 5–6 + the account. */
export function isValidCorrespondentAccount(account: string, bik: string): boolean {
  return /^301\d{17}$/.test(account) && isValidBik(bik) && accountKeyValid(`0${bik.slice(4, 6)}${account}`);
}
