#!/usr/bin/env node
// Layering check (part of `npm run lint`; docs/ARCHITECTURE.md):
//  1. src/core and libs/ import no domain module and no API module (core depends on no module);
//  2. src/modules/* import no API module (src/api is the composition root);
//  3. no import cycle between domain modules;
//  4. SQL (`.query(`) only in *.repository.ts, src/core/database and src/database — files converted to a
//     repository leave the list below, and nothing may join it;
//  5. the demo shop (web/src) imports nothing of the server (src/, libs/): it is a client of the public API.
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
/** Module files that still hold SQL outside a repository (shrinks to nothing; never grows). */
const SQL_OUTSIDE_REPOSITORIES = new Set(require('./sql-outside-repositories.json'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'libs'))];
const problems = [];
const moduleOf = (file) => /src\/modules\/([^/]+)\//.exec(relative(ROOT, file))?.[1];
const edges = new Map(); // module -> Set(module)

for (const file of files) {
  const rel = relative(ROOT, file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
    if (!m[1].startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(file), m[1]));
    if ((rel.startsWith('src/core/') || rel.startsWith('libs/')) && /^src\/(modules|api)\//.test(target)) {
      problems.push(`${rel}: core and libs must not import ${target} (core depends on no module)`);
    }
    if (rel.startsWith('libs/') && target.startsWith('src/')) problems.push(`${rel}: libs/ must not import ${target}`);
    if (rel.startsWith('src/modules/') && target.startsWith('src/api/')) {
      problems.push(`${rel}: a module must not import the API layer (${target})`);
    }
    const from = moduleOf(file);
    const to = moduleOf(join(ROOT, target) + '/');
    if (from && to && from !== to) {
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
    }
  }
  const isSqlHome = rel.endsWith('.repository.ts') || rel.startsWith('src/core/database/') || rel.startsWith('src/database/');
  if (rel.startsWith('src/') && !isSqlHome && /\.query\s*[<(]/.test(text) && !SQL_OUTSIDE_REPOSITORIES.has(rel)) {
    problems.push(`${rel}: SQL belongs in a *.repository.ts of its module (methods take the RequestContext first)`);
  }
}

const webFiles = walk(join(ROOT, 'web/src'));
for (const file of webFiles) {
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'/g)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(file), spec));
    if (!target.startsWith('web/')) problems.push(`${relative(ROOT, file)}: the demo shop must not import ${target} (public API only)`);
  }
}

// Cycles between modules (depth-first search over the module graph).
const state = new Map();
const stack = [];
function visit(m) {
  state.set(m, 'open');
  stack.push(m);
  for (const n of edges.get(m) ?? []) {
    if (state.get(n) === 'open')
      problems.push(`import cycle between modules: ${[...stack.slice(stack.indexOf(n)), n].join(' → ')}`);
    else if (!state.has(n)) visit(n);
  }
  stack.pop();
  state.set(m, 'done');
}
for (const m of edges.keys()) if (!state.has(m)) visit(m);

for (const f of SQL_OUTSIDE_REPOSITORIES) {
  try {
    if (!/\.query\s*[<(]/.test(readFileSync(join(ROOT, f), 'utf8')))
      problems.push(`${f} holds no SQL any more: remove it from scripts/sql-outside-repositories.json`);
  } catch {
    problems.push(`${f} does not exist: remove it from scripts/sql-outside-repositories.json`);
  }
}

if (problems.length) {
  console.error(`Layering check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `Layering check passed (${files.length} files, ${webFiles.length} of web/src; modules: ${[...edges].map(([m, s]) => `${m} → ${[...s].join(', ')}`).join('; ')}).`,
);
