/**
 * Faults of the platform's own lifecycle: the worker stopped mid-request,
 * the browser restarted, pages closed at once, a worker update.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { SYNC_WAIT_BUDGET_MS } from '../../sw/flusher';
import { chromiumLaunchOptions } from '../support/browser';
import {
  configFor,
  eventually,
  expect,
  sessionStarted,
  stopWorkers,
  test,
  trackBurst,
  trackerFor,
} from '../support/fixtures';
import { activeScriptEndsWith, settle } from './support';

test('1a. the worker is stopped during slow, accepted requests, three times in a row', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { requestTimeoutMs: 3_000 } });
  await sessionStarted(api);
  await api.fault({ delayMs: 2_500 }, { delayMs: 2_500 }, { delayMs: 2_500 });

  const sinceMs = Date.now();
  await trackBurst(tracker.page, 120, { name: 'stopped' });
  for (let stop = 1; stop <= 3; stop++) {
    await eventually(
      () => api.requests(),
      (requests) => requests.filter((request) => request.fault === 'delay').length >= stop,
      20_000,
    );
    await stopWorkers(tracker.page);
  }

  const row = await settle(api, testInfo, {
    scenario: '1a. worker stopped mid-request (accepted) ×3',
    name: 'stopped',
    tracked: 120,
    sinceMs,
    timeoutMs: 30_000,
    tracker,
  });

  expect(row.lost).toBe(0);
  // Only what the API took before each stop may come twice: one batch per stop.
  expect(row.duplicated).toBeLessThanOrEqual(3 * 50);
});

test('1b. the worker is stopped while requests hang, three times in a row', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { requestTimeoutMs: 3_000 } });
  await sessionStarted(api);
  await api.fault({ hang: true }, { hang: true }, { hang: true });

  const sinceMs = Date.now();
  await trackBurst(tracker.page, 120, { name: 'hung-stop' });
  for (let stop = 1; stop <= 3; stop++) {
    await eventually(
      () => api.requests(),
      (requests) => requests.filter((request) => request.fault === 'hang').length >= stop,
      20_000,
    );
    await stopWorkers(tracker.page);
  }

  const row = await settle(api, testInfo, {
    scenario: '1b. worker stopped mid-request (hung) ×3',
    name: 'hung-stop',
    tracked: 120,
    sinceMs,
    timeoutMs: 30_000,
  });

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('2. the browser is closed and relaunched with the same profile while offline', async ({
  api,
  siteUrl,
}, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), 'exponea-profile-'));
  const launch = () => chromium.launchPersistentContext(profile, chromiumLaunchOptions());

  try {
    const first = await launch();
    const page = await first.newPage();
    await page.goto(siteUrl);
    await page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded);
    await trackerFor(page).call('configure', configFor(api));
    await sessionStarted(api);

    await first.setOffline(true);
    await trackBurst(page, 80, { name: 'restart' });
    await first.close();

    const sinceMs = Date.now();
    const second = await launch();
    const reopened = await second.newPage();
    await reopened.goto(siteUrl);
    await reopened.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded);
    await trackerFor(reopened).call('configure', configFor(api));

    const row = await settle(api, testInfo, {
      scenario: '2. browser restarted (same profile) after tracking offline',
      name: 'restart',
      tracked: 80,
      sinceMs,
      timeoutMs: 20_000,
    });
    await second.close();

    expect(row.lost).toBe(0);
    expect(row.duplicated).toBe(0);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('3. pages closed right after trackEvent, without awaiting it, in bursts', async ({
  api,
  openTracker,
}, testInfo) => {
  const rounds = 5;
  const perRound = 40;
  const sinceMs = Date.now();

  for (let round = 0; round < rounds; round++) {
    const tracker = await openTracker();
    await trackBurst(tracker.page, perRound, {
      name: 'closed-at-once',
      firstSeq: round * perRound,
      await: false,
    });
    await tracker.page.close();
  }

  const tracked = rounds * perRound;
  const row = await settle(api, testInfo, {
    scenario: '3. page closed right after trackEvent (5 bursts)',
    name: 'closed-at-once',
    tracked,
    sinceMs,
  });

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('11. a worker update with a schema upgrade keeps everything queued', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker();
  await sessionStarted(api);
  // The API is down, so everything stays queued while the update happens.
  await api.fault({ status: 503, times: 'always' });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 60, { name: 'across-update' });

  await tracker.page.evaluate(() =>
    navigator.serviceWorker.register('/sw-next.js', { scope: '/' }),
  );
  await activeScriptEndsWith(tracker.page, '/sw-next.js');
  const readSchema = () =>
    tracker.page.evaluate(
      () =>
        new Promise<{ version: number; stores: string[] }>((resolve) => {
          const request = indexedDB.open('exponea-sw');
          request.onsuccess = () => {
            const db = request.result;
            resolve({ version: db.version, stores: [...db.objectStoreNames] });
            db.close();
          };
        }),
    );
  // The new worker opens (and so upgrades) the database on its first wake.
  // A sync event of the old worker may still be retrying: activation waits for it.
  const schema = await eventually(
    readSchema,
    (read) => read.stores.includes('next-release'),
    SYNC_WAIT_BUDGET_MS + 10_000,
  );
  expect(schema.stores).toContain('next-release');
  expect(schema.stores).toContain('queue');

  await trackBurst(tracker.page, 20, { name: 'across-update', firstSeq: 60 });
  const queued = await tracker.call<{ queued: number }>('getStatus');
  expect(queued.queued).toBeGreaterThanOrEqual(80);
  await api.clearFaults();
  const row = await settle(api, testInfo, {
    scenario: `11. worker update, schema v${schema.version - 1}→v${schema.version}, items queued`,
    name: 'across-update',
    tracked: 80,
    sinceMs,
    tracker,
  });

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});
