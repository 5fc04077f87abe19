import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib/server.js';

/** What the figures were measured on; they mean little without it. */
export interface Machine {
  nproc: number;
  cpuModel: string;
  memTotalGb: number;
  free: string;
  node: string;
  kernel: string;
  /** 1/5/15-minute load averages when the run started and ended: a busy machine skews every figure. */
  loadAtStart: number[];
  loadAtEnd?: number[];
  versions: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function commandOutput(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trimEnd();
  } catch {
    return '(unavailable)';
  }
}

export function describeMachine(): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    nproc: Number(commandOutput('nproc', [])) || os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?',
    memTotalGb: os.totalmem() / 1024 ** 3,
    free: commandOutput('free', ['-h']),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    loadAtStart: os.loadavg(),
    versions: Object.fromEntries(['@electric-sql/pglite', 'pg', 'kysely', 'fastify', 'autocannon'].map((name) => [name, packageVersion(name)])),
  };
}
