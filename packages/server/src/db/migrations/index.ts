import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-users-search.js';
import * as m0003 from './0003-totp-replay.js';
import * as m0004 from './0004-clients.js';
import * as m0005 from './0005-merge-and-search.js';
import * as m0006 from './0006-tasks.js';
import * as m0008 from './0008-tasks-views.js';
import * as m0009 from './0009-jobs-and-mail.js';
import * as m0010 from './0010-calendar.js';
import * as m0011 from './0011-birthdays.js';
import * as m0012 from './0012-organizations-by-responsible.js';
import * as m0013 from './0013-task-client-name.js';

/**
 * Forward-only migrations, in order. Listed statically (not read from disk) so the bundled server
 * carries them; a landed migration is never edited, a change is a new file.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-users-search': m0002,
  '0003-totp-replay': m0003,
  '0004-clients': m0004,
  '0005-merge-and-search': m0005,
  '0006-tasks': m0006,
  '0008-tasks-views': m0008,
  '0009-jobs-and-mail': m0009,
  '0010-calendar': m0010,
  '0011-birthdays': m0011,
  '0012-organizations-by-responsible': m0012,
  '0013-task-client-name': m0013,
};
