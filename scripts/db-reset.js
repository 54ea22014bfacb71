#!/usr/bin/env node
// Wipes the embedded database (DATA_DIR, default ./data). A real PostgreSQL (DATABASE_URL) is never touched.
const { rmSync, existsSync } = require('node:fs');
const { resolve } = require('node:path');

if (process.env.DATABASE_URL) {
  console.error('db:reset only wipes the embedded database; DATABASE_URL is set — drop that database yourself.');
  process.exit(1);
}
const dir = resolve(process.cwd(), process.env.DATA_DIR || './data');
if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
console.log(`embedded database at ${dir} wiped; the next npm start migrates and seeds it again`);
