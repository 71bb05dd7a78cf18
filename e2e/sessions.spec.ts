/**
 * Customer lifecycle: installation, one session across every tab, manual
 * sessions and anonymize. A short session timeout keeps the tests quick.
 */
import type { BrowserContext } from '@playwright/test';

import { countBySeq } from './support/api';
import {
  eventually,
  expect,
  sessionStarted,
  test,
  trackBurst,
  type Tracker,
} from './support/fixtures';

const TIMEOUT_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Open = (options?: { context?: BrowserContext; config?: object }) => Promise<Tracker>;
const openWithTimeout = (open: Open) => open({ config: { sessionTimeoutMs: TIMEOUT_MS } });

test('two tabs give one session_start', async ({ api, openTracker }) => {
  await openWithTimeout(openTracker);
  await openWithTimeout(openTracker);
  await sleep(1_000);

  expect(await api.events('session_start')).toHaveLength(1);
  expect(await api.events('session_end')).toHaveLength(0);
});

test('after every tab closed past the timeout, session_end is stamped at the close', async ({
  api,
  openTracker,
}) => {
  const first = await openWithTimeout(openTracker);
  const second = await openWithTimeout(openTracker);
  const [start] = await eventually(
    () => api.events('session_start'),
    (e) => e.length === 1,
  );

  await sleep(1_000);
  await first.page.close();
  const closedAtSeconds = Date.now() / 1_000;
  await second.page.close();
  await sleep(TIMEOUT_MS + 1_000);
  await openWithTimeout(openTracker);

  const starts = await eventually(
    () => api.events('session_start'),
    (e) => e.length === 2,
  );
  const [end] = await api.events('session_end');
  expect(end).toBeDefined();
  expect(end!.data.timestamp).toBeCloseTo(closedAtSeconds, 0);
  const expectedSeconds = end!.data.timestamp! - start!.data.timestamp!;
  expect(end!.data.properties?.['duration']).toBeCloseTo(expectedSeconds, 2);
  expect(end!.data.properties?.['duration']).toBeGreaterThan(0.9);
  expect(starts[1]!.data.timestamp).toBeGreaterThan(end!.data.timestamp!);
  console.log(
    `sessions: end stamped ${(end!.data.timestamp! - closedAtSeconds).toFixed(3)} s ` +
      'from the close, ' +
      `duration ${end!.data.properties?.['duration']} s`,
  );
});

test('reopening within the timeout continues the session silently', async ({
  api,
  openTracker,
}) => {
  const tracker = await openWithTimeout(openTracker);
  await sessionStarted(api);

  await tracker.page.close();
  await sleep(TIMEOUT_MS / 4);
  await openWithTimeout(openTracker);
  await sleep(1_000);

  expect(await api.events('session_start')).toHaveLength(1);
  expect(await api.events('session_end')).toHaveLength(0);
});

test('installation is tracked once across tabs, reloads and sessions', async ({
  api,
  openTracker,
}) => {
  const tracker = await openWithTimeout(openTracker);
  await openWithTimeout(openTracker);
  await tracker.page.reload();
  await tracker.page.close();
  await sleep(500);
  const installations = await api.events('installation');

  expect(installations).toHaveLength(1);
  const properties = installations[0]!.data.properties!;
  expect(properties).toMatchObject({
    sdk: 'exponea-sw',
    browser: 'Chrome',
    device_type: 'desktop',
  });
  expect(typeof properties['sdk_version']).toBe('string');
  expect(typeof properties['os_name']).toBe('string');
});

test('anonymize offline: old events keep the old cookie, new ones get the new', async ({
  api,
  context,
  openTracker,
}) => {
  const tracker = await openWithTimeout(openTracker);
  const oldCookie = await tracker.call<string>('getCustomerCookie');
  await sessionStarted(api);

  await context.setOffline(true);
  await trackBurst(tracker.page, 5, { name: 'before' });
  await tracker.call('anonymize');
  const newCookie = await tracker.call<string>('getCustomerCookie');
  await trackBurst(tracker.page, 5, { name: 'after' });
  await context.setOffline(false);

  await eventually(
    () => api.events('after'),
    (events) => events.length >= 5,
  );
  const cookieOf = (events: { data: { customer_ids: Record<string, string> } }[]) => [
    ...new Set(events.map((event) => event.data.customer_ids['cookie'])),
  ];
  expect(newCookie).not.toBe(oldCookie);
  expect(cookieOf(await api.events('before'))).toEqual([oldCookie]);
  expect(cookieOf(await api.events('after'))).toEqual([newCookie]);
  expect(cookieOf(await api.events('session_end'))).toEqual([oldCookie]);
  expect(cookieOf(await api.events('installation'))).toEqual([oldCookie, newCookie]);
  expect(cookieOf(await api.events('session_start'))).toEqual([oldCookie, newCookie]);
  expect(countBySeq(await api.events('before')).size).toBe(5);
});

test('a manual session with a back-dated start has the right duration', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { automaticSessionTracking: false } });
  const startedAt = new Date(Date.now() - 90_000);
  const endedAt = new Date(startedAt.getTime() + 42_500);

  await tracker.page.evaluate(
    async ([start, end]) => {
      const sdk = (window as unknown as { exponea: Record<string, (d?: Date) => Promise<void>> })
        .exponea;
      await sdk.trackSessionStart!(new Date(start!));
      await sdk.trackSessionEnd!(new Date(end!));
    },
    [startedAt.getTime(), endedAt.getTime()],
  );

  const [end] = await eventually(
    () => api.events('session_end'),
    (events) => events.length === 1,
  );
  const [start] = await api.events('session_start');
  expect(start!.data.timestamp).toBeCloseTo(startedAt.getTime() / 1_000, 3);
  expect(end!.data.timestamp).toBeCloseTo(endedAt.getTime() / 1_000, 3);
  expect(end!.data.properties?.['duration']).toBeCloseTo(42.5, 3);
});

test('manual session calls are ignored while automatic tracking is on', async ({
  api,
  openTracker,
}) => {
  const tracker = await openWithTimeout(openTracker);
  await sessionStarted(api);
  await tracker.call('trackSessionEnd');
  await tracker.call('trackSessionStart');
  await trackBurst(tracker.page, 1, { name: 'marker' });
  await eventually(
    () => api.events('marker'),
    (events) => events.length === 1,
  );

  expect(await api.events('session_start')).toHaveLength(1);
  expect(await api.events('session_end')).toHaveLength(0);
  expect(countBySeq(await api.events('marker')).size).toBe(1);
});
