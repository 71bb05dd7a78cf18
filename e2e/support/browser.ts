/** How the tests start Chromium; shared with the benchmark. */
export { CHROMIUM_PATH, chromiumLaunchOptions } from './chromium.mjs';
