/** How the tests start Chromium: the system's, with flags for a closed network. */
import type { LaunchOptions } from '@playwright/test';

/** `CHROMIUM_PATH` wins, so a user with Playwright's own browser can use it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  return {
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
      ...(process.env.CHROMIUM_EXTRA_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
  };
}
