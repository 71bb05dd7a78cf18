/**
 * The four flush modes, decided in the worker, which sees every tab of the
 * site. Each test logs its trigger-to-delivery delay and the requests used.
 */
import { countBySeq } from './support/api';
import {
  configFor,
  eventually,
  expect,
  sessionStarted,
  test,
  trackBurst,
} from './support/fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('immediate: a burst of 500 events arrives in at most 20 requests', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker();
  await sessionStarted(api);
  const before = (await api.requests()).length;

  const trackedAtMs = Date.now();
  await trackBurst(tracker.page, 500, { name: 'burst' });
  const events = await eventually(
    () => api.events('burst'),
    (events) => events.length >= 500,
  );

  const requests = (await api.requests()).length - before;
  expect(countBySeq(events).size).toBe(500);
  expect(requests).toBeLessThanOrEqual(20);
  const lastAtMs = Math.max(...events.map((event) => event.receivedAtMs));
  console.log(
    `immediate: 500 events, ${requests} requests, ${lastAtMs - trackedAtMs} ms to deliver`,
  );
});

test('manual: nothing is sent on its own, nor on a reload; flushData() sends everything', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });
  await trackBurst(tracker.page, 20, { name: 'held' });

  await sleep(3_000);
  await tracker.page.reload();
  await tracker.page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded);
  await tracker.call('configure', configFor(api, { flushMode: 'manual' }));
  await sleep(1_000);
  expect(await api.requests()).toHaveLength(0);

  const flushedAtMs = Date.now();
  const result = await tracker.call<{ delivered: number; remaining: number }>('flushData');
  const events = await api.events('held');
  expect(result).toMatchObject({ remaining: 0 });
  expect(result.delivered).toBeGreaterThanOrEqual(20);
  expect(countBySeq(events).size).toBe(20);
  const requests = (await api.requests()).length;
  console.log(
    `manual: flushData delivered ${result.delivered} in ${Date.now() - flushedAtMs} ms, ` +
      `${requests} requests`,
  );
});

test('period: with a 4 s period, nothing is sent at 1.5 s and everything by 4 s', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'period', flushPeriodMs: 4_000 } });
  const configuredAtMs = Date.now();
  await trackBurst(tracker.page, 30, { name: 'periodic' });

  await sleep(1_500 - (Date.now() - configuredAtMs));
  expect(await api.requests()).toHaveLength(0);

  const events = await eventually(
    () => api.events('periodic'),
    (events) => events.length >= 30,
    6_000,
  );
  const deliveredAtMs = Math.max(...events.map((event) => event.receivedAtMs));
  expect(deliveredAtMs - configuredAtMs).toBeLessThan(4_000 + 1_000);
  expect(deliveredAtMs - configuredAtMs).toBeGreaterThanOrEqual(4_000 - 100);
  const requests = (await api.requests()).length;
  console.log(
    `period: delivered ${deliveredAtMs - configuredAtMs} ms after configure (period 4000 ms), ` +
      `${requests} requests`,
  );
});

test('period: several tabs do not multiply the flushes', async ({ api, context, openTracker }) => {
  const config = { flushMode: 'period' as const, flushPeriodMs: 2_000 };
  const first = await openTracker({ config });
  await openTracker({ config: {} });
  await openTracker({ config: {} });
  await trackBurst(first.page, 10, { name: 'tabs' });

  await sleep(4_500);
  const requests = await api.requests();
  expect(context.pages()).toHaveLength(3);
  expect(countBySeq(await api.events('tabs')).size).toBe(10);
  // Two periods have passed: at most one flush each (and a request each, so few).
  expect(requests.length).toBeLessThanOrEqual(2);
});

test('appClose: nothing is sent while the page is open; everything after it closes', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'appClose' } });
  await trackBurst(tracker.page, 25, { name: 'closing' });
  await sleep(2_000);
  expect(await api.requests()).toHaveLength(0);

  const closedAtMs = Date.now();
  await tracker.page.close();
  const events = await eventually(
    () => api.events('closing'),
    (events) => events.length >= 25,
  );
  expect(countBySeq(events).size).toBe(25);
  const deliveredAtMs = Math.max(...events.map((event) => event.receivedAtMs));
  const requests = (await api.requests()).length;
  console.log(
    `appClose: delivered ${deliveredAtMs - closedAtMs} ms after close, ${requests} requests`,
  );
});

test('appClose: events tracked just before the close are included', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'appClose' } });
  await trackBurst(tracker.page, 10, { name: 'last-moment', await: false });
  await tracker.page.close();

  const events = await eventually(
    () => api.events('last-moment'),
    (e) => e.length >= 10,
  );
  expect(countBySeq(events).size).toBe(10);
});

test('appClose with two tabs: closing one sends nothing; closing the second sends all', async ({
  api,
  openTracker,
}) => {
  const first = await openTracker({ config: { flushMode: 'appClose' } });
  const second = await openTracker();
  await trackBurst(first.page, 10, { name: 'two-tabs' });
  await trackBurst(second.page, 10, { name: 'two-tabs', firstSeq: 10 });

  await first.page.close();
  await sleep(2_000);
  expect(await api.requests()).toHaveLength(0);

  await second.page.close();
  const events = await eventually(
    () => api.events('two-tabs'),
    (events) => events.length >= 20,
  );
  expect(countBySeq(events).size).toBe(20);
});

test('a mode set in one tab holds in another', async ({ api, openTracker }) => {
  const first = await openTracker();
  await first.call('setFlushMode', 'manual');

  const second = await openTracker();
  const status = await second.call<{ flushMode: string }>('getStatus');
  expect(status.flushMode).toBe('manual');

  const before = (await api.requests()).length;
  await trackBurst(second.page, 5, { name: 'shared-mode' });
  await sleep(2_000);
  expect((await api.requests()).length).toBe(before);

  await first.call('flushData');
  expect(countBySeq(await api.events('shared-mode')).size).toBe(5);
});

test('manual: flushData() offline completes once connectivity returns', async ({
  api,
  context,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });
  await context.setOffline(true);
  await trackBurst(tracker.page, 10, { name: 'owed' });

  const result = await tracker.call<{ outcome: string; remaining: number }>('flushData');
  expect(result.outcome).toBe('offline');
  expect(result.remaining).toBeGreaterThanOrEqual(10);

  await context.setOffline(false);
  const events = await eventually(
    () => api.events('owed'),
    (events) => events.length >= 10,
  );
  expect(countBySeq(events).size).toBe(10);
});

test('manual: a queue is not sent on its own when connectivity returns', async ({
  api,
  context,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });
  await context.setOffline(true);
  await trackBurst(tracker.page, 5, { name: 'stays' });
  await context.setOffline(false);

  await sleep(2_500);
  expect(await api.requests()).toHaveLength(0);
  const status = await tracker.call<{ queued: number }>('getStatus');
  expect(status.queued).toBeGreaterThanOrEqual(5);
});

test('period: a failed period flush is retried until it goes through', async ({
  api,
  openTracker,
}) => {
  await api.fault({ status: 503, times: 2 });
  const tracker = await openTracker({ config: { flushMode: 'period', flushPeriodMs: 2_000 } });
  await trackBurst(tracker.page, 10, { name: 'retried' });

  const events = await eventually(
    () => api.events('retried'),
    (e) => e.length >= 10,
    15_000,
  );
  expect(countBySeq(events).size).toBe(10);
  const statuses = (await api.requests()).map((request) => request.status);
  expect(statuses.slice(0, 3)).toEqual([503, 503, 200]);
});
