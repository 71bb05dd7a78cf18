/**
 * Fixtures shared by the e2e files: a project of its own on the shared
 * Tracking API for each test, pages of the shared test site with the SDK
 * loaded, and the DevTools controls the tests need (stop the worker, fire a
 * sync event).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

import type { Configuration } from '../../src/types';
import { ApiProject } from './api';

export { expect };

export interface Tracker {
  page: Page;
  /** Runs `exponea.<method>(...args)` in the page and returns its result. */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
}

interface Fixtures {
  api: ApiProject;
  siteUrl: string;
  /** Opens a page of the test site and configures the SDK for this test's project. */
  openTracker(options?: {
    context?: BrowserContext;
    config?: Partial<Configuration>;
    path?: string;
    configure?: boolean;
  }): Promise<Tracker>;
}

export const test = base.extend<Fixtures>({
  api: async ({}, use, testInfo) => {
    const token = `e2e-${testInfo.testId}-${Math.random().toString(36).slice(2, 8)}`;
    await use(new ApiProject(required('E2E_API_URL'), token));
  },

  siteUrl: async ({}, use) => {
    await use(required('E2E_SITE_URL'));
  },

  openTracker: async ({ context, api, siteUrl }, use) => {
    await use(async (options = {}) => {
      const page = await (options.context ?? context).newPage();
      await page.goto(`${siteUrl}${options.path ?? '/'}`);
      await page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded === true);

      const tracker = trackerFor(page);
      if (options.configure !== false) {
        await tracker.call('configure', configFor(api, options.config));
      }
      return tracker;
    });
  },
});

export function configFor(api: ApiProject, overrides: Partial<Configuration> = {}): Configuration {
  return {
    projectToken: api.token,
    authorization: 'Token e2e-public-key',
    baseUrl: api.baseUrl,
    debug: true,
    ...overrides,
  };
}

export function trackerFor(page: Page): Tracker {
  return {
    page,
    call: (method, ...args) =>
      page.evaluate(
        ([name, values]) => {
          const sdk = (
            window as unknown as { exponea: Record<string, (...a: unknown[]) => unknown> }
          ).exponea;
          return sdk[name as string]!(...(values as unknown[]));
        },
        [method, args] as const,
      ) as never,
  };
}

/** Tracks `count` events named `name` with `seq` from `firstSeq`, all in one task. */
export async function trackBurst(
  page: Page,
  count: number,
  options: { name?: string; firstSeq?: number; await?: boolean } = {},
): Promise<void> {
  await page.evaluate(
    async ({ count, name, firstSeq, wait }) => {
      const sdk = (window as unknown as { exponea: { trackEvent(e: unknown): Promise<void> } })
        .exponea;
      const tracked: Promise<void>[] = [];
      for (let seq = firstSeq; seq < firstSeq + count; seq++) {
        tracked.push(sdk.trackEvent({ name, properties: { seq } }));
      }
      if (wait) await Promise.all(tracked);
    },
    {
      count,
      name: options.name ?? 'e2e',
      firstSeq: options.firstSeq ?? 0,
      wait: options.await ?? true,
    },
  );
}

/** Stops every service worker, as Chromium does when one is idle. */
export async function stopWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Waits until the project received its session's start: the tracker is up and sending. */
export function sessionStarted(api: ApiProject) {
  return eventually(
    () => api.events('session_start'),
    (events) => events.length === 1,
  );
}

/** Polls `read` until `accept` holds, failing with the last value after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through playwright.config.ts`);
  return value;
}
