// Starts Chromium the way the e2e tests do (see e2e/support/browser.ts, which
// Node cannot import: it is TypeScript), and opens benchmark pages.
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    // Without these Chromium floods a closed network with connections.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

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
