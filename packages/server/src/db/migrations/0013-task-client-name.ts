import { sql, type Kysely } from 'kysely';

/**
 * Each task carries its client's name as the calendar shows it: the organization's name, or the contact
 * person's full name for a task on a person without an organization. A busy week of twenty employees is
 * thousands of events, and looking each client up cost one index probe and one heap page per event, about
 * a third of the calendar query and most of the pages it touched.
 *
 * The copy is kept by the database, so no write path can forget it: a task's client set or changed (insert,
 * edit, merge of duplicates) fills it, and renaming an organization or a person rewrites it on their tasks in
 * the same transaction. It is not a field anyone edits, so it does not bump a task's version.
 *
 * A rename rewrites live tasks only: the indexes by client are partial (`deleted_at IS NULL`), and without
 * that condition a rename read all five million tasks. A task in the recycle bin takes the current name when
 * it is restored (the insert-or-change trigger watches `deleted_at` too).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tasks ADD COLUMN client_name text`.execute(db);

  await sql`
    CREATE FUNCTION tasks_client_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.client_name := CASE
        WHEN NEW.organization_id IS NOT NULL THEN (SELECT o.name FROM organizations o WHERE o.id = NEW.organization_id)
        WHEN NEW.person_id IS NOT NULL THEN (SELECT p.full_name FROM persons p WHERE p.id = NEW.person_id)
      END;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER tasks_client_name BEFORE INSERT OR UPDATE OF organization_id, person_id, deleted_at ON tasks
    FOR EACH ROW EXECUTE FUNCTION tasks_client_name()`.execute(db);

  await sql`
    CREATE FUNCTION organizations_rename_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE tasks SET client_name = NEW.name WHERE organization_id = NEW.id AND deleted_at IS NULL;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER organizations_rename_tasks AFTER UPDATE OF name ON organizations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION organizations_rename_tasks()`.execute(db);

  // full_name is generated from the name parts, so the trigger watches the parts and compares the result.
  await sql`
    CREATE FUNCTION persons_rename_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE tasks SET client_name = NEW.full_name WHERE person_id = NEW.id AND organization_id IS NULL AND deleted_at IS NULL;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER persons_rename_tasks AFTER UPDATE OF last_name, first_name, middle_name ON persons
    FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name) EXECUTE FUNCTION persons_rename_tasks()`.execute(db);

  await fillClientNames(db);
}

/**
 * Writes the copy into every existing task. Each updated row is a new row version with an entry in every
 * index of the table (about twenty), so the indexes that no constraint needs are dropped first and built
 * again after, as a bulk load does: for 5 million tasks, minutes instead of a quarter of an hour. The
 * migration runs in one transaction, so a failure leaves the indexes as they were.
 */
async function fillClientNames(db: Kysely<unknown>): Promise<void> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = 'tasks'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  await sql`
    UPDATE tasks t SET client_name = CASE
      WHEN t.organization_id IS NOT NULL THEN (SELECT o.name FROM organizations o WHERE o.id = t.organization_id)
      ELSE (SELECT p.full_name FROM persons p WHERE p.id = t.person_id)
    END
    WHERE t.organization_id IS NOT NULL OR t.person_id IS NOT NULL`.execute(db);
  for (const index of indexes) await sql.raw(index.definition).execute(db);
}
