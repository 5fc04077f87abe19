import {
  createOrganizationBodySchema,
  createPersonBodySchema,
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOkpo,
  isValidSettlementAccount,
  normalizeContact,
  normalizeWebsite,
  updateOrganizationBodySchema,
  updatePersonBodySchema,
  versionSchema,
  type ContactKind,
} from '@kontakt/shared';
import type { z } from 'zod';
import type { Problems } from '../../platform/validate.js';

/**
 * Pure checks of an organization or person body (no database): shape by the shared zod schema, requisites
 * by their control digits, phones/emails/websites by normalizing them. The API service and the importer
 * (100k rows, one call per row, with a `prefix` such as "rows.17.") share them, so a value is accepted or
 * refused the same way wherever it comes from. References (responsible, parent, employment organizations),
 * custom values and access are checked by the callers, which need the database.
 */

export interface CheckOptions {
  /** Prepended to every field name of a problem ("rows.17." → "rows.17.inn"). */
  prefix?: string;
  /** An update: absent fields stay as they are, and `name`/`lastName` are not required. */
  partial?: boolean;
}

type Sink = Pick<Problems, 'add'>;

export interface ContactRowInput {
  id?: string;
  kind: ContactKind;
  value: string;
  normalized: string;
  label: string | null;
  messenger: string | null;
  position: number;
}

export interface AddressRowInput {
  id?: string;
  kind: string;
  country: string | null;
  postal_code: string | null;
  region: string | null;
  city: string | null;
  street: string | null;
  position: number;
}

export interface BankAccountRowInput {
  id?: string;
  bik: string;
  bank_name: string | null;
  correspondent_account: string | null;
  account: string;
  currency: string;
  is_primary: boolean;
  position: number;
}

export interface UnitRowInput {
  id?: string;
  name: string;
  parent_id: string | null;
  position: number;
}

export interface EmploymentRowInput {
  organization_id: string;
  position: string | null;
  department: string | null;
  is_primary: boolean;
}

export interface OrganizationColumns {
  kind: string;
  name: string;
  full_name: string | null;
  legal_form: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  okpo: string | null;
  industry: string | null;
  region: string | null;
  source: string | null;
  first_contact_reason: string | null;
  responsible_id: string | null;
  parent_id: string | null;
  website: string | null;
  notes: string | null;
}

export interface PersonColumns {
  last_name: string;
  first_name: string | null;
  middle_name: string | null;
  gender: string | null;
  birth_date: string | null;
  position: string | null;
  department: string | null;
  influence: string | null;
  preferences: string | null;
  notes: string | null;
  responsible_id: string | null;
}

export interface DocumentColumns {
  doc_type: string | null;
  doc_series: string | null;
  doc_number: string | null;
  doc_issued_by: string | null;
  doc_issued_on: string | null;
}

/**
 * The checked body. `values` holds only the columns the body gave (all of them on create, with defaults);
 * a collection is `undefined` when the body did not give it (an update keeps it) and an array otherwise
 * (replaces it). `ok` is false when any problem was added; the other fields are then best effort.
 */
export interface OrganizationInput {
  ok: boolean;
  values: Partial<OrganizationColumns>;
  contacts?: ContactRowInput[];
  addresses?: AddressRowInput[];
  bankAccounts?: BankAccountRowInput[];
  units?: UnitRowInput[];
  /** Unchecked custom values: pass them to checkCustomValues. */
  custom?: Record<string, unknown>;
  version?: number;
}

export interface PersonInput {
  ok: boolean;
  values: Partial<PersonColumns>;
  /** Present when the body gave `document` (null clears it): the caller checks the identity-document right. */
  document?: DocumentColumns;
  employments?: EmploymentRowInput[];
  contacts?: ContactRowInput[];
  addresses?: AddressRowInput[];
  custom?: Record<string, unknown>;
  version?: number;
}

const createOrganization = createOrganizationBodySchema.strict();
// The importer updates without a version (it locks rows itself); the API route requires one before this.
const updateOrganization = updateOrganizationBodySchema.extend({ version: versionSchema.optional() }).strict();
const createPerson = createPersonBodySchema.strict();
const updatePerson = updatePersonBodySchema.extend({ version: versionSchema.optional() }).strict();

/** Digits typed with spaces or dashes ("7707 083 893") are still the same requisite. */
const compact = (value: string) => value.replace(/[\s-]+/g, '');

export function checkOrganizationInput(body: unknown, problems: Sink, options: CheckOptions = {}): OrganizationInput {
  const prefix = options.prefix ?? '';
  const sink = countingSink(problems);
  const parsed = parseWith(options.partial ? updateOrganization : createOrganization, body, prefix, sink);
  if (!parsed) return { ok: false, values: {} };
  const b = parsed as z.output<typeof updateOrganizationBodySchema>;
  const values: Partial<OrganizationColumns> = {};
  const set = <K extends keyof OrganizationColumns>(key: K, value: OrganizationColumns[K] | undefined) => {
    if (value !== undefined) values[key] = value;
  };

  if (!options.partial) values.kind = b.kind ?? 'lead';
  else set('kind', b.kind);
  set('name', b.name);
  set('full_name', b.fullName);
  set('legal_form', b.legalForm);
  set('inn', requisite(b.inn, `${prefix}inn`, 'invalid_inn', isValidInn, sink));
  set('kpp', requisite(b.kpp?.toUpperCase(), `${prefix}kpp`, 'invalid_kpp', isValidKpp, sink));
  set('ogrn', requisite(b.ogrn, `${prefix}ogrn`, 'invalid_ogrn', isValidOgrn, sink));
  set('okpo', requisite(b.okpo, `${prefix}okpo`, 'invalid_okpo', isValidOkpo, sink));
  set('industry', b.industry);
  set('region', b.region);
  set('source', b.source);
  set('first_contact_reason', b.firstContactReason);
  set('responsible_id', b.responsibleId);
  set('parent_id', b.parentId);
  if (b.website !== undefined) {
    if (b.website !== null && normalizeWebsite(b.website) === null) sink.add(`${prefix}website`, 'invalid_url');
    values.website = b.website;
  }
  set('notes', b.notes);
  if (!options.partial) fillDefaults(values, ORGANIZATION_NULLS);

  const result: OrganizationInput = { ok: true, values };
  if (b.contacts) result.contacts = checkContacts(b.contacts, prefix, sink);
  if (b.addresses) result.addresses = checkAddresses(b.addresses);
  if (b.bankAccounts) result.bankAccounts = checkBankAccounts(b.bankAccounts, prefix, sink);
  if (b.units) result.units = checkUnits(b.units, prefix, sink);
  if (b.custom) result.custom = b.custom;
  if (b.version !== undefined) result.version = b.version;
  result.ok = sink.count === 0;
  return result;
}

export function checkPersonInput(body: unknown, problems: Sink, options: CheckOptions = {}): PersonInput {
  const prefix = options.prefix ?? '';
  const sink = countingSink(problems);
  const parsed = parseWith(options.partial ? updatePerson : createPerson, body, prefix, sink);
  if (!parsed) return { ok: false, values: {} };
  const b = parsed as z.output<typeof updatePersonBodySchema>;
  const values: Partial<PersonColumns> = {};
  const set = <K extends keyof PersonColumns>(key: K, value: PersonColumns[K] | undefined) => {
    if (value !== undefined) values[key] = value;
  };
  set('last_name', b.lastName);
  set('first_name', b.firstName);
  set('middle_name', b.middleName);
  set('gender', b.gender);
  if (b.birthDate !== undefined) {
    if (b.birthDate !== null && !plausibleBirthDate(b.birthDate)) sink.add(`${prefix}birthDate`, 'invalid_date');
    values.birth_date = b.birthDate;
  }
  set('position', b.position);
  set('department', b.department);
  set('influence', b.influence);
  set('preferences', b.preferences);
  set('notes', b.notes);
  set('responsible_id', b.responsibleId);
  if (!options.partial) fillDefaults(values, PERSON_NULLS);

  const result: PersonInput = { ok: true, values };
  if (b.document !== undefined) {
    const d = b.document;
    result.document = {
      doc_type: d?.type ?? null,
      doc_series: d?.series ?? null,
      doc_number: d?.number ?? null,
      doc_issued_by: d?.issuedBy ?? null,
      doc_issued_on: d?.issuedOn ?? null,
    };
  }
  if (b.employments) result.employments = checkEmployments(b.employments, prefix, sink);
  if (b.contacts) result.contacts = checkContacts(b.contacts, prefix, sink);
  if (b.addresses) result.addresses = checkAddresses(b.addresses);
  if (b.custom) result.custom = b.custom;
  if (b.version !== undefined) result.version = b.version;
  result.ok = sink.count === 0;
  return result;
}

const ORGANIZATION_NULLS: (keyof OrganizationColumns)[] = [
  'full_name', 'legal_form', 'inn', 'kpp', 'ogrn', 'okpo', 'industry', 'region', 'source',
  'first_contact_reason', 'responsible_id', 'parent_id', 'website', 'notes',
];
const PERSON_NULLS: (keyof PersonColumns)[] = [
  'first_name', 'middle_name', 'gender', 'birth_date', 'position', 'department', 'influence', 'preferences',
  'notes', 'responsible_id',
];

function fillDefaults<T>(values: Partial<Record<keyof T, unknown>>, keys: (keyof T)[]): void {
  for (const key of keys) if (values[key] === undefined) values[key] = null;
}

function requisite(
  value: string | null | undefined,
  field: string,
  code: string,
  valid: (v: string) => boolean,
  sink: Sink,
): string | null | undefined {
  if (value === undefined || value === null) return value;
  const v = compact(value);
  if (v === '') return null;
  if (!valid(v)) sink.add(field, code);
  return v;
}

function plausibleBirthDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= 1850 && value <= new Date().toISOString().slice(0, 10);
}

const CONTACT_CODES: Record<ContactKind, string> = {
  phone: 'invalid_phone',
  fax: 'invalid_phone',
  email: 'invalid_email',
  website: 'invalid_url',
  messenger: 'invalid_value',
};

function checkContacts(
  list: { id?: string; kind: ContactKind; value: string; label?: string | null; messenger?: string | null }[],
  prefix: string,
  sink: Sink,
): ContactRowInput[] {
  return list.map((c, i) => {
    const normalized = normalizeContact(c.kind, c.value);
    if (normalized === null) sink.add(`${prefix}contacts.${i}.value`, CONTACT_CODES[c.kind]);
    return {
      ...(c.id ? { id: c.id } : {}),
      kind: c.kind,
      value: c.value,
      normalized: normalized ?? '',
      label: c.label ?? null,
      messenger: c.kind === 'messenger' ? (c.messenger ?? null) : null,
      position: i,
    };
  });
}

function checkAddresses(
  list: {
    id?: string;
    kind: string;
    country?: string | null;
    postalCode?: string | null;
    region?: string | null;
    city?: string | null;
    street?: string | null;
  }[],
): AddressRowInput[] {
  return list.map((a, i) => ({
    ...(a.id ? { id: a.id } : {}),
    kind: a.kind,
    country: a.country ?? null,
    postal_code: a.postalCode ?? null,
    region: a.region ?? null,
    city: a.city ?? null,
    street: a.street ?? null,
    position: i,
  }));
}

function checkBankAccounts(
  list: {
    id?: string;
    bik: string;
    bankName?: string | null;
    correspondentAccount?: string | null;
    account: string;
    currency?: string;
    isPrimary?: boolean;
  }[],
  prefix: string,
  sink: Sink,
): BankAccountRowInput[] {
  const explicitPrimary = list.findIndex((a) => a.isPrimary);
  let primarySeen = false;
  return list.map((a, i) => {
    const field = `${prefix}bankAccounts.${i}`;
    const bik = compact(a.bik);
    const account = compact(a.account);
    const correspondent = a.correspondentAccount ? compact(a.correspondentAccount) : null;
    const bikOk = isValidBik(bik);
    if (!bikOk) sink.add(`${field}.bik`, 'invalid_bik');
    // Against a wrong BIK only the shape of an account can be judged; its key needs the BIK.
    if (bikOk ? !isValidSettlementAccount(account, bik) : !/^\d{20}$/.test(account)) sink.add(`${field}.account`, 'invalid_account');
    if (correspondent && (bikOk ? !isValidCorrespondentAccount(correspondent, bik) : !/^301\d{17}$/.test(correspondent))) {
      sink.add(`${field}.correspondentAccount`, 'invalid_correspondent_account');
    }
    // Exactly one primary account: the first flagged one, or the first of the list.
    const isPrimary = explicitPrimary === -1 ? i === 0 : i === explicitPrimary && !primarySeen;
    if (isPrimary) primarySeen = true;
    return {
      ...(a.id ? { id: a.id } : {}),
      bik,
      bank_name: a.bankName ?? null,
      correspondent_account: correspondent || null,
      account,
      currency: a.currency ?? 'RUB',
      is_primary: isPrimary,
      position: i,
    };
  });
}

function checkUnits(
  list: { id?: string; name: string; parentId?: string | null }[],
  prefix: string,
  sink: Sink,
): UnitRowInput[] {
  const parentOf = new Map(list.filter((u) => u.id).map((u) => [u.id!, u.parentId ?? null]));
  const closesLoop = (start: string) => {
    const seen = new Set<string>([start]);
    for (let at = parentOf.get(start); at; at = parentOf.get(at) ?? null) {
      if (seen.has(at)) return true;
      seen.add(at);
    }
    return false;
  };
  return list.map((u, i) => {
    const parent = u.parentId ?? null;
    const field = `${prefix}units.${i}.parentId`;
    if (parent !== null) {
      if (parent === u.id) sink.add(field, 'self_reference');
      else if (!parentOf.has(parent)) sink.add(field, 'not_found');
      else if (u.id && closesLoop(u.id)) sink.add(field, 'cycle');
    }
    return { ...(u.id ? { id: u.id } : {}), name: u.name, parent_id: parent, position: i };
  });
}

function checkEmployments(
  list: { organizationId: string; position?: string | null; department?: string | null; isPrimary?: boolean }[],
  prefix: string,
  sink: Sink,
): EmploymentRowInput[] {
  const seen = new Set<string>();
  const flagged = list.filter((e) => e.isPrimary).length;
  if (flagged > 1) sink.add(`${prefix}employments`, 'invalid_value');
  const primaryIndex = flagged === 0 ? 0 : list.findIndex((e) => e.isPrimary);
  return list.map((e, i) => {
    if (seen.has(e.organizationId)) sink.add(`${prefix}employments.${i}.organizationId`, 'taken');
    seen.add(e.organizationId);
    return {
      organization_id: e.organizationId,
      position: e.position ?? null,
      department: e.department ?? null,
      is_primary: i === primaryIndex,
    };
  });
}

function countingSink(problems: Sink): Sink & { count: number } {
  const sink = {
    count: 0,
    add(field: string, code: string, params?: Record<string, string | number>) {
      sink.count += 1;
      problems.add(field, code, params);
      return sink as never;
    },
  };
  return sink;
}

/** Shape check, with zod's issues in the API's field-problem words (as the request validator reports them). */
function parseWith(schema: z.ZodType, body: unknown, prefix: string, sink: Sink): unknown {
  // Most bodies are valid: parse without `reportInput` (which copies every checked value into the issues)
  // and parse again with it only to word the problems of a bad one. An import checks 100,000 rows this way.
  const quick = schema.safeParse(body);
  if (quick.success) return quick.data;
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const field = `${prefix}${path || 'body'}`;
    switch (issue.code) {
      case 'invalid_type':
        sink.add(field, issue.input === undefined || issue.input === null ? 'required' : 'invalid_type');
        break;
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') sink.add(field, min <= 1 ? 'required' : 'too_short', { min });
        else sink.add(field, 'too_small', { min });
        break;
      }
      case 'too_big':
        sink.add(field, issue.origin === 'string' ? 'too_long' : 'too_big', { max: Number(issue.maximum) });
        break;
      case 'invalid_format':
        if (issue.format === 'uuid') sink.add(field, 'invalid_id');
        else if (issue.format === 'date') sink.add(field, 'invalid_date');
        else sink.add(field, 'invalid_format');
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) sink.add(path ? `${prefix}${path}.${key}` : `${prefix}${key}`, 'unknown_field');
        break;
      default:
        sink.add(field, 'invalid_value');
    }
  }
  return null;
}
