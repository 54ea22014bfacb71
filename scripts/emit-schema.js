#!/usr/bin/env node
// Writes schema/storefront.graphql and schema/admin.graphql from the code (starts the built app once on a
// throw-away embedded database). The e2e suite fails when the committed files drift from the code.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dataDir = mkdtempSync(join(tmpdir(), 'hub-schema-db-'));
const child = spawn(process.execPath, [join(__dirname, '../dist/src/main.js')], {
  env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'warn',
         SCHEMA_OUT_DIR: join(__dirname, '../schema') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
child.stdout.on('data', (d) => {
  if (d.toString().includes('is ready')) child.kill('SIGTERM');
});
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  if (code !== 0) process.exit(code ?? 1);
  console.log('schema/storefront.graphql and schema/admin.graphql written');
});
