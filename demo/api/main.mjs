/**
 * Runs the local Tracking API until Ctrl-C.
 *
 *   node demo/api/main.mjs
 *
 * Environment: PORT (default 3030, 0 for any free port), HOST (default
 * 127.0.0.1), LOG_REQUESTS=1 to print one line per tracking request.
 * On start it prints exactly one line, `Tracking API listening on <url>`,
 * which scripts can wait for.
 */

import { startTrackingApi } from './server.mjs';

const DEFAULT_PORT = 3030;

async function main() {
  const api = await startTrackingApi({
    port: readPort(process.env.PORT),
    host: process.env.HOST || '127.0.0.1',
    quiet: process.env.LOG_REQUESTS !== '1',
  });

  console.log(`Tracking API listening on ${api.url}`);

  // With the server closed nothing is left on the event loop, so the
  // process ends by itself. `once` lets a second Ctrl-C kill it outright.
  const stop = () => void api.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * @param {string | undefined} text
 * @returns {number}
 */
function readPort(text) {
  if (text === undefined || text === '') return DEFAULT_PORT;

  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    const given = JSON.stringify(text);
    throw new TypeError(`PORT: expected 0 to 65535, got ${given}`);
  }

  return port;
}

main().catch((error) => {
  console.error(`Tracking API could not start: ${error.message}`);
  process.exitCode = 1;
});
