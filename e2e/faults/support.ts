/** What the fault scenarios share beyond the e2e fixtures. */
import type { BrowserContext, Page } from '@playwright/test';

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

export async function contextPages(context: BrowserContext): Promise<number> {
  return context.pages().length;
}
