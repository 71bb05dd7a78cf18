/** What the fault scenarios share beyond the e2e fixtures. */
import type { Page, TestInfo } from '@playwright/test';

import type { ApiProject } from '../support/api';
import { recordRow, tally, type FaultRow } from '../support/fault-rows';
import { eventually, type Tracker } from '../support/fixtures';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tag under which the tracker registers Background Sync. */
export const SYNC_TAG = 'workbox-background-sync:exponea';

/** Fires a Background Sync event at the site's worker, as the browser would. */
export async function dispatchSync(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((registration) => !registration.isDeleted);
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');

  const origin = new URL(page.url()).origin;
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: await registrationId,
    tag: SYNC_TAG,
    lastChance: false,
  });
  await cdp.detach();
}

/** Posts raw messages to the active worker and collects what comes back. */
export async function postRaw(page: Page, messages: unknown[]): Promise<unknown[]> {
  return page.evaluate(async (raw) => {
    const registration = await navigator.serviceWorker.ready;
    const replies: unknown[] = [];
    navigator.serviceWorker.addEventListener('message', (event) => replies.push(event.data));
    for (const message of raw) registration.active!.postMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return replies;
  }, messages);
}

/** Waits until the site's active worker runs the script at `path`. */
export async function activeScriptEndsWith(page: Page, path: string): Promise<void> {
  await page.waitForFunction(async (suffix) => {
    const registration = await navigator.serviceWorker.getRegistration();
    return registration?.active?.scriptURL.endsWith(suffix) ?? false;
  }, path);
}

/** How long to wait after the last expected arrival, for a duplicate to show up. */
const SETTLE_MS = 1_000;

/**
 * Waits until every event of the scenario that should arrive has (and, with
 * a `tracker`, until its queue is empty), gives a duplicate the time to land
 * too, then records the scenario's row.
 */
export async function settle(
  api: ApiProject,
  testInfo: TestInfo,
  scenario: Parameters<typeof tally>[1] & { timeoutMs?: number; tracker?: Tracker },
): Promise<FaultRow> {
  const { tracker, timeoutMs = 20_000 } = scenario;
  const expected = scenario.tracked - (scenario.dropped ?? 0);
  const arrived = (row: FaultRow) => row.delivered >= expected;
  await eventually(() => tally(api, scenario), arrived, timeoutMs);

  // A resend of what already arrived comes only later: wait for the queue to empty.
  if (tracker) {
    const queued = () => tracker.call<{ queued: number }>('getStatus').then((s) => s.queued);
    await eventually(queued, (count) => count === 0, timeoutMs);
  }
  await sleep(SETTLE_MS);

  const row = await tally(api, scenario);
  recordRow(testInfo, row);
  return row;
}
