import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every child the benchmark starts goes through here, so that none outlives the run: children are
 * stopped by their own pid (never by name), and `killAllChildren` runs on exit and on Ctrl-C.
 */
const live = new Set<ChildProcess>();

export interface Child {
  process: ChildProcess;
  pid: number;
  /** performance.now() just before spawn(), the zero point of start-up timings. */
  spawnedAt: number;
  logFile: string;
  /** Resolves when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Only these variables pass from the shell to a child: a DATABASE_URL or PORT set in the shell must not leak in. */
const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];

export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/**
 * Starts `node <args>` with stdout and stderr going to a log file: a pipe nobody reads would block the
 * child once its buffer fills, and the parent reading the server's request logs would steal CPU from it.
 */
export function spawnNode(args: string[], env: Record<string, string>, logFile: string, cwd: string): Child {
  const log = fs.openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: childEnv(env), stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(' ')}`);
  live.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  return { process: child, pid: child.pid, spawnedAt, logFile, exited };
}

export const isRunning = (child: Child) => child.process.exitCode === null && child.process.signalCode === null;

/** SIGTERM first so the server can close its database cleanly, SIGKILL when it does not within the limit. */
export interface Stopped {
  /** Exited with code 0 after SIGTERM (or before it). */
  clean: boolean;
  ms: number;
  /** "code 0", "signal SIGTERM", "killed after 10000 ms": for error messages. */
  how: string;
}

export async function stopChild(child: Child, timeoutMs = 10_000): Promise<Stopped> {
  const startedAt = performance.now();
  if (!isRunning(child)) {
    const { exitCode, signalCode } = child.process;
    return { clean: exitCode === 0, ms: 0, how: `had already exited (${exitCode !== null ? `code ${exitCode}` : `signal ${signalCode}`})` };
  }
  child.process.kill('SIGTERM');
  const result = await Promise.race([child.exited, sleep(timeoutMs).then(() => null)]);
  const ms = performance.now() - startedAt;
  if (result === null) {
    child.process.kill('SIGKILL');
    await child.exited;
    return { clean: false, ms, how: `killed after ${timeoutMs} ms` };
  }
  return { clean: result.code === 0, ms, how: result.code !== null ? `code ${result.code}` : `signal ${result.signal}` };
}

export function killAllChildren(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export interface Memory {
  /** Resident set size: what the process holds in RAM now. */
  rssMb: number;
  /** Peak resident set size since start. */
  peakMb: number;
  /** Anonymous memory (heap, WebAssembly memory) as opposed to mapped files such as node itself. */
  anonMb: number;
}

/** Reads /proc/<pid>/status, the same numbers `top` and `ps` show. */
export function readMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`${field} missing from /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMb: kb('VmRSS'), peakMb: kb('VmHWM'), anonMb: kb('RssAnon') };
}

/** The last lines of a child's log, for error messages. */
export function logTail(logFile: string, lines = 15): string {
  try {
    return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Waits until a line containing `marker` appears in the child's log; bounded by `timeoutMs`. */
export async function waitForLogLine(child: Child, marker: string, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const text = fs.existsSync(child.logFile) ? fs.readFileSync(child.logFile, 'utf8') : '';
    const line = text.split('\n').find((l) => l.includes(marker));
    if (line) return line;
    if (!isRunning(child)) throw new Error(`process exited before "${marker}":\n${logTail(child.logFile)}`);
    await sleep(5);
  }
  throw new Error(`no "${marker}" within ${timeoutMs} ms:\n${logTail(child.logFile)}`);
}
