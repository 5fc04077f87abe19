/**
 * How big a run is. `full` is the issues' numbers (10,000 users in 20 departments, 200 timed requests per
 * case, 10-second load; a client base of 1,000,000 persons and 200,000 organizations, a 100,000-row
 * import); `small` is for checking the harness itself (the client base at 2 %).
 */
export type ScaleName = 'small' | 'full';

export interface Scale {
  users: number;
  departments: number;
  /** Timed iterations per user-list case, after `warmup` untimed ones. */
  iterations: number;
  warmup: number;
  /** Which page of the user list the deep-page case measures (capped to the middle of the list). */
  deepPage: number;
  /** Seconds of autocannon load per server, after `throughputWarmupSeconds` of unrecorded load. */
  throughputSeconds: number;
  throughputWarmupSeconds: number;
  /** Start-ups per database kind; the table shows the median, latest.json every run. */
  startRuns: number;
  /** How long a server sits idle before its memory is read. */
  idleSeconds: number;
  /** The client base (`clients` scenario): organizations and persons, and the responsible managers' team. */
  clientOrganizations: number;
  clientPersons: number;
  clientUsers: number;
  clientDepartments: number;
  /** Timed requests per client case (after `clientWarmup` untimed ones). */
  clientIterations: number;
  clientWarmup: number;
  /** Rows of the CSV file the import case uploads. */
  importRows: number;
  /** The history of relations (`tasks` scenario): tasks over the client base, and a key client's extra ones. */
  tasks: number;
  keyClientTasks: number;
  /** Reminders waiting when the server starts, and how many of them fall due in the measured burst. */
  pendingReminders: number;
  dueReminders: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  full: {
    users: 10_000,
    departments: 20,
    iterations: 300,
    warmup: 50,
    deepPage: 100,
    throughputSeconds: 10,
    throughputWarmupSeconds: 2,
    startRuns: 3,
    idleSeconds: 5,
    clientOrganizations: 200_000,
    clientPersons: 1_000_000,
    clientUsers: 50,
    clientDepartments: 5,
    clientIterations: 200,
    clientWarmup: 20,
    importRows: 100_000,
    tasks: 5_000_000,
    keyClientTasks: 10_000,
    pendingReminders: 100_000,
    dueReminders: 5_000,
  },
  small: {
    users: 1_000,
    departments: 5,
    iterations: 200,
    warmup: 20,
    deepPage: 100,
    throughputSeconds: 3,
    throughputWarmupSeconds: 1,
    startRuns: 1,
    idleSeconds: 5,
    clientOrganizations: 4_000,
    clientPersons: 20_000,
    clientUsers: 50,
    clientDepartments: 5,
    clientIterations: 100,
    clientWarmup: 10,
    importRows: 5_000,
    tasks: 100_000,
    keyClientTasks: 10_000,
    pendingReminders: 10_000,
    dueReminders: 1_000,
  },
};

/**
 * `--clients <fraction>`: the client base, import file and tasks at this fraction of the full scale (e.g. 0.05
 * for 50,000 persons), to try the client scenario at a size between small and full.
 */
export function withClientFraction(scale: Scale, fraction: number): Scale {
  const full = SCALES.full;
  return {
    ...scale,
    clientOrganizations: Math.max(100, Math.round(full.clientOrganizations * fraction)),
    clientPersons: Math.max(500, Math.round(full.clientPersons * fraction)),
    importRows: Math.max(100, Math.round(full.importRows * fraction)),
    tasks: Math.max(10_000, Math.round(full.tasks * fraction)),
  };
}

export const isScaleName = (value: string): value is ScaleName => value in SCALES;
