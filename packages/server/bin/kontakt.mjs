#!/usr/bin/env node
// The `kontakt` command: runs the built server when it is up to date, otherwise builds it first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-if-needed.mjs'), '--server-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import(pathToFileURL(path.join(root, 'packages/server/dist/main.js')).href);
