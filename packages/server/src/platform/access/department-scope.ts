import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The departments a user's "department" scope reaches: their own department, the departments they head,
 * and everything below those.
 */
export async function loadDepartmentScope(db: Kysely<DB>, userId: string, departmentId: string | null): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (
      SELECT d.id FROM departments d WHERE d.id = ${departmentId} OR d.head_id = ${userId}
      UNION
      SELECT c.id FROM departments c JOIN tree t ON c.parent_id = t.id
    )
    SELECT id FROM tree`.execute(db);
  return rows.map((r) => r.id);
}
