import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the demo shop: Playwright's runner driving the system's Chromium (Debian package
 * `chromium`; no browser download) against the built app on a fresh embedded database (global-setup.ts).
 * `npm run test:web` builds the API and the shop first.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/output',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    viewport: { width: 1100, height: 900 },
    trace: 'off',
  },
});
