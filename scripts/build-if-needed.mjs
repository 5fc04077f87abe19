#!/usr/bin/env node
// Builds what is out of date: the server bundle (esbuild, about a second) and the web app (Vite).
// `npm start` and `kontakt` call it, so a fresh clone needs only `npm install && npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const force = args.has('--force');

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules' || path.basename(p) === 'dist') return;
      for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return newest;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

function run(command, commandArgs, cwd = root) {
  const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const serverOut = path.join(root, 'packages/server/dist/main.js');
if (force || mtime(serverOut) < newestMtime(['packages/server/src', 'packages/shared/src', 'packages/server/package.json'])) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'packages/server/src/main.ts')],
    outfile: serverOut,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // @kontakt/shared is TypeScript source: bundle it instead of leaving it external.
    alias: { '@kontakt/shared': path.join(root, 'packages/shared/src/index.ts') },
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build-if-needed.mjs from packages/server/src; do not edit.' },
  });
}

const webOut = path.join(root, 'packages/web/dist/index.html');
if (!args.has('--server-only') && (force || mtime(webOut) < newestMtime(['packages/web/src', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/shared/src']))) {
  console.log('Building the web app…');
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], path.join(root, 'packages/web'));
}
