/**
 * Where no service worker can run, the same engine runs in the page: same
 * queue, same identity, same payloads.
 */
import { chromium, type BrowserContext } from '@playwright/test';

import { chromiumLaunchOptions } from './support/browser';

import { countBySeq } from './support/api';
import { configFor, eventually, expect, test, trackBurst, trackerFor } from './support/fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withoutServiceWorkers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
}

test('a page whose browser has no service workers tracks and delivers', async ({
  api,
  context,
  openTracker,
}) => {
  await withoutServiceWorkers(context);
  const tracker = await openTracker();
  await trackBurst(tracker.page, 20, { name: 'no-sw' });

  const events = await eventually(
    () => api.events('no-sw'),
    (events) => events.length >= 20,
  );
  expect(countBySeq(events).size).toBe(20);
  const status = await tracker.call<{ runtime: string; storage: string }>('getStatus');
  expect(status).toMatchObject({ runtime: 'page', storage: 'indexeddb' });
  expect(await api.events('installation')).toHaveLength(1);
});

test('a site whose worker script answers 404 tracks and delivers', async ({ api, openTracker }) => {
  const tracker = await openTracker({ config: { serviceWorkerUrl: '/missing-sw.js' } });
  await trackBurst(tracker.page, 10, { name: 'sw-404' });

  const events = await eventually(
    () => api.events('sw-404'),
    (events) => events.length >= 10,
  );
  expect(countBySeq(events).size).toBe(10);
  const status = await tracker.call<{ runtime: string }>('getStatus');
  expect(status.runtime).toBe('page');
});

test('two tabs in fallback mode deliver each event once', async ({ api, context, openTracker }) => {
  await withoutServiceWorkers(context);
  const first = await openTracker();
  const second = await openTracker();
  await context.setOffline(true);
  await trackBurst(first.page, 60, { name: 'two-fallbacks' });
  await trackBurst(second.page, 60, { name: 'two-fallbacks', firstSeq: 60 });

  await context.setOffline(false);
  const events = await eventually(
    () => api.events('two-fallbacks'),
    (events) => events.length >= 120,
    20_000,
  );
  await sleep(1_500);
  const counts = countBySeq(await api.events('two-fallbacks'));
  expect(counts.size).toBe(120);
  expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
  expect(await api.events('installation')).toHaveLength(1);
  console.log(`fallback, two tabs: tracked 120, delivered ${events.length}, duplicated 0`);
});

test('fallback first, a worker on the next visit: nothing lost or doubled, same cookie', async ({
  api,
  browser,
  openTracker,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (localStorage.getItem('allow-sw') === null) {
      delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
    }
  });
  const fallback = await openTracker({ context, config: { flushMode: 'manual' } });
  const cookie = await fallback.call<string>('getCustomerCookie');
  await trackBurst(fallback.page, 15, { name: 'handover' });
  expect((await fallback.call<{ runtime: string }>('getStatus')).runtime).toBe('page');
  await fallback.page.evaluate(() => localStorage.setItem('allow-sw', '1'));
  await fallback.page.close();

  const withWorker = await openTracker({ context });
  expect((await withWorker.call<{ runtime: string }>('getStatus')).runtime).toBe('service-worker');
  expect(await withWorker.call<string>('getCustomerCookie')).toBe(cookie);
  await trackBurst(withWorker.page, 5, { name: 'handover', firstSeq: 15 });
  await withWorker.call('flushData');

  const events = await eventually(
    () => api.events('handover'),
    (events) => events.length >= 20,
  );
  await sleep(1_000);
  const counts = countBySeq(await api.events('handover'));
  expect(counts.size).toBe(20);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  expect(new Set(events.map((event) => event.data.customer_ids['cookie']))).toEqual(
    new Set([cookie]),
  );
  await context.close();
});

test('fallback appClose: the events go out with keepalive as the page closes', async ({
  api,
  context,
  openTracker,
}) => {
  await withoutServiceWorkers(context);
  const tracker = await openTracker({ config: { flushMode: 'appClose' } });
  await trackBurst(tracker.page, 30, { name: 'exit' });
  await sleep(1_000);
  expect(await api.events('exit')).toHaveLength(0);

  await tracker.page.close();
  const events = await eventually(
    () => api.events('exit'),
    (events) => events.length >= 30,
  );
  expect(countBySeq(events).size).toBe(30);
});

test('a page on plain http (not a secure context) tracks from the page', async ({
  api,
  siteUrl,
}) => {
  // A hostname that maps to this machine but is not localhost: an insecure origin.
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), '--host-resolver-rules=MAP insecure.test 127.0.0.1'],
  });
  const page = await browser.newPage();
  await page.goto(siteUrl.replace('127.0.0.1', 'insecure.test'));
  await page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded === true);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

  const tracker = trackerFor(page);
  await tracker.call('configure', configFor(api));
  await trackBurst(page, 10, { name: 'insecure' });
  const events = await eventually(
    () => api.events('insecure'),
    (events) => events.length >= 10,
  );
  const status = await tracker.call<{ runtime: string }>('getStatus');
  await browser.close();

  expect(status.runtime).toBe('page');
  expect(countBySeq(events).size).toBe(10);
});
