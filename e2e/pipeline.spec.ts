/**
 * The tracking pipeline end to end: page client → service worker →
 * IndexedDB → the local Tracking API, in a real Chromium with the built files.
 */
import { countBySeq } from './support/api';
import {
  eventually,
  expect,
  stopWorkers,
  test,
  trackBurst,
  trackerFor,
  configFor,
} from './support/fixtures';

test('an uncontrolled first visit tracks and delivers', async ({ api, openTracker }) => {
  const tracker = await openTracker({ configure: false });
  const controlled = await tracker.page.evaluate(() => navigator.serviceWorker.controller !== null);
  expect(controlled).toBe(false);

  await tracker.call('configure', configFor(api));
  await trackBurst(tracker.page, 5);

  const events = await eventually(
    () => api.events('e2e'),
    (events) => events.length >= 5,
  );
  expect([...countBySeq(events).values()]).toEqual([1, 1, 1, 1, 1]);
  const cookie = await tracker.call<string>('getCustomerCookie');
  expect(cookie).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(events.every((event) => event.data.customer_ids['cookie'] === cookie)).toBe(true);
});

test('calls made before configure() are kept in order and delivered', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ configure: false });

  await tracker.page.evaluate(
    (config) => {
      const sdk = (window as unknown as { exponea: Record<string, (a?: unknown) => Promise<void>> })
        .exponea;
      void sdk.trackEvent!({ name: 'early', properties: { seq: 0 } });
      void sdk.identifyCustomer!({ ids: { registered: 'early@example.com' } });
      void sdk.trackEvent!({ name: 'early', properties: { seq: 1 } });
      return sdk.configure!(config);
    },
    configFor(api) as unknown as Record<string, unknown>,
  );

  const events = await eventually(
    () => api.events('early'),
    (events) => events.length >= 2,
  );
  expect(events.map((event) => event.data.properties?.['seq'])).toEqual([0, 1]);
  expect(events[0]!.data.customer_ids['registered']).toBeUndefined();
  expect(events[1]!.data.customer_ids['registered']).toBe('early@example.com');
});

test('120 events tracked offline arrive through Background Sync after the page closed', async ({
  api,
  context,
  openTracker,
}) => {
  const tracker = await openTracker();
  await eventually(
    () => api.events('installation'),
    (events) => events.length === 1,
  );

  await context.setOffline(true);
  const trackedFromSeconds = Date.now() / 1_000;
  await trackBurst(tracker.page, 120, { name: 'offline' });
  const trackedUntilSeconds = Date.now() / 1_000;
  const status = await tracker.call<{ queued: number }>('getStatus');
  expect(status.queued).toBeGreaterThanOrEqual(120);

  await tracker.page.close();
  expect(context.pages()).toHaveLength(0);
  const reconnectedAtMs = Date.now();
  await context.setOffline(false);

  const events = await eventually(
    () => api.events('offline'),
    (e) => e.length >= 120,
    20_000,
  );
  const counts = countBySeq(events);
  expect(counts.size).toBe(120);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  for (const event of events) {
    expect(event.data.timestamp).toBeGreaterThanOrEqual(trackedFromSeconds - 1);
    expect(event.data.timestamp).toBeLessThanOrEqual(trackedUntilSeconds + 1);
  }

  const requests = await api.requests();
  const afterReconnect = requests.filter((request) => request.startedAtMs >= reconnectedAtMs);
  expect(afterReconnect.length).toBeLessThanOrEqual(3);
  console.log(
    `offline → sync: tracked 120, delivered ${events.length}, duplicated ` +
      `${events.length - counts.size}, requests ${afterReconnect.length}`,
  );
});

test('503s, a reload and a stopped worker lose nothing; recovery sends each event once', async ({
  api,
  openTracker,
}) => {
  await api.fault({ status: 503, times: 'always' });
  const tracker = await openTracker();
  await trackBurst(tracker.page, 30, { name: 'storm' });
  await eventually(
    () => api.requests(),
    (requests) => requests.some((r) => r.status === 503),
  );

  await tracker.page.reload();
  await tracker.page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded);
  await trackerFor(tracker.page).call('configure', configFor(api));
  await trackBurst(tracker.page, 30, { name: 'storm', firstSeq: 30 });
  await stopWorkers(tracker.page);

  const recoveredAtMs = Date.now();
  await api.clearFaults();
  const events = await eventually(
    () => api.events('storm'),
    (e) => e.length >= 60,
    30_000,
  );
  const counts = countBySeq(events);

  expect(counts.size).toBe(60);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  const requests = await api.requests();
  console.log(
    `503 storm: tracked 60, delivered ${events.length}, ` +
      `duplicated ${events.length - counts.size}, ` +
      `requests ${requests.length} (${requests.filter((r) => r.status === 503).length} refused), ` +
      `drained ${Date.now() - recoveredAtMs} ms after recovery`,
  );
});

test('refused commands are dropped at maxTries while the others arrive', async ({
  api,
  openTracker,
}) => {
  await api.refuse(['poison']);
  const tracker = await openTracker({ config: { maxTries: 3, flushMode: 'manual' } });
  await trackBurst(tracker.page, 10, { name: 'good' });
  await trackBurst(tracker.page, 2, { name: 'poison', firstSeq: 100 });

  const first = await tracker.call<{ delivered: number; remaining: number }>('flushData');
  expect(first.remaining).toBe(2);
  await tracker.call('flushData');
  const third = await tracker.call<{ dropped: number; remaining: number }>('flushData');

  expect(third).toMatchObject({ dropped: 2, remaining: 0 });
  const good = await api.events('good');
  expect(countBySeq(good).size).toBe(10);
  expect(await api.events('poison')).toHaveLength(0);
});

test('bad input is refused with the field named, and nothing bad is queued', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });

  const outcomes = await tracker.page.evaluate(async () => {
    const sdk = (window as unknown as { exponea: Record<string, (a?: unknown) => Promise<void>> })
      .exponea;
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const bad: [string, unknown][] = [
      ['trackEvent', { name: '' }],
      ['trackEvent', { name: 42 }],
      ['trackEvent', { name: 'x', properties: { price: NaN } }],
      ['trackEvent', { name: 'x', properties: { total: Infinity } }],
      ['trackEvent', { name: 'x', properties: { big: 10n } }],
      ['trackEvent', { name: 'x', properties: { run: () => 1 } }],
      ['trackEvent', { name: 'x', properties: { tag: Symbol('s') } }],
      ['trackEvent', { name: 'x', properties: cycle }],
      ['trackEvent', { name: 'x', timestamp: '2024-01-01' }],
      ['identifyCustomer', { ids: { registered: 7 } }],
      ['identifyCustomer', { ids: {} }],
      ['setFlushMode', 'sometimes'],
    ];
    const results = [];
    for (const [method, arg] of bad) {
      try {
        await sdk[method]!(arg);
        results.push({ method, field: null, typeError: false });
      } catch (error) {
        const field = (error as { field?: string }).field ?? null;
        results.push({ method, field, typeError: error instanceof TypeError });
      }
    }
    return results;
  });

  expect(outcomes.map((outcome) => outcome.field)).toEqual([
    'name',
    'name',
    'properties.price',
    'properties.total',
    'properties.big',
    'properties.run',
    'properties.tag',
    'properties.self',
    'timestamp',
    'ids.registered',
    'ids',
    'mode',
  ]);
  expect(outcomes.every((outcome) => outcome.typeError)).toBe(true);

  const status = await tracker.call<{ queued: number }>('getStatus');
  const automatic = 2; // installation and session_start, tracked by configure
  expect(status.queued).toBe(automatic);
  await tracker.call('flushData');
  const names = (await api.events()).map((event) => event.data.event_type).sort();
  expect(names).toEqual(['installation', 'session_start']);
});
