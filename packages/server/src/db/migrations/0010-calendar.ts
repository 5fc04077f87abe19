import { sql, type Kysely } from 'kysely';

/**
 * The calendar: a week of 20 employees is their tasks as responsible plus the tasks they take part in, in a
 * range of time, with millions of tasks in the table.
 *
 * - The responsible side is a range scan of `tasks_responsible_at_idx (responsible_id, at, id)`. The
 *   participant side has no time in `task_participants`, so a busy participant's every task would have to be
 *   fetched to look at its time (thousands of heap reads per person). `task_participants.at` mirrors
 *   `tasks.at`, kept by triggers so that no write path (tasks, series, reassignment, imports) can forget it,
 *   and `(user_id, at)` makes that side a range scan too.
 * - The range scans look back one day from the period's start for events that began before it; an event
 *   longer than a day (a trip, a project stage with dates) is found through a partial index of such events
 *   by their end, which stays small because few tasks last that long.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE task_participants ADD COLUMN at timestamptz`.execute(db);
  await sql`UPDATE task_participants tp SET at = t.at FROM tasks t WHERE t.id = tp.task_id`.execute(db);
  await sql`CREATE INDEX task_participants_user_at_idx ON task_participants (user_id, at)`.execute(db);

  await sql`
    CREATE FUNCTION task_participants_set_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.at := (SELECT t.at FROM tasks t WHERE t.id = NEW.task_id);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER task_participants_set_at BEFORE INSERT OR UPDATE OF task_id ON task_participants
    FOR EACH ROW EXECUTE FUNCTION task_participants_set_at()`.execute(db);

  // An AFTER trigger sees the generated column already computed; only a changed moment touches participants.
  await sql`
    CREATE FUNCTION tasks_sync_participants_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE task_participants SET at = NEW.at WHERE task_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER tasks_sync_participants_at AFTER UPDATE OF starts_at, due_at, completed_at ON tasks
    FOR EACH ROW WHEN (OLD.at IS DISTINCT FROM NEW.at) EXECUTE FUNCTION tasks_sync_participants_at()`.execute(db);

  await sql`
    CREATE INDEX tasks_long_events_idx ON tasks (ends_at)
    WHERE deleted_at IS NULL AND ends_at - starts_at > interval '24 hours'`.execute(db);
}
