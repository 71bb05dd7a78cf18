/**
 * End-to-end tests: a real Chromium, the built dist/ files, and one local
 * Tracking API and test site shared by every file (started in global setup).
 * Each test tracks into its own project token, so tests run in parallel.
 */
import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './e2e/support/browser';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: true,
  // Two cores: two browsers at a time keeps timings honest.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['./e2e/support/fault-report.ts']],
  projects: [
    { name: 'e2e', testIgnore: 'faults/**' },
    // The fault matrix: `npm run test:faults`, which writes docs/RELIABILITY.md.
    { name: 'faults', testMatch: 'faults/**/*.spec.ts' },
  ],
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
  },
});
