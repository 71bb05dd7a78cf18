/**
 * Faults of the platform: no Background Sync (as on Firefox and Safari),
 * IndexedDB that cannot be opened, fills up or drops its connection, and a
 * queue over its cap or past its retention.
 */
import { recordRow, tally } from '../support/fault-rows';
import {
  eventually,
  expect,
  sessionStarted,
  test,
  trackBurst,
  type Tracker,
} from '../support/fixtures';
import { settle, sleep } from './support';

/** Switches the IndexedDB trouble of `sw-idb-trouble.js` from the page. */
async function idbTrouble(tracker: Tracker, trouble: 'quota' | 'lost' | null, times?: number) {
  await tracker.page.evaluate(
    async ([kind, count]) => {
      const registration = await navigator.serviceWorker.ready;
      const set = new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('message', (event) => {
          if ('idbTroubleSet' in (event.data ?? {})) resolve(undefined);
        }),
      );
      registration.active!.postMessage({ idbTrouble: kind, times: count });
      await set;
    },
    [trouble, times] as const,
  );
}

for (const [variant, script] of [
  ['no registration.sync (Firefox, Safari)', '/sw-no-sync.js'],
  ['sync.register() throws', '/sw-sync-throws.js'],
] as const) {
  test(`7. without Background Sync (${variant}) everything arrives after reconnect`, async ({
    api,
    context,
    openTracker,
  }, testInfo) => {
    const tracker = await openTracker({ config: { serviceWorkerUrl: script } });
    await sessionStarted(api);
    await context.setOffline(true);
    const sinceMs = Date.now();
    await trackBurst(tracker.page, 40, { name: 'no-sync' });

    // With a page open, its `online` event is the trigger.
    await context.setOffline(false);
    await eventually(
      () => api.events('no-sync'),
      (events) => events.length >= 40,
    );

    // With every page closed, the next visit's start-up is.
    await context.setOffline(true);
    await trackBurst(tracker.page, 40, { name: 'no-sync', firstSeq: 40 });
    await tracker.page.close();
    await sleep(1_000);
    await context.setOffline(false);
    await sleep(1_500);
    const beforeVisit = (await api.events('no-sync')).length;
    const reopened = await openTracker({ config: { serviceWorkerUrl: script } });
    const row = await settle(api, testInfo, {
      scenario: `7. no Background Sync: ${variant}`,
      name: 'no-sync',
      tracked: 80,
      sinceMs,
      tracker: reopened,
    });
    expect(beforeVisit).toBe(40);
    expect(row.lost).toBe(0);
    expect(row.duplicated).toBe(0);
  });
}

test('8a. IndexedDB cannot be opened: the queue lives in memory, and says so', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { serviceWorkerUrl: '/sw-no-idb.js' } });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 30, { name: 'memory-only' });

  const status = await tracker.call<{ storage: string }>('getStatus');
  const row = await settle(api, testInfo, {
    scenario: '8a. IndexedDB cannot be opened (memory)',
    name: 'memory-only',
    tracked: 30,
    sinceMs,
  });

  expect(status.storage).toBe('memory');
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('8b. IndexedDB is full: tracking goes on in memory, then back to IndexedDB', async ({
  api,
  context,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { serviceWorkerUrl: '/sw-idb-trouble.js' } });
  await sessionStarted(api);
  await context.setOffline(true);
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 20, { name: 'quota' });

  await idbTrouble(tracker, 'quota');
  await trackBurst(tracker.page, 20, { name: 'quota', firstSeq: 20 });
  const full = await tracker.call<{ storage: string; queued: number }>('getStatus');
  await idbTrouble(tracker, null);
  await trackBurst(tracker.page, 20, { name: 'quota', firstSeq: 40 });
  const stillKept = await tracker.call<{ storage: string; queued: number }>('getStatus');
  await context.setOffline(false);

  const row = await settle(api, testInfo, {
    scenario: '8b. IndexedDB quota exceeded mid-run',
    name: 'quota',
    tracked: 60,
    sinceMs,
    tracker,
  });
  const drained = await tracker.call<{ storage: string; queued: number }>('getStatus');

  expect(full).toMatchObject({ storage: 'memory', queued: 40 });
  // Memory still holds 20 until they are sent; then IndexedDB is all there is.
  expect(stillKept).toMatchObject({ storage: 'memory', queued: 60 });
  expect(drained).toMatchObject({ storage: 'indexeddb', queued: 0 });
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('8c. the IndexedDB connection is lost mid-run: the worker reopens it', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { serviceWorkerUrl: '/sw-idb-trouble.js' } });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 20, { name: 'reconnect' });
  await idbTrouble(tracker, 'lost', 3);
  await trackBurst(tracker.page, 20, { name: 'reconnect', firstSeq: 20 });
  await trackBurst(tracker.page, 20, { name: 'reconnect', firstSeq: 40 });

  const row = await settle(api, testInfo, {
    scenario: '8c. IndexedDB connection lost mid-run',
    name: 'reconnect',
    tracked: 60,
    sinceMs,
    tracker,
  });
  const status = await tracker.call<{ storage: string }>('getStatus');

  expect(status.storage).toBe('indexeddb');
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('9a. a queue over maxQueueSize drops the oldest, counted', async ({
  api,
  context,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { maxQueueSize: 100 } });
  await sessionStarted(api);
  await context.setOffline(true);
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 150, { name: 'capped' });
  const status = await tracker.call<{ queued: number }>('getStatus');
  await context.setOffline(false);

  const row = await settle(api, testInfo, {
    scenario: '9a. 150 tracked into a queue capped at 100',
    name: 'capped',
    tracked: 150,
    sinceMs,
    dropped: 50,
    tracker,
  });
  const events = await api.events('capped');

  expect(status.queued).toBe(100);
  // The oldest went: what arrives is the newest 100.
  expect(Math.min(...events.map((event) => event.data.properties!['seq'] as number))).toBe(50);
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('9b. items past maxRetentionMs are dropped unsent, counted', async ({
  api,
  context,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { maxRetentionMs: 1_000, flushMode: 'manual' } });
  await context.setOffline(true);
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 20, { name: 'expired' });
  await sleep(1_500);
  await trackBurst(tracker.page, 10, { name: 'fresh' });
  await context.setOffline(false);

  const result = await tracker.call<{ dropped: number; delivered: number }>('flushData');
  const row = await tally(api, {
    scenario: '9b. 20 items past a 1 s retention, 10 fresh',
    name: 'fresh',
    tracked: 10,
    sinceMs,
  });
  recordRow(testInfo, { ...row, tracked: 30, dropped: 20 });

  // The 20 expired, plus installation and session_start from before.
  expect(result.dropped).toBe(22);
  expect(await api.events('expired')).toHaveLength(0);
  expect(row.delivered).toBe(10);
  expect(row.lost).toBe(0);
});
