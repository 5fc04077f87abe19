/**
 * Pure transforms between card DTOs and the values the card's forms edit, plus the instant hints that
 * run the shared checks in the browser (the server stays the judge).
 */
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOkpo,
  isValidSettlementAccount,
  normalizeContact,
  type AddressDto,
  type MESSENGERS,
  type BankAccountDto,
  type ContactPointDto,
} from '@kontakt/shared';
import type { Scope } from '@kontakt/shared/access';

/** Badge colors of organization kinds: leads stand out, competitors warn. */
export const KIND_COLORS: Record<string, string> = {
  lead: 'yellow',
  client: 'teal',
  partner: 'blue',
  competitor: 'red',
  supplier: 'violet',
  other: 'gray',
};

type Messenger = (typeof MESSENGERS)[number];

export type ContactKind = 'phone' | 'fax' | 'email' | 'messenger' | 'website';
export type AddressKind = 'legal' | 'actual' | 'postal' | 'other';

export interface ContactRow {
  id?: string;
  kind: ContactKind;
  value: string;
  label: string;
  messenger: string;
}

export interface AddressRow {
  id?: string;
  kind: AddressKind;
  country: string;
  postalCode: string;
  region: string;
  city: string;
  street: string;
}

export interface BankRow {
  id?: string;
  bik: string;
  bankName: string;
  correspondentAccount: string;
  account: string;
  isPrimary: boolean;
}

export interface UnitRow {
  id?: string;
  /** A stable key for rows that have no id yet, so a child can name its parent before saving. */
  key: string;
  name: string;
  parentKey: string;
}

/** Trimmed text, or null for an empty input, the way the API stores "not filled". */
export const textOrNull = (value: string): string | null => value.trim() || null;

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `values` whose (trimmed, null-for-empty) text differs from the record's. */
export function changedText<K extends string>(
  record: Record<K, string | null>,
  values: Record<K, string>,
  keys: readonly K[],
): Partial<Record<K, string | null>> {
  const body: Partial<Record<K, string | null>> = {};
  for (const key of keys) {
    const next = textOrNull(values[key]);
    if (next !== (record[key] ?? null)) body[key] = next;
  }
  return body;
}

export function textValues<K extends string>(record: Record<K, string | null>, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, record[k] ?? ''])) as Record<K, string>;
}

export const contactRows = (items: ContactPointDto[]): ContactRow[] =>
  items.map((c) => ({ id: c.id, kind: c.kind, value: c.value, label: c.label ?? '', messenger: c.messenger ?? '' }));

export const emptyContact = (kind: ContactKind = 'phone'): ContactRow => ({ kind, value: '', label: '', messenger: kind === 'messenger' ? 'telegram' : '' });

export const contactsBody = (rows: ContactRow[]) =>
  rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    kind: r.kind,
    value: r.value.trim(),
    label: textOrNull(r.label),
    messenger: r.kind === 'messenger' ? ((r.messenger || 'other') as Messenger) : null,
  }));

export const addressRows = (items: AddressDto[]): AddressRow[] =>
  items.map((a) => ({
    id: a.id,
    kind: a.kind,
    country: a.country ?? '',
    postalCode: a.postalCode ?? '',
    region: a.region ?? '',
    city: a.city ?? '',
    street: a.street ?? '',
  }));

export const emptyAddress = (kind: AddressKind = 'actual'): AddressRow => ({ kind, country: '', postalCode: '', region: '', city: '', street: '' });

export const addressesBody = (rows: AddressRow[]) =>
  rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    kind: r.kind,
    country: textOrNull(r.country),
    postalCode: textOrNull(r.postalCode),
    region: textOrNull(r.region),
    city: textOrNull(r.city),
    street: textOrNull(r.street),
  }));

export const bankRows = (items: BankAccountDto[]): BankRow[] =>
  items.map((b) => ({
    id: b.id,
    bik: b.bik,
    bankName: b.bankName ?? '',
    correspondentAccount: b.correspondentAccount ?? '',
    account: b.account,
    isPrimary: b.isPrimary,
  }));

export const emptyBank = (isPrimary: boolean): BankRow => ({ bik: '', bankName: '', correspondentAccount: '', account: '', isPrimary });

export const banksBody = (rows: BankRow[]) =>
  rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    bik: r.bik.trim(),
    bankName: textOrNull(r.bankName),
    correspondentAccount: textOrNull(r.correspondentAccount),
    account: r.account.trim(),
    isPrimary: r.isPrimary,
  }));

export const isBlankContact = (r: ContactRow) => !r.value.trim() && !r.label.trim();
export const isBlankAddress = (r: AddressRow) => ![r.country, r.postalCode, r.region, r.city, r.street].some((v) => v.trim());
export const isBlankBank = (r: BankRow) => ![r.bik, r.bankName, r.correspondentAccount, r.account].some((v) => v.trim());

export function unitRows(items: { id: string; name: string; parentId: string | null }[]): UnitRow[] {
  return items.map((u) => ({ id: u.id, key: u.id, name: u.name, parentKey: u.parentId ?? '' }));
}

/**
 * Units reference their parent by id; a unit added in the same edit has none yet, so the server gets
 * parents by id where known. A new unit under another new unit is saved at the top level this time —
 * the form only offers saved units as parents.
 */
export function unitsBody(rows: UnitRow[]) {
  return rows
    .filter((r) => r.name.trim())
    .map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(), parentId: r.parentKey && !r.parentKey.startsWith('new:') ? r.parentKey : null }));
}

/** The field code a value would get from the server's check, for a hint while typing; null when fine or empty. */
export type RequisiteKind = 'inn' | 'kpp' | 'ogrn' | 'okpo' | 'bik';
const REQUISITE_CHECKS: Record<RequisiteKind, (v: string) => boolean> = {
  inn: isValidInn,
  kpp: isValidKpp,
  ogrn: isValidOgrn,
  okpo: isValidOkpo,
  bik: isValidBik,
};

export function requisiteProblem(kind: RequisiteKind, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  return REQUISITE_CHECKS[kind](v) ? null : `invalid_${kind}`;
}

export function bankProblems(row: BankRow): { bik?: string; account?: string; correspondentAccount?: string } {
  const bik = row.bik.trim();
  const account = row.account.trim();
  const corr = row.correspondentAccount.trim();
  const out: { bik?: string; account?: string; correspondentAccount?: string } = {};
  if (bik && !isValidBik(bik)) out.bik = 'invalid_bik';
  if (account && isValidBik(bik) && !isValidSettlementAccount(account, bik)) out.account = 'invalid_account';
  if (corr && isValidBik(bik) && !isValidCorrespondentAccount(corr, bik)) out.correspondentAccount = 'invalid_correspondent_account';
  return out;
}

/** A contact that will not normalize (a phone with letters, an email without @): the code the server would give. */
export function contactProblem(row: ContactRow): string | null {
  const v = row.value.trim();
  if (!v) return null;
  if (normalizeContact(row.kind, v)) return null;
  if (row.kind === 'email') return 'invalid_email';
  if (row.kind === 'website') return 'invalid_url';
  if (row.kind === 'phone' || row.kind === 'fax') return 'invalid_phone';
  return null;
}

/** Builds an href for a contact: tel:, mailto:, the website itself, a Telegram link for @handles. */
export function contactHref(c: { kind: string; value: string; normalized: string; messenger: string | null }): string | null {
  switch (c.kind) {
    case 'phone':
    case 'fax':
      return c.normalized.startsWith('+') ? `tel:${c.normalized.split(';')[0]}` : null;
    case 'email':
      return `mailto:${c.normalized || c.value}`;
    case 'website':
      return /^https?:\/\//i.test(c.value) ? c.value : `https://${c.value}`;
    case 'messenger':
      return c.messenger === 'telegram' && /^@?[a-z0-9_]{4,}$/i.test(c.value.trim()) ? `https://t.me/${c.value.trim().replace(/^@/, '')}` : null;
    default:
      return null;
  }
}

/** An address on one line, most general part first, the way Russian addresses are written. */
export function addressLine(a: { country: string | null; postalCode: string | null; region: string | null; city: string | null; street: string | null }): string {
  return [a.postalCode, a.country, a.region, a.city, a.street].filter(Boolean).join(', ');
}

/** `owns` for a section that renders the given top-level fields and everything under the given prefixes. */
export function ownsFields(fields: readonly string[], prefixes: readonly string[] = []) {
  return (field: string) => fields.includes(field) || prefixes.some((p) => field === p || field.startsWith(`${p}.`));
}

export interface RecordOwner {
  responsibleId: string | null;
  createdById: string | null;
}

/**
 * Whether the role's scope covers this record, as far as the browser can tell: "own" is a record the user is
 * responsible for (or created with no responsible); "department" is left to the server, which knows who works where.
 */
export function scopeAllows(scope: Scope, owner: RecordOwner, me: string): boolean {
  if (scope === 'none') return false;
  if (scope === 'own') return owner.responsibleId === me || (owner.responsibleId === null && owner.createdById === me);
  return true;
}
