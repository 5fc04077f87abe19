// Fails when a translation key is used in the code but missing from a locale, or when the three
// locales disagree. Run: node packages/web/scripts/check-locales.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../src/', import.meta.url).pathname;
const LOCALES = ['ru', 'uk', 'en'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj, prefix = '', out = new Set()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.add(key.replace(PLURAL, ''));
  }
  return out;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

// Common translations plus each area's own `features/<area>/locales/<lang>.json`.
const featureDirs = readdirSync(join(root, 'features'))
  .map((area) => join(root, 'features', area, 'locales'))
  .filter((dir) => { try { return statSync(dir).isDirectory(); } catch { return false; } });
function localeKeys(l) {
  const out = flatten(JSON.parse(readFileSync(join(root, 'locales', `${l}.json`), 'utf8')));
  for (const dir of featureDirs) {
    try { flatten(JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')), '', out); }
    catch (e) { if (e.code !== 'ENOENT') throw e; }
  }
  return out;
}
const keys = Object.fromEntries(LOCALES.map((l) => [l, localeKeys(l)]));
const problems = [];
for (const l of LOCALES) {
  for (const other of LOCALES) {
    for (const k of keys[other]) if (!keys[l].has(k)) problems.push(`${l}: missing ${k} (present in ${other})`);
  }
}
const used = new Set();
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
  for (const m of text.matchAll(/'((?:home|departments)\.[a-zA-Z]+)'/g)) used.add(m[1]);
}
for (const k of used) for (const l of LOCALES) if (!keys[l].has(k)) problems.push(`${l}: missing ${k} (used in code)`);

if (problems.length > 0) {
  console.error([...new Set(problems)].join('\n'));
  process.exit(1);
}
console.log(`locales ok: ${keys.ru.size} keys, ${used.size} used literally`);
