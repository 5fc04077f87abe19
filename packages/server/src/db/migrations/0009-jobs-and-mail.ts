import { sql, type Kysely } from 'kysely';

/**
 * Background delivery of reminders, overdue notices and email.
 *
 * - `tasks.overdue_notified_for`: the deadline whose passing was announced. A task is announced once per
 *   deadline: moving the deadline later makes it announceable again, without the tasks module having to
 *   reset anything. The deadline is the one lists call overdue against: the due time, else the end, else
 *   the start (modules/tasks/task-dto.ts).
 * - `tasks_overdue_idx` holds only open tasks not yet announced for their current deadline, ordered by
 *   that deadline, so the periodic check reads a short range instead of scanning open tasks.
 * - `company.smtp_version`: the outgoing mail settings are edited apart from the company name, so they
 *   carry their own version for optimistic locking.
 *
 * pg-boss keeps its own schema (`pgboss`), installed and upgraded by platform/jobs at start-up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tasks ADD COLUMN overdue_notified_for timestamptz`.execute(db);
  await sql`
    CREATE INDEX tasks_overdue_idx ON tasks ((coalesce(due_at, ends_at, starts_at)))
    WHERE deleted_at IS NULL AND status IN ('planned', 'in_progress')
      AND overdue_notified_for IS DISTINCT FROM coalesce(due_at, ends_at, starts_at)`.execute(db);
  await sql`ALTER TABLE company ADD COLUMN smtp_version int NOT NULL DEFAULT 1`.execute(db);
}
