/**
 * Security: the worker talks only to the configured API, without
 * credentials; logs carry no tokens or payloads; a strict Content-Security-
 * Policy is no obstacle; no cookie, third-party or not, is touched.
 */
import type { ConsoleMessage } from '@playwright/test';

import { eventually, expect, test, trackBurst } from '../support/fixtures';

const SECRET_KEY = 'Token secret-public-key-7f3a';
const SECRET_VALUE = 'payload-value-91c2';
const SECRET_EMAIL = 'secret.person@example.com';

test('requests go only to baseUrl, and carry no cookies', async ({ api, context, openTracker }) => {
  const urls: string[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker()) urls.push(request.url());
  });
  await context.addCookies([{ name: 'session', value: 'abc', url: api.baseUrl }]);

  const tracker = await openTracker();
  await trackBurst(tracker.page, 5, { name: 'where' });
  await eventually(
    () => api.events('where'),
    (events) => events.length === 5,
  );

  const requests = await api.requests();
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((request) => !request.sentCookies)).toBe(true);
  const sent = urls.filter((url) => !url.endsWith('/sw.js'));
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.every((url) => url.startsWith(`${api.baseUrl}/track/v2/projects/`))).toBe(true);
});

test('debug logs describe what happened, never tokens or payloads', async ({
  api,
  context,
  openTracker,
}) => {
  const logs: string[] = [];
  const collect = (message: ConsoleMessage) => logs.push(message.text());
  context.on('console', collect);
  context.on('serviceworker', (worker) => worker.on('console', collect));
  await api.refuse(['refused']);
  await api.fault({ status: 503 });

  const tracker = await openTracker({ config: { authorization: SECRET_KEY, maxTries: 1 } });
  for (const worker of context.serviceWorkers()) worker.on('console', collect);
  await tracker.call('identifyCustomer', { ids: { registered: SECRET_EMAIL } });
  await tracker.call('trackEvent', { name: 'refused', properties: { secret: SECRET_VALUE } });
  await tracker.call('trackEvent', { name: 'fine', properties: { secret: SECRET_VALUE } });
  await eventually(
    () => api.events('fine'),
    (events) => events.length === 1,
    20_000,
  );
  await tracker.call('trackEvent', { name: 42 }).catch(() => undefined);

  const workerLogs = logs.filter((line) => line.includes('[exponea service-worker]'));
  expect(workerLogs.some((line) => line.includes('HTTP 503'))).toBe(true);
  expect(workerLogs.some((line) => line.includes('dropped'))).toBe(true);
  for (const secret of [SECRET_KEY, 'secret-public-key', SECRET_VALUE, SECRET_EMAIL]) {
    expect(logs.filter((line) => line.includes(secret))).toEqual([]);
  }
});

test('a page with a strict Content-Security-Policy tracks and delivers', async ({
  api,
  openTracker,
}) => {
  const tracker = await openTracker({ path: '/?strict-csp', configure: false });
  await tracker.page.evaluate(() => {
    (window as { violations?: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { violations: string[] }).violations.push(event.violatedDirective);
    });
  });
  const policy = await tracker.page.evaluate(async () => {
    const response = await fetch(location.href);
    return response.headers.get('content-security-policy');
  });
  expect(policy).toContain("script-src 'self'");

  await tracker.call('configure', {
    projectToken: api.token,
    authorization: 'Token e2e-public-key',
    baseUrl: api.baseUrl,
  });
  await trackBurst(tracker.page, 5, { name: 'csp' });
  await eventually(
    () => api.events('csp'),
    (events) => events.length === 5,
  );

  const violations = await tracker.page.evaluate(
    () => (window as { violations?: string[] }).violations,
  );
  expect(violations).toEqual([]);
});

test('no cookie is read or written: nothing depends on third-party cookies', async ({
  api,
  context,
  openTracker,
}) => {
  await context.addInitScript(() => {
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    (window as { cookieAccesses?: number }).cookieAccesses = 0;
    Object.defineProperty(Document.prototype, 'cookie', {
      get() {
        (window as unknown as { cookieAccesses: number }).cookieAccesses++;
        return descriptor.get!.call(this);
      },
      set(value) {
        (window as unknown as { cookieAccesses: number }).cookieAccesses++;
        descriptor.set!.call(this, value);
      },
    });
  });
  const tracker = await openTracker();
  await trackBurst(tracker.page, 3, { name: 'cookieless' });
  await tracker.call('getCustomerCookie');
  await eventually(
    () => api.events('cookieless'),
    (events) => events.length === 3,
  );

  const accesses = await tracker.page.evaluate(
    () => (window as { cookieAccesses?: number }).cookieAccesses,
  );
  expect(accesses).toBe(0);
  const cookies = await context.cookies();
  expect(cookies).toEqual([]);
});
