// Starts Chromium the way the e2e tests do, and opens benchmark pages.
import { chromium } from '@playwright/test';

import { CHROMIUM_PATH, chromiumLaunchOptions } from '../../e2e/support/chromium.mjs';

export { CHROMIUM_PATH };

export const LAUNCH_OPTIONS = chromiumLaunchOptions();

export const launchBrowser = () => chromium.launch(LAUNCH_OPTIONS);

export const launchPersistent = (profileDir) =>
  chromium.launchPersistentContext(profileDir, LAUNCH_OPTIONS);

/** Opens `path` of the bench site and waits until its script set `window.benchReady`. */
export async function openPage(context, siteUrl, path = '/') {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(`${siteUrl}${path}`);
  await page.waitForFunction(() => window.benchReady === true);
  return page;
}

/** Runs `fn` with a fresh context, closed afterwards whatever happens. */
export async function withContext(browser, fn) {
  const context = await browser.newContext();
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}
