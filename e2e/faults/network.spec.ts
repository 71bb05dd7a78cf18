/**
 * Faults of the Tracking API and the network: server errors, rate limits,
 * hung and dropped requests, commands that are always refused.
 */
import { recordRow, tally } from '../support/fault-rows';
import {
  eventually,
  expect,
  sessionStarted,
  stopWorkers,
  test,
  trackBurst,
} from '../support/fixtures';
import { settle, sleep } from './support';

test('4a. a 5xx storm, then recovery', async ({ api, openTracker }, testInfo) => {
  await api.fault({ status: 503, times: 2 }, { status: 500 }, { status: 502 });
  const tracker = await openTracker();
  await trackBurst(tracker.page, 100, { name: 'storm' });

  await eventually(
    () => api.events('storm'),
    (events) => events.length >= 100,
    30_000,
  );
  const requests = await api.requests();
  const errors = requests.filter((request) => (request.status ?? 0) >= 500);
  const recoveredAtMs = errors.at(-1)!.answeredAtMs!;
  const row = await tally(api, {
    scenario: '4a. 5xx storm (4 errors), then recovery',
    name: 'storm',
    tracked: 100,
    sinceMs: recoveredAtMs,
  });
  recordRow(testInfo, { ...row, requests: requests.length });

  expect(errors).toHaveLength(4);
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
  // Backoff is capped so that recovery is seen within 30 s.
  expect(row.drainMs).toBeLessThan(30_000);
});

test('4b. a 429 with Retry-After: no request goes out before it expires', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker();
  await sessionStarted(api);
  await api.fault({ status: 429, retryAfterSeconds: 3 });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 30, { name: 'limited' });
  await sleep(500);
  await trackBurst(tracker.page, 10, { name: 'limited', firstSeq: 30 });

  const row = await settle(api, testInfo, {
    scenario: '4b. 429 with Retry-After: 3',
    name: 'limited',
    tracked: 40,
    sinceMs,
    tracker,
  });
  const requests = (await api.requests()).filter((request) => request.startedAtMs >= sinceMs);
  const limited = requests.find((request) => request.status === 429)!;
  const next = requests[requests.indexOf(limited) + 1]!;

  expect(next.startedAtMs - limited.answeredAtMs!).toBeGreaterThanOrEqual(3_000 - 50);
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('5a. the API hangs: the request timeout catches it', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { requestTimeoutMs: 1_500 } });
  await sessionStarted(api);
  await api.fault({ hang: true, times: 2 });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 50, { name: 'hung' });

  const row = await settle(api, testInfo, {
    scenario: '5a. API hangs twice (timeout 1.5 s)',
    name: 'hung',
    tracked: 50,
    sinceMs,
    tracker,
  });
  const requests = (await api.requests()).filter((request) => request.startedAtMs >= sinceMs);

  expect(requests.filter((request) => request.fault === 'hang')).toHaveLength(2);
  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('5b. the connection is dropped mid-request', async ({ api, openTracker }, testInfo) => {
  const tracker = await openTracker();
  await sessionStarted(api);
  await api.fault({ drop: true, times: 2 });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 50, { name: 'dropped' });

  const row = await settle(api, testInfo, {
    scenario: '5b. connection dropped twice',
    name: 'dropped',
    tracked: 50,
    sinceMs,
    timeoutMs: 20_000,
  });

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

test('5c. the answer arrives after the worker has gone', async ({ api, openTracker }, testInfo) => {
  const tracker = await openTracker({ config: { requestTimeoutMs: 3_000 } });
  await sessionStarted(api);
  await api.fault({ delayMs: 2_000 });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 30, { name: 'late-answer' });

  await eventually(
    () => api.requests(),
    (requests) => requests.some((r) => r.fault === 'delay'),
  );
  await stopWorkers(tracker.page);
  const row = await settle(api, testInfo, {
    scenario: '5c. answer arrives after the worker was stopped',
    name: 'late-answer',
    tracked: 30,
    sinceMs,
    tracker,
  });

  expect(row.lost).toBe(0);
  // The API took the batch, its answer went nowhere: that one batch comes again.
  expect(row.duplicated).toBeLessThanOrEqual(30);
});

test('10. poison: commands that are always refused neither block nor loop', async ({
  api,
  openTracker,
}, testInfo) => {
  await api.refuse(['poison']);
  const tracker = await openTracker({ config: { maxTries: 3 } });
  const sinceMs = Date.now();
  await trackBurst(tracker.page, 5, { name: 'poison', firstSeq: 1_000 });
  await trackBurst(tracker.page, 40, { name: 'healthy' });
  for (let flush = 0; flush < 3; flush++) await tracker.call('flushData');

  const status = await tracker.call<{ queued: number }>('getStatus');
  const requests = (await api.requests()).filter((request) => request.startedAtMs >= sinceMs);
  const row = await tally(api, {
    scenario: '10. poison (always refused, 200 with success: false)',
    name: 'healthy',
    tracked: 40,
    sinceMs,
  });
  recordRow(testInfo, { ...row, tracked: 45, dropped: 5 });

  expect(row.delivered).toBe(40);
  expect(await api.events('poison')).toHaveLength(0);
  expect(status.queued).toBe(0);
  // Each flush tries a refused command once: a handful of requests, no loop.
  expect(requests.length).toBeLessThanOrEqual(8);
});
