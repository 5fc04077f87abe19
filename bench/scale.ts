/**
 * How big a run is. `full` is the numbers (10,000 users in 20 departments, 200 timed requests per
 * case, 10-second load); `small` is for checking the harness itself in well under a minute.
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
  },
};

export const isScaleName = (value: string): value is ScaleName => value in SCALES;
