// How the e2e tests and the benchmark start Chromium: the system's, with the
// flags a closed network needs. Plain JavaScript, so both can import it.

/** `CHROMIUM_PATH` wins, so a user with Playwright's own browser can use it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @returns {import('@playwright/test').LaunchOptions} */
export function chromiumLaunchOptions() {
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
