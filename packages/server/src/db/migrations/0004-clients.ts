import { sql, type Kysely } from 'kysely';

/**
 * The client base: organizations, contact persons, their contacts, addresses and bank accounts, custom
 * fields, groups, links, saved list views, in-app notifications and import jobs.
 *
 * Index choices follow measurements at a million rows (DESIGN.md): lists sort by a lower-cased name column
 * with `id` as tie-breaker and let the access filter run while scanning that index; search uses trigram
 * GIN indexes on a lower-cased text written once per change; phones and emails are matched by their
 * normalized value with a plain btree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE organizations (
      id uuid PRIMARY KEY,
      kind text NOT NULL DEFAULT 'lead' CHECK (kind IN ('lead','client','partner','competitor','supplier','other')),
      name text NOT NULL,
      full_name text,
      legal_form text,
      inn text,
      kpp text,
      ogrn text,
      okpo text,
      industry text,
      region text,
      source text,
      first_contact_reason text,
      responsible_id uuid REFERENCES users(id),
      parent_id uuid REFERENCES organizations(id),
      website text,
      notes text,
      custom jsonb NOT NULL DEFAULT '{}'::jsonb,
      sort_name text GENERATED ALWAYS AS (lower(name)) STORED,
      search_text text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(full_name, ''))) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      version integer NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      deleted_by uuid
    )`.execute(db);
  await sql`CREATE INDEX organizations_sort_name_idx ON organizations (sort_name, id)`.execute(db);
  await sql`CREATE INDEX organizations_created_at_idx ON organizations (created_at, id)`.execute(db);
  await sql`CREATE INDEX organizations_updated_at_idx ON organizations (updated_at, id)`.execute(db);
  await sql`CREATE INDEX organizations_responsible_idx ON organizations (responsible_id)`.execute(db);
  await sql`CREATE INDEX organizations_parent_idx ON organizations (parent_id)`.execute(db);
  await sql`CREATE INDEX organizations_inn_idx ON organizations (inn)`.execute(db);
  await sql`CREATE INDEX organizations_deleted_idx ON organizations (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX organizations_search_trgm_idx ON organizations USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX organizations_custom_idx ON organizations USING gin (custom jsonb_path_ops)`.execute(db);

  /** The client organization's own structure (its departments), not ours. */
  await sql`
    CREATE TABLE organization_units (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      parent_id uuid REFERENCES organization_units(id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX organization_units_org_idx ON organization_units (organization_id)`.execute(db);

  await sql`
    CREATE TABLE persons (
      id uuid PRIMARY KEY,
      last_name text NOT NULL,
      first_name text,
      middle_name text,
      full_name text GENERATED ALWAYS AS (
        trim(last_name || ' ' || coalesce(first_name, '') || ' ' || coalesce(middle_name, ''))
      ) STORED,
      sort_name text GENERATED ALWAYS AS (
        lower(trim(last_name || ' ' || coalesce(first_name, '') || ' ' || coalesce(middle_name, '')))
      ) STORED,
      search_text text GENERATED ALWAYS AS (
        lower(last_name || ' ' || coalesce(first_name, '') || ' ' || coalesce(middle_name, ''))
      ) STORED,
      gender text CHECK (gender IN ('male','female')),
      birth_date date,
      position text,
      department text,
      organization_id uuid REFERENCES organizations(id),
      influence text CHECK (influence IN ('decision_maker','influencer','user','gatekeeper','expert','other')),
      preferences text,
      notes text,
      doc_type text,
      doc_series text,
      doc_number text,
      doc_issued_by text,
      doc_issued_on date,
      responsible_id uuid REFERENCES users(id),
      custom jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      version integer NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      deleted_by uuid
    )`.execute(db);
  await sql`CREATE INDEX persons_sort_name_idx ON persons (sort_name, id)`.execute(db);
  await sql`CREATE INDEX persons_created_at_idx ON persons (created_at, id)`.execute(db);
  await sql`CREATE INDEX persons_updated_at_idx ON persons (updated_at, id)`.execute(db);
  await sql`CREATE INDEX persons_responsible_idx ON persons (responsible_id)`.execute(db);
  await sql`CREATE INDEX persons_organization_idx ON persons (organization_id)`.execute(db);
  await sql`CREATE INDEX persons_deleted_idx ON persons (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX persons_search_trgm_idx ON persons USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX persons_custom_idx ON persons USING gin (custom jsonb_path_ops)`.execute(db);

  /** A person works in one or more organizations; `persons.organization_id` mirrors the primary one. */
  await sql`
    CREATE TABLE employments (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      position text,
      department text,
      is_primary boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (person_id, organization_id)
    )`.execute(db);
  await sql`CREATE INDEX employments_org_idx ON employments (organization_id)`.execute(db);
  await sql`CREATE UNIQUE INDEX employments_one_primary_idx ON employments (person_id) WHERE is_primary`.execute(db);

  /**
   * Phones, faxes, emails, messengers and websites of organizations and persons. `value` is as typed,
   * `normalized` is E.164 for phones and lower case for emails, so search and duplicates match any format.
   */
  await sql`
    CREATE TABLE contact_points (
      id uuid PRIMARY KEY,
      owner_type text NOT NULL CHECK (owner_type IN ('organization','person')),
      owner_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('phone','fax','email','messenger','website')),
      value text NOT NULL,
      normalized text NOT NULL,
      label text,
      messenger text,
      position integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX contact_points_owner_idx ON contact_points (owner_id, position)`.execute(db);
  await sql`CREATE INDEX contact_points_normalized_idx ON contact_points (normalized)`.execute(db);

  await sql`
    CREATE TABLE addresses (
      id uuid PRIMARY KEY,
      owner_type text NOT NULL CHECK (owner_type IN ('organization','person')),
      owner_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('legal','actual','postal','other')),
      country text,
      postal_code text,
      region text,
      city text,
      street text,
      position integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX addresses_owner_idx ON addresses (owner_id, position)`.execute(db);

  await sql`
    CREATE TABLE bank_accounts (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      bik text NOT NULL,
      bank_name text,
      correspondent_account text,
      account text NOT NULL,
      currency text NOT NULL DEFAULT 'RUB',
      is_primary boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX bank_accounts_org_idx ON bank_accounts (organization_id)`.execute(db);

  await sql`
    CREATE TABLE custom_field_defs (
      id uuid PRIMARY KEY,
      object_type text NOT NULL CHECK (object_type IN ('organization','person')),
      key text NOT NULL,
      label text NOT NULL,
      type text NOT NULL CHECK (type IN ('text','long_text','number','money','date','datetime','checkbox','choice','multi_choice','user','organization','person')),
      required boolean NOT NULL DEFAULT false,
      options jsonb NOT NULL DEFAULT '[]'::jsonb,
      section text,
      position integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (object_type, key)
    )`.execute(db);

  await sql`
    CREATE TABLE groups (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text,
      shared boolean NOT NULL DEFAULT true,
      owner_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX groups_owner_idx ON groups (owner_id)`.execute(db);

  await sql`
    CREATE TABLE group_members (
      group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      record_type text NOT NULL CHECK (record_type IN ('organization','person')),
      record_id uuid NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      added_by uuid,
      PRIMARY KEY (group_id, record_id)
    )`.execute(db);
  await sql`CREATE INDEX group_members_record_idx ON group_members (record_id)`.execute(db);

  /** A labelled link between any two records ("recommended by", "branch of"), shown on both cards. */
  await sql`
    CREATE TABLE record_links (
      id uuid PRIMARY KEY,
      from_type text NOT NULL,
      from_id uuid NOT NULL,
      to_type text NOT NULL,
      to_id uuid NOT NULL,
      label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    )`.execute(db);
  await sql`CREATE INDEX record_links_from_idx ON record_links (from_id)`.execute(db);
  await sql`CREATE INDEX record_links_to_idx ON record_links (to_id)`.execute(db);

  await sql`
    CREATE TABLE saved_views (
      id uuid PRIMARY KEY,
      object_type text NOT NULL,
      name text NOT NULL,
      owner_id uuid NOT NULL REFERENCES users(id),
      shared boolean NOT NULL DEFAULT false,
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX saved_views_owner_idx ON saved_views (object_type, owner_id)`.execute(db);

  /**
   * Distinct lower-case words of client names. Typo-tolerant search compares the query's words with this
   * small dictionary (trigram similarity), then finds records by the matched words (DESIGN.md).
   */
  await sql`CREATE TABLE search_terms (term text PRIMARY KEY)`.execute(db);
  await sql`CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}'::jsonb,
      record_type text,
      record_id uuid,
      actor_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE import_jobs (
      id uuid PRIMARY KEY,
      object_type text NOT NULL CHECK (object_type IN ('organization','person')),
      status text NOT NULL CHECK (status IN ('uploaded','running','done','failed','rejected')),
      file_name text NOT NULL,
      file bytea,
      options jsonb NOT NULL DEFAULT '{}'::jsonb,
      total_rows integer NOT NULL DEFAULT 0,
      processed_rows integer NOT NULL DEFAULT 0,
      created_count integer NOT NULL DEFAULT 0,
      updated_count integer NOT NULL DEFAULT 0,
      skipped_count integer NOT NULL DEFAULT 0,
      rejected_count integer NOT NULL DEFAULT 0,
      report bytea,
      error text,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX import_jobs_user_idx ON import_jobs (created_by, created_at DESC)`.execute(db);
}
