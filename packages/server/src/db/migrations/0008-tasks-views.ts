import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the read side of tasks (lists, a client's timeline), each added because EXPLAIN over 400,000
 * generated tasks showed the query without it reading or sorting far more rows than it returns:
 *
 * - `tasks_controller_at_idx`: "controlled by me" over all statuses walked the whole `(at, id)` index
 *   filtering by controller (64 ms at 400k tasks, growing with the table); 0006 indexes only open ones.
 * - `tasks_created_at_idx`: newest-created first sorted every visible task (440 ms for an administrator).
 * - `tasks_title_trgm_idx`: a title fragment that few tasks contain scanned the table (460 ms); a common
 *   one still walks the time index, which the planner prefers when matches are dense.
 * - `tasks_due_idx`, `tasks_priority_idx`: by deadline / by priority sorted every visible task (540 ms for an
 *   administrator); they are the sort keys exactly as tasks-list.queries.ts writes them.
 * - `tasks_assigned_open_idx`: open assignments given to others, for "assigned by me" among open tasks and the
 *   overdue ones in "my day" (otherwise every task the author ever wrote, done or not, is read: 2.5 → 0.4 ms
 *   for an author of 2,000 tasks, growing with their history).
 * - `tasks_organization_open_idx`, `tasks_person_open_idx`: the "planned" half of a client's timeline (open
 *   tasks, soonest first) walked every past task of the client before reaching the first open one.
 */
const LIVE = sql.raw('WHERE deleted_at IS NULL');
const OPEN = sql.raw(`WHERE deleted_at IS NULL AND status IN ('planned', 'in_progress')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tasks_controller_at_idx ON tasks (controller_id, at, id) WHERE deleted_at IS NULL AND controller_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX tasks_created_at_idx ON tasks (created_at, id) ${LIVE}`.execute(db);
  await sql`CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops) ${LIVE}`.execute(db);
  await sql`CREATE INDEX tasks_due_idx ON tasks ((coalesce(due_at, 'infinity'::timestamptz)), id) ${LIVE}`.execute(db);
  await sql`CREATE INDEX tasks_priority_idx ON tasks ((CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END), at, id) ${LIVE}`.execute(db);
  await sql`CREATE INDEX tasks_assigned_open_idx ON tasks (created_by, at, id) ${OPEN} AND responsible_id <> created_by`.execute(db);
  await sql`CREATE INDEX tasks_organization_open_idx ON tasks (organization_id, at, id) ${OPEN} AND organization_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX tasks_person_open_idx ON tasks (person_id, at, id) ${OPEN} AND person_id IS NOT NULL`.execute(db);
}
