import { z } from 'zod';
import { listQueryBase, optionalText, queryBoolean, refSchema, versionSchema } from './common.js';

/**
 * The client base: organizations and contact persons, with their contacts, addresses, bank accounts and
 * custom fields. Inputs are loose on format (what a user types) and strict on shape; the server checks
 * requisites by control digits and normalizes phones and emails (see contacts.ts, requisites.ts).
 */
export const CLIENT_TYPES = ['organization', 'person'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export const ORGANIZATION_KINDS = ['lead', 'client', 'partner', 'competitor', 'supplier', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const INFLUENCES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'expert', 'other'] as const;
export const GENDERS = ['male', 'female'] as const;
export const CONTACT_KINDS = ['phone', 'fax', 'email', 'messenger', 'website'] as const;
export const MESSENGERS = ['telegram', 'whatsapp', 'viber', 'signal', 'skype', 'other'] as const;
export const ADDRESS_KINDS = ['legal', 'actual', 'postal', 'other'] as const;

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date();

export const contactPointInputSchema = z.object({
  id: z.uuid().optional(),
  kind: z.enum(CONTACT_KINDS),
  value: text(200).min(1),
  label: optionalText(100),
  messenger: z.enum(MESSENGERS).nullable().optional(),
});
export type ContactPointInput = z.input<typeof contactPointInputSchema>;

export const contactPointSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CONTACT_KINDS),
  value: z.string(),
  normalized: z.string(),
  label: z.string().nullable(),
  messenger: z.string().nullable(),
});
export type ContactPointDto = z.infer<typeof contactPointSchema>;

export const addressInputSchema = z.object({
  id: z.uuid().optional(),
  kind: z.enum(ADDRESS_KINDS),
  country: optionalText(100),
  postalCode: optionalText(20),
  region: optionalText(200),
  city: optionalText(200),
  street: optionalText(500),
});
export const addressSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ADDRESS_KINDS),
  country: z.string().nullable(),
  postalCode: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  street: z.string().nullable(),
});
export type AddressDto = z.infer<typeof addressSchema>;

export const bankAccountInputSchema = z.object({
  id: z.uuid().optional(),
  bik: text(20).min(1),
  bankName: optionalText(300),
  correspondentAccount: optionalText(30),
  account: text(30).min(1),
  currency: z.string().trim().length(3).toUpperCase().optional(),
  isPrimary: z.boolean().optional(),
});
export const bankAccountSchema = z.object({
  id: z.uuid(),
  bik: z.string(),
  bankName: z.string().nullable(),
  correspondentAccount: z.string().nullable(),
  account: z.string(),
  currency: z.string(),
  isPrimary: z.boolean(),
});
export type BankAccountDto = z.infer<typeof bankAccountSchema>;

export const organizationUnitSchema = z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() });
export const organizationUnitInputSchema = z.object({
  id: z.uuid().optional(),
  name: text(300).min(1),
  parentId: z.uuid().nullable().optional(),
});

/** Custom field values by key; each value is checked against its field definition by the server. */
export const customValuesSchema = z.record(z.string().max(64), z.unknown());

const organizationFields = {
  kind: z.enum(ORGANIZATION_KINDS),
  name: text(300).min(1),
  fullName: optionalText(1000),
  legalForm: optionalText(100),
  inn: optionalText(12),
  kpp: optionalText(9),
  ogrn: optionalText(15),
  okpo: optionalText(10),
  industry: optionalText(200),
  region: optionalText(200),
  source: optionalText(200),
  firstContactReason: optionalText(1000),
  responsibleId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  website: optionalText(300),
  notes: optionalText(20000),
  contacts: z.array(contactPointInputSchema).max(50).optional(),
  addresses: z.array(addressInputSchema).max(20).optional(),
  bankAccounts: z.array(bankAccountInputSchema).max(20).optional(),
  units: z.array(organizationUnitInputSchema).max(200).optional(),
  custom: customValuesSchema.optional(),
};

export const createOrganizationBodySchema = z.object({ ...organizationFields, kind: organizationFields.kind.optional() });
export const updateOrganizationBodySchema = z.object({
  ...organizationFields,
  kind: organizationFields.kind.optional(),
  name: organizationFields.name.optional(),
  version: versionSchema,
});
export type CreateOrganizationBody = z.input<typeof createOrganizationBodySchema>;
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBodySchema>;

const recordMeta = {
  responsible: refSchema.nullable(),
  custom: z.record(z.string(), z.unknown()),
  groups: z.array(refSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: refSchema.nullable(),
  deletedAt: z.string().nullable(),
  version: z.number(),
};

export const organizationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ORGANIZATION_KINDS),
  name: z.string(),
  fullName: z.string().nullable(),
  legalForm: z.string().nullable(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  ogrn: z.string().nullable(),
  okpo: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  source: z.string().nullable(),
  firstContactReason: z.string().nullable(),
  parent: refSchema.nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(contactPointSchema),
  addresses: z.array(addressSchema),
  bankAccounts: z.array(bankAccountSchema),
  units: z.array(organizationUnitSchema),
  ...recordMeta,
});
export type OrganizationDto = z.infer<typeof organizationSchema>;

export const employmentInputSchema = z.object({
  organizationId: z.uuid(),
  position: optionalText(300),
  department: optionalText(300),
  isPrimary: z.boolean().optional(),
});
export const employmentSchema = z.object({
  organization: refSchema,
  position: z.string().nullable(),
  department: z.string().nullable(),
  isPrimary: z.boolean(),
});
export type EmploymentDto = z.infer<typeof employmentSchema>;

export const identityDocumentSchema = z.object({
  type: z.string().nullable(),
  series: z.string().nullable(),
  number: z.string().nullable(),
  issuedBy: z.string().nullable(),
  issuedOn: z.string().nullable(),
});
export const identityDocumentInputSchema = z.object({
  type: optionalText(100),
  series: optionalText(20),
  number: optionalText(30),
  issuedBy: optionalText(500),
  issuedOn: isoDate.nullable().optional(),
});

const personFields = {
  lastName: text(200).min(1),
  firstName: optionalText(200),
  middleName: optionalText(200),
  gender: z.enum(GENDERS).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  position: optionalText(300),
  department: optionalText(300),
  employments: z.array(employmentInputSchema).max(50).optional(),
  influence: z.enum(INFLUENCES).nullable().optional(),
  preferences: optionalText(5000),
  notes: optionalText(20000),
  /** Needs the identity-document permission to read or write. */
  document: identityDocumentInputSchema.nullable().optional(),
  responsibleId: z.uuid().nullable().optional(),
  contacts: z.array(contactPointInputSchema).max(50).optional(),
  addresses: z.array(addressInputSchema).max(20).optional(),
  custom: customValuesSchema.optional(),
};

export const createPersonBodySchema = z.object(personFields);
export const updatePersonBodySchema = z.object({
  ...personFields,
  lastName: personFields.lastName.optional(),
  version: versionSchema,
});
export type CreatePersonBody = z.input<typeof createPersonBodySchema>;
export type UpdatePersonBody = z.input<typeof updatePersonBodySchema>;

export const personSchema = z.object({
  id: z.uuid(),
  lastName: z.string(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  gender: z.enum(GENDERS).nullable(),
  birthDate: z.string().nullable(),
  position: z.string().nullable(),
  department: z.string().nullable(),
  organization: refSchema.nullable(),
  employments: z.array(employmentSchema),
  influence: z.enum(INFLUENCES).nullable(),
  preferences: z.string().nullable(),
  notes: z.string().nullable(),
  /** Null when empty; absent (with `documentHidden`) when the reader lacks the permission. */
  document: identityDocumentSchema.nullable(),
  documentHidden: z.boolean(),
  contacts: z.array(contactPointSchema),
  addresses: z.array(addressSchema),
  ...recordMeta,
});
export type PersonDto = z.infer<typeof personSchema>;

/** A row of the organization list: the fields a table can show, without the card's collections. */
export const organizationListItemSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ORGANIZATION_KINDS),
  name: z.string(),
  fullName: z.string().nullable(),
  legalForm: z.string().nullable(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  source: z.string().nullable(),
  parent: refSchema.nullable(),
  responsible: refSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set in the recycle bin (`deleted=true`). */
  deletedAt: z.string().nullable(),
  version: z.number(),
});
export type OrganizationListItem = z.infer<typeof organizationListItemSchema>;

export const personListItemSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  lastName: z.string(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  birthDate: z.string().nullable(),
  position: z.string().nullable(),
  department: z.string().nullable(),
  organization: refSchema.nullable(),
  influence: z.enum(INFLUENCES).nullable(),
  responsible: refSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

/**
 * List queries. `filter` is the filter builder's JSON (see filters.ts), `sort` a field key with "-" for
 * descending. `deleted=true` lists the recycle bin instead.
 */
export const clientListQuerySchema = z.object({
  ...listQueryBase,
  sort: z.string().max(80).default('name'),
  filter: z.string().max(20000).optional(),
  q: z.string().trim().max(200).optional(),
  deleted: queryBoolean.optional(),
});
export type ClientListQuery = z.input<typeof clientListQuerySchema>;

export const clientCountSchema = z.object({ total: z.number().int() });

/**
 * Deleting a client with open tasks asks first (409 `client_has_open_tasks` with their count): `keep` leaves
 * them (they show the client as deleted), `cancel` cancels them. Done tasks always stay as history.
 */
export const CLIENT_OPEN_TASKS_CHOICES = ['keep', 'cancel'] as const;
export const deleteClientQuerySchema = z.object({ openTasks: z.enum(CLIENT_OPEN_TASKS_CHOICES).optional() });

export const bulkActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('setResponsible'), ids: z.array(z.uuid()).min(1).max(10000), responsibleId: z.uuid().nullable() }),
  z.object({ action: z.literal('addToGroup'), ids: z.array(z.uuid()).min(1).max(10000), groupId: z.uuid() }),
  z.object({ action: z.literal('removeFromGroup'), ids: z.array(z.uuid()).min(1).max(10000), groupId: z.uuid() }),
  z.object({ action: z.literal('setKind'), ids: z.array(z.uuid()).min(1).max(10000), kind: z.enum(ORGANIZATION_KINDS) }),
  z.object({ action: z.literal('delete'), ids: z.array(z.uuid()).min(1).max(10000), openTasks: z.enum(CLIENT_OPEN_TASKS_CHOICES).optional() }),
  z.object({ action: z.literal('restore'), ids: z.array(z.uuid()).min(1).max(10000) }),
]);
export type BulkActionBody = z.infer<typeof bulkActionBodySchema>;
export const bulkResultSchema = z.object({ affected: z.number().int() });
