import { sql, type Kysely } from 'kysely';

/**
 * The history of relations: tasks (every call, meeting, letter… is a task of a type) in a tree of up to three
 * levels, their participants, reminders, comments and recurring series; employees' absences and working
 * hours; private calendar feeds; per-user notification preferences and the company's outgoing mail settings.
 *
 * - `tasks.at` is the moment a task stands at in a timeline or a day: its start, else its deadline, else when
 *   it was done or created. Timelines, "my day" and the calendar all order and range over it.
 * - A task on a contact person also carries the person's organization, so an organization's timeline (its own
 *   tasks and its persons') is one range scan of `(organization_id, at)` instead of an OR over persons.
 * - Recurring tasks are materialized: a series stores the rule, its occurrences are ordinary rows (so lists,
 *   the calendar and reminders need no special case). Rules must end (COUNT or UNTIL), so a series is finite.
 * - Reminders are rows with the moment they are due; a background job delivers each once (`fired_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE task_types (
      id uuid PRIMARY KEY,
      key text UNIQUE,
      name text,
      icon text NOT NULL DEFAULT 'checkbox',
      color text NOT NULL DEFAULT 'blue',
      results jsonb NOT NULL DEFAULT '[]'::jsonb,
      is_contact boolean NOT NULL DEFAULT false,
      position int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CHECK (key IS NOT NULL OR name IS NOT NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE task_series (
      id uuid PRIMARY KEY,
      rrule text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`.execute(db);

  await sql`
    CREATE TABLE tasks (
      id uuid PRIMARY KEY,
      parent_id uuid REFERENCES tasks(id),
      depth smallint NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 2),
      type_id uuid NOT NULL REFERENCES task_types(id),
      title text NOT NULL,
      description text,
      organization_id uuid REFERENCES organizations(id),
      person_id uuid REFERENCES persons(id),
      deal_id uuid,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
      interest smallint CHECK (interest BETWEEN 1 AND 5),
      direction text CHECK (direction IN ('inbound', 'outbound')),
      starts_at timestamptz,
      ends_at timestamptz,
      due_at timestamptz,
      all_day boolean NOT NULL DEFAULT false,
      completed_at timestamptz,
      minutes_spent int CHECK (minutes_spent >= 0),
      planned_result text,
      result_text text,
      result_key text,
      responsible_id uuid NOT NULL REFERENCES users(id),
      controller_id uuid REFERENCES users(id),
      accepted_at timestamptz,
      checked_at timestamptz,
      series_id uuid REFERENCES task_series(id),
      occurrence_at timestamptz,
      detached boolean NOT NULL DEFAULT false,
      notify jsonb NOT NULL DEFAULT '{}'::jsonb,
      at timestamptz GENERATED ALWAYS AS (coalesce(starts_at, due_at, completed_at, created_at)) STORED,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      deleted_by uuid,
      CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
    )`.execute(db);
  const live = sql.raw('WHERE deleted_at IS NULL');
  const open = sql.raw(`WHERE deleted_at IS NULL AND status IN ('planned', 'in_progress')`);
  await sql`CREATE INDEX tasks_parent_idx ON tasks (parent_id) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_organization_at_idx ON tasks (organization_id, at DESC, id DESC) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_person_at_idx ON tasks (person_id, at DESC, id DESC) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_responsible_at_idx ON tasks (responsible_id, at, id) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_responsible_open_idx ON tasks (responsible_id, at) ${open}`.execute(db);
  await sql`CREATE INDEX tasks_controller_open_idx ON tasks (controller_id, at) ${open}`.execute(db);
  await sql`CREATE INDEX tasks_to_check_idx ON tasks (controller_id, completed_at) WHERE deleted_at IS NULL AND status = 'done' AND checked_at IS NULL`.execute(db);
  await sql`CREATE INDEX tasks_author_idx ON tasks (created_by, at) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_at_idx ON tasks (at, id) ${live}`.execute(db);
  await sql`CREATE INDEX tasks_series_idx ON tasks (series_id, occurrence_at) WHERE series_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX tasks_deleted_idx ON tasks (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE task_participants (
      task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      accepted_at timestamptz,
      PRIMARY KEY (task_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX task_participants_user_idx ON task_participants (user_id, task_id)`.execute(db);

  await sql`
    CREATE TABLE task_reminders (
      id uuid PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'responsible', 'participants', 'controller')),
      anchor text NOT NULL CHECK (anchor IN ('start', 'due', 'absolute')),
      offset_minutes int NOT NULL DEFAULT 0,
      remind_at timestamptz NOT NULL,
      fired_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX task_reminders_task_idx ON task_reminders (task_id)`.execute(db);
  await sql`CREATE INDEX task_reminders_due_idx ON task_reminders (remind_at) WHERE fired_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE task_comments (
      id uuid PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users(id),
      body text NOT NULL,
      mentions uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX task_comments_task_idx ON task_comments (task_id, id)`.execute(db);

  await sql`
    CREATE TABLE absences (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('vacation', 'sick_leave', 'business_trip', 'day_off', 'other')),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      CHECK (ends_on >= starts_on)
    )`.execute(db);
  await sql`CREATE INDEX absences_user_idx ON absences (user_id, starts_on) WHERE deleted_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE calendar_feeds (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id)`.execute(db);

  // Working hours: {"days":[1,2,3,4,5],"from":"09:00","to":"18:00"}; a user's own overrides the company's.
  await sql`ALTER TABLE users ADD COLUMN working_hours jsonb`.execute(db);
  // {"<event>": {"inApp": true, "email": false}, …}; a missing event takes the defaults of notification-events.ts.
  await sql`ALTER TABLE users ADD COLUMN notification_prefs jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db);
  await sql`ALTER TABLE company ADD COLUMN working_hours jsonb NOT NULL DEFAULT '{"days":[1,2,3,4,5],"from":"09:00","to":"18:00"}'::jsonb`.execute(db);
  // Outgoing mail (host, port, secure, user, password, from); null until an administrator sets it.
  await sql`ALTER TABLE company ADD COLUMN smtp jsonb`.execute(db);

  await seedTaskTypes(db);
}

/** The built-in types of seed 004 with their usual results; names come from translations until renamed. */
const BUILT_IN_TYPES: { key: string; icon: string; color: string; contact: boolean; results: string[] }[] = [
  { key: 'task', icon: 'checkbox', color: 'gray', contact: false, results: ['done', 'not_done'] },
  { key: 'project', icon: 'briefcase', color: 'indigo', contact: false, results: ['achieved', 'not_achieved'] },
  { key: 'stage', icon: 'flag', color: 'violet', contact: false, results: ['achieved', 'not_achieved'] },
  { key: 'call', icon: 'phone', color: 'green', contact: true, results: ['reached', 'no_answer', 'call_back', 'refused'] },
  { key: 'meeting', icon: 'users', color: 'blue', contact: true, results: ['held', 'postponed', 'cancelled_by_client'] },
  { key: 'letter', icon: 'mail', color: 'cyan', contact: true, results: ['sent', 'answered', 'no_answer'] },
  { key: 'email', icon: 'at', color: 'teal', contact: true, results: ['sent', 'answered', 'no_answer'] },
  { key: 'fax', icon: 'printer', color: 'gray', contact: true, results: ['sent', 'not_delivered'] },
  { key: 'demo', icon: 'device-desktop', color: 'orange', contact: true, results: ['interested', 'not_interested', 'needs_time'] },
  { key: 'presentation', icon: 'presentation', color: 'yellow', contact: true, results: ['interested', 'not_interested', 'needs_time'] },
  { key: 'negotiation', icon: 'messages', color: 'grape', contact: true, results: ['agreed', 'continue', 'refused'] },
  { key: 'offer', icon: 'file-text', color: 'pink', contact: true, results: ['accepted', 'under_review', 'rejected'] },
];

async function seedTaskTypes(db: Kysely<unknown>): Promise<void> {
  for (const [position, t] of BUILT_IN_TYPES.entries()) {
    const results = JSON.stringify(t.results.map((key) => ({ key, label: null })));
    await sql`
      INSERT INTO task_types (id, key, icon, color, results, is_contact, position)
      VALUES (gen_random_uuid(), ${t.key}, ${t.icon}, ${t.color}, ${results}::jsonb, ${t.contact}, ${position})`.execute(db);
  }
}
