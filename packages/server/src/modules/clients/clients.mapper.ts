import type { AddressDto, BankAccountDto, ContactPointDto, OrganizationDto, PersonDto } from '@kontakt/shared';
import type { AddressRow, BankAccountRow, ContactPointRow } from '../../db/schema.js';
import type { EmploymentJoinedRow, OrganizationCardRow, PersonCardRow, UnitRow } from './clients.queries.js';

const ref = (id: string | null, name: string | null | undefined) => (id && name != null ? { id, name } : null);
const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

export const toContactDto = (c: ContactPointRow): ContactPointDto => ({
  id: c.id,
  kind: c.kind as ContactPointDto['kind'],
  value: c.value,
  normalized: c.normalized,
  label: c.label,
  messenger: c.messenger,
});

export const toAddressDto = (a: AddressRow): AddressDto => ({
  id: a.id,
  kind: a.kind as AddressDto['kind'],
  country: a.country,
  postalCode: a.postal_code,
  region: a.region,
  city: a.city,
  street: a.street,
});

export const toBankAccountDto = (b: BankAccountRow): BankAccountDto => ({
  id: b.id,
  bik: b.bik,
  bankName: b.bank_name,
  correspondentAccount: b.correspondent_account,
  account: b.account,
  currency: b.currency,
  isPrimary: b.is_primary,
});

export interface OrganizationParts {
  contacts: ContactPointRow[];
  addresses: AddressRow[];
  bankAccounts: BankAccountRow[];
  units: UnitRow[];
  groups: { id: string; name: string }[];
}

export function toOrganizationDto(row: OrganizationCardRow, parts: OrganizationParts): OrganizationDto {
  return {
    id: row.id,
    kind: row.kind as OrganizationDto['kind'],
    name: row.name,
    fullName: row.full_name,
    legalForm: row.legal_form,
    inn: row.inn,
    kpp: row.kpp,
    ogrn: row.ogrn,
    okpo: row.okpo,
    industry: row.industry,
    region: row.region,
    source: row.source,
    firstContactReason: row.first_contact_reason,
    parent: ref(row.parent_id, row.parent_name),
    website: row.website,
    notes: row.notes,
    contacts: parts.contacts.map(toContactDto),
    addresses: parts.addresses.map(toAddressDto),
    bankAccounts: parts.bankAccounts.map(toBankAccountDto),
    units: parts.units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id })),
    responsible: ref(row.responsible_id, row.responsible_name),
    custom: row.custom ?? {},
    groups: parts.groups,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    createdBy: ref(row.created_by, row.created_by_name),
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    version: row.version,
  };
}

export interface PersonParts {
  contacts: ContactPointRow[];
  addresses: AddressRow[];
  employments: EmploymentJoinedRow[];
  groups: { id: string; name: string }[];
  /** False when the reader may not see the identity document. */
  showDocument: boolean;
}

function documentOf(row: PersonCardRow): PersonDto['document'] {
  const document = {
    type: row.doc_type,
    series: row.doc_series,
    number: row.doc_number,
    issuedBy: row.doc_issued_by,
    issuedOn: row.doc_issued_on,
  };
  return Object.values(document).some((v) => v !== null) ? document : null;
}

export function toPersonDto(row: PersonCardRow, parts: PersonParts): PersonDto {
  const primary = parts.employments.find((e) => e.is_primary);
  return {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    middleName: row.middle_name,
    fullName: row.full_name,
    gender: row.gender as PersonDto['gender'],
    birthDate: row.birth_date,
    position: row.position,
    department: row.department,
    organization: primary ? { id: primary.organization_id, name: primary.organization_name } : null,
    employments: parts.employments.map((e) => ({
      organization: { id: e.organization_id, name: e.organization_name },
      position: e.position,
      department: e.department,
      isPrimary: e.is_primary,
    })),
    influence: row.influence as PersonDto['influence'],
    preferences: row.preferences,
    notes: row.notes,
    document: parts.showDocument ? documentOf(row) : null,
    documentHidden: !parts.showDocument,
    contacts: parts.contacts.map(toContactDto),
    addresses: parts.addresses.map(toAddressDto),
    responsible: ref(row.responsible_id, row.responsible_name),
    custom: row.custom ?? {},
    groups: parts.groups,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    createdBy: ref(row.created_by, row.created_by_name),
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    version: row.version,
  };
}

const contactView = (c: ContactPointDto) => ({ kind: c.kind, value: c.value, label: c.label, messenger: c.messenger });
const addressView = ({ id: _id, ...rest }: AddressDto) => rest;
const bankView = ({ id: _id, ...rest }: BankAccountDto) => rest;

/** What the audit log compares for an organization: the card's fields in the API's words, without ids and meta. */
export function auditedOrganization(dto: OrganizationDto): Record<string, unknown> {
  return {
    kind: dto.kind,
    name: dto.name,
    fullName: dto.fullName,
    legalForm: dto.legalForm,
    inn: dto.inn,
    kpp: dto.kpp,
    ogrn: dto.ogrn,
    okpo: dto.okpo,
    industry: dto.industry,
    region: dto.region,
    source: dto.source,
    firstContactReason: dto.firstContactReason,
    parent: dto.parent,
    website: dto.website,
    notes: dto.notes,
    responsible: dto.responsible,
    contacts: dto.contacts.map(contactView),
    addresses: dto.addresses.map(addressView),
    bankAccounts: dto.bankAccounts.map(bankView),
    units: dto.units.map((u) => u.name),
    custom: dto.custom,
  };
}

/**
 * The same for a person. The identity document never enters the log (history readers may lack the right
 * to see it); that it changed is recorded by the service without the values.
 */
export function auditedPerson(dto: PersonDto): Record<string, unknown> {
  return {
    lastName: dto.lastName,
    firstName: dto.firstName,
    middleName: dto.middleName,
    gender: dto.gender,
    birthDate: dto.birthDate,
    position: dto.position,
    department: dto.department,
    employments: dto.employments.map((e) => ({ organization: e.organization, position: e.position, department: e.department, isPrimary: e.isPrimary })),
    influence: dto.influence,
    preferences: dto.preferences,
    notes: dto.notes,
    responsible: dto.responsible,
    contacts: dto.contacts.map(contactView),
    addresses: dto.addresses.map(addressView),
    custom: dto.custom,
  };
}
