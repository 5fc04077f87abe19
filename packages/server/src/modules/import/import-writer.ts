import { sql, type Transaction } from 'kysely';
import type { ClientType } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { OrganizationInput, PersonInput } from '../clients/client-input.js';
import { recordSearchTerms } from '../search/search-terms.js';
import type { PlannedRecord } from './import-analysis.js';

/**
 * Writes the planned records inside the caller's transaction with set-based statements: each batch of up
 * to 5,000 rows travels as one JSON parameter and lands through `jsonb_to_recordset`, so a 100,000-row file
 * costs a few dozen statements whatever its size. Updates fill the mapped fields of existing records
 * (empty cells change nothing), add contacts, addresses and bank accounts they do not have yet, and
 * bump `version` so an open card sees the change as a conflict.
 */
const BATCH = 5_000;

type Columns = Record<string, string>;

const ORGANIZATION_COLUMNS: Columns = {
  id: 'uuid', kind: 'text', name: 'text', full_name: 'text', legal_form: 'text', inn: 'text', kpp: 'text', ogrn: 'text',
  okpo: 'text', industry: 'text', region: 'text', source: 'text', first_contact_reason: 'text', responsible_id: 'uuid',
  parent_id: 'uuid', website: 'text', notes: 'text', custom: 'jsonb', created_by: 'uuid',
};
const PERSON_COLUMNS: Columns = {
  id: 'uuid', last_name: 'text', first_name: 'text', middle_name: 'text', gender: 'text', birth_date: 'date', position: 'text',
  department: 'text', organization_id: 'uuid', influence: 'text', preferences: 'text', notes: 'text', responsible_id: 'uuid',
  custom: 'jsonb', created_by: 'uuid',
};
const CONTACT_COLUMNS: Columns = {
  id: 'uuid', owner_type: 'text', owner_id: 'uuid', kind: 'text', value: 'text', normalized: 'text', label: 'text', messenger: 'text', position: 'int',
};
const ADDRESS_COLUMNS: Columns = {
  id: 'uuid', owner_type: 'text', owner_id: 'uuid', kind: 'text', country: 'text', postal_code: 'text', region: 'text', city: 'text', street: 'text', position: 'int',
};
const BANK_COLUMNS: Columns = {
  id: 'uuid', organization_id: 'uuid', bik: 'text', bank_name: 'text', correspondent_account: 'text', account: 'text', currency: 'text', is_primary: 'boolean', position: 'int',
};
const EMPLOYMENT_COLUMNS: Columns = {
  id: 'uuid', person_id: 'uuid', organization_id: 'uuid', position: 'text', department: 'text', is_primary: 'boolean',
};

/** `AS v(id uuid, name text, …)` for jsonb_to_recordset. */
const recordType = (columns: Columns) => sql.raw(Object.entries(columns).map(([name, type]) => `"${name}" ${type}`).join(', '));
const columnList = (columns: Columns) => sql.join(Object.keys(columns).map((name) => sql.ref(name)));

/**
 * Runs one statement per batch, serializing the next batch while the database works on the current one (on
 * PostgreSQL that overlaps the two; the statements still run one after another, in order).
 */
async function batches<T>(rows: readonly T[], run: (json: string) => Promise<unknown>): Promise<void> {
  let running: Promise<unknown> | undefined;
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(rows.slice(i, i + BATCH));
    await running;
    running = run(json);
  }
  await running;
}

async function insertAll(trx: Transaction<DB>, table: string, columns: Columns, rows: readonly Record<string, unknown>[]) {
  await batches(rows, (json) =>
    sql`INSERT INTO ${sql.table(table)} (${columnList(columns)})
        SELECT ${columnList(columns)} FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(columns)})`.execute(trx),
  );
}

interface Collections {
  contacts: Record<string, unknown>[];
  addresses: Record<string, unknown>[];
  bankAccounts: Record<string, unknown>[];
  employments: Record<string, unknown>[];
}

function collect(objectType: ClientType, records: readonly PlannedRecord[], idOf: (r: PlannedRecord) => string): Collections {
  const out: Collections = { contacts: [], addresses: [], bankAccounts: [], employments: [] };
  for (const record of records) {
    const ownerId = idOf(record);
    const input = record.input as OrganizationInput & PersonInput;
    for (const c of input.contacts ?? []) {
      out.contacts.push({ id: newId(), owner_type: objectType, owner_id: ownerId, kind: c.kind, value: c.value, normalized: c.normalized, label: c.label, messenger: c.messenger, position: c.position });
    }
    for (const a of input.addresses ?? []) {
      out.addresses.push({ id: newId(), owner_type: objectType, owner_id: ownerId, kind: a.kind, country: a.country, postal_code: a.postal_code, region: a.region, city: a.city, street: a.street, position: a.position });
    }
    for (const b of input.bankAccounts ?? []) {
      out.bankAccounts.push({ id: newId(), organization_id: ownerId, bik: b.bik, bank_name: b.bank_name, correspondent_account: b.correspondent_account, account: b.account, currency: b.currency, is_primary: b.is_primary, position: b.position });
    }
    for (const e of input.employments ?? []) {
      out.employments.push({ id: newId(), person_id: ownerId, organization_id: e.organization_id, position: e.position, department: e.department, is_primary: e.is_primary });
    }
  }
  return out;
}

export interface WriteResult {
  created: number;
  updated: number;
}

export async function writeRecords(trx: Transaction<DB>, objectType: ClientType, actorId: string, records: readonly PlannedRecord[]): Promise<WriteResult> {
  const creates = records.filter((r) => r.action === 'create');
  const updates = records.filter((r) => r.action === 'update');
  const newIds = new Map<PlannedRecord, string>(creates.map((r) => [r, newId()]));
  const isOrg = objectType === 'organization';
  const columns = isOrg ? ORGANIZATION_COLUMNS : PERSON_COLUMNS;

  const rows = creates.map((r) => {
    const row: Record<string, unknown> = { ...r.input.values, id: newIds.get(r), custom: r.custom, created_by: actorId };
    if (isOrg) row.kind ??= 'lead';
    else row.organization_id = r.organizationId ?? null;
    return row;
  });
  // Contacts and addresses are gathered while the records' first batch is being written.
  const recordsWritten = insertAll(trx, isOrg ? 'organizations' : 'persons', columns, rows);
  const created = collect(objectType, creates, (r) => newIds.get(r)!);
  await recordsWritten;
  await insertAll(trx, 'contact_points', CONTACT_COLUMNS, created.contacts);
  await insertAll(trx, 'addresses', ADDRESS_COLUMNS, created.addresses);
  if (isOrg) await insertAll(trx, 'bank_accounts', BANK_COLUMNS, created.bankAccounts);
  else await insertAll(trx, 'employments', EMPLOYMENT_COLUMNS, created.employments);

  let updated = 0;
  if (updates.length > 0) {
    updated = await updateExisting(trx, objectType, columns, updates);
    const added = collect(objectType, updates, (r) => r.existingId!);
    await addMissingContacts(trx, added.contacts);
    await mergeAddresses(trx, added.addresses);
    if (isOrg) await addMissingBankAccounts(trx, added.bankAccounts);
    else await addEmployments(trx, added.employments);
  }

  const names = records.flatMap((r) => {
    const v = r.input.values as Record<string, string | null | undefined>;
    return isOrg ? [v.name, v.full_name] : [[v.last_name, v.first_name, v.middle_name].filter(Boolean).join(' ')];
  });
  await recordSearchTerms(trx, names);
  return { created: creates.length, updated };
}

const UPDATABLE_EXCLUDED = new Set(['id', 'custom', 'created_by', 'organization_id']);

async function updateExisting(trx: Transaction<DB>, objectType: ClientType, columns: Columns, updates: readonly PlannedRecord[]): Promise<number> {
  const table = objectType === 'organization' ? 'organizations' : 'persons';
  const t = sql.table(table);
  const settable = Object.keys(columns).filter((c) => !UPDATABLE_EXCLUDED.has(c));
  const assignments = sql.join(
    settable.map((c) => sql`${sql.ref(c)} = coalesce(v.${sql.ref(c)}, ${sql.ref(`${table}.${c}`)})`),
  );
  const organizationAssignment =
    objectType === 'person' ? sql`, organization_id = coalesce(${sql.ref(`${table}.organization_id`)}, v.organization_id)` : sql``;
  let count = 0;
  const rows = updates.map((r) => ({ ...r.input.values, id: r.existingId, custom: r.custom, organization_id: r.organizationId ?? null }));
  await batches(rows, async (json) => {
    const result = await sql`
      UPDATE ${t}
         SET ${assignments}${organizationAssignment},
             custom = ${sql.ref(`${table}.custom`)} || coalesce(v.custom, '{}'::jsonb),
             version = ${sql.ref(`${table}.version`)} + 1,
             updated_at = now()
        FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(columns)})
       WHERE ${sql.ref(`${table}.id`)} = v.id AND ${sql.ref(`${table}.deleted_at`)} IS NULL`.execute(trx);
    count += Number(result.numAffectedRows ?? 0);
  });
  return count;
}

/** New phones and emails go after the record's own; ones it already has (same normalized value) are left out. */
async function addMissingContacts(trx: Transaction<DB>, rows: Record<string, unknown>[]) {
  await batches(rows, (json) =>
    sql`INSERT INTO contact_points (${columnList(CONTACT_COLUMNS)})
        SELECT v.id, v.owner_type, v.owner_id, v.kind, v.value, v.normalized, v.label, v.messenger,
               v.position + coalesce((SELECT max(c.position) + 1 FROM contact_points c WHERE c.owner_id = v.owner_id), 0)
          FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(CONTACT_COLUMNS)})
         WHERE NOT EXISTS (SELECT 1 FROM contact_points c WHERE c.owner_id = v.owner_id AND c.kind = v.kind AND c.normalized = v.normalized)`.execute(trx),
  );
}

/** An address of a kind the record has is filled in part by part; one of a new kind is added. */
async function mergeAddresses(trx: Transaction<DB>, rows: Record<string, unknown>[]) {
  await batches(rows, async (json) => {
    await sql`UPDATE addresses
                 SET country = coalesce(v.country, addresses.country), postal_code = coalesce(v.postal_code, addresses.postal_code),
                     region = coalesce(v.region, addresses.region), city = coalesce(v.city, addresses.city),
                     street = coalesce(v.street, addresses.street)
                FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(ADDRESS_COLUMNS)})
               WHERE addresses.id = (SELECT a.id FROM addresses a WHERE a.owner_id = v.owner_id AND a.kind = v.kind ORDER BY a.position, a.id LIMIT 1)`.execute(trx);
    await sql`INSERT INTO addresses (${columnList(ADDRESS_COLUMNS)})
              SELECT v.id, v.owner_type, v.owner_id, v.kind, v.country, v.postal_code, v.region, v.city, v.street,
                     coalesce((SELECT max(a.position) + 1 FROM addresses a WHERE a.owner_id = v.owner_id), 0)
                FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(ADDRESS_COLUMNS)})
               WHERE NOT EXISTS (SELECT 1 FROM addresses a WHERE a.owner_id = v.owner_id AND a.kind = v.kind)`.execute(trx);
  });
}

async function addMissingBankAccounts(trx: Transaction<DB>, rows: Record<string, unknown>[]) {
  await batches(rows, (json) =>
    sql`INSERT INTO bank_accounts (${columnList(BANK_COLUMNS)})
        SELECT v.id, v.organization_id, v.bik, v.bank_name, v.correspondent_account, v.account, v.currency,
               NOT EXISTS (SELECT 1 FROM bank_accounts b WHERE b.organization_id = v.organization_id AND b.is_primary),
               coalesce((SELECT max(b.position) + 1 FROM bank_accounts b WHERE b.organization_id = v.organization_id), 0)
          FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(BANK_COLUMNS)})
         WHERE NOT EXISTS (SELECT 1 FROM bank_accounts b WHERE b.organization_id = v.organization_id AND b.account = v.account)`.execute(trx),
  );
}

/** A person already working there keeps that employment; a first employment becomes the primary one. */
async function addEmployments(trx: Transaction<DB>, rows: Record<string, unknown>[]) {
  await batches(rows, (json) =>
    sql`INSERT INTO employments (${columnList(EMPLOYMENT_COLUMNS)})
        SELECT v.id, v.person_id, v.organization_id, v.position, v.department,
               NOT EXISTS (SELECT 1 FROM employments e WHERE e.person_id = v.person_id AND e.is_primary)
          FROM jsonb_to_recordset(${json}::jsonb) AS v(${recordType(EMPLOYMENT_COLUMNS)})
        ON CONFLICT (person_id, organization_id) DO NOTHING`.execute(trx),
  );
}
