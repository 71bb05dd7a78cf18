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
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
  },
});
