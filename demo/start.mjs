// `npm run demo`: builds the SDK and the demo shop, starts the local Tracking
// API and the shop's server on localhost, and prints the one URL to open.
//
// Environment:
//   DEMO_PORT     the shop, default 5173;
//   API_PORT      the Tracking API, default 3030;
//   LOG_REQUESTS  1 prints one line per tracking request the API receives.
//
// The ports are fixed so that a bookmark and the installed PWA keep working.
// The page learns the API's URL at run time from the shop server's
// `/config.json`, so another API_PORT needs no rebuild. Both ports are bound
// before the build starts, so a taken port fails at once, not after it.
import { execFileSync } from 'node:child_process';

import { startTrackingApi } from './api/server.mjs';
import { buildShop, SHOP_OUT_DIR } from './shop/build.mjs';
import { startShopServer } from './shop/serve.mjs';

const HOST = '127.0.0.1';

async function main() {
  const shopPort = readPort('DEMO_PORT', 5173);
  const apiPort = readPort('API_PORT', 3030);
  const quiet = process.env.LOG_REQUESTS !== '1';

  const api = await bind('API_PORT', apiPort, () =>
    startTrackingApi({ port: apiPort, host: HOST, quiet }),
  );
  const servers = [api];
  const stop = () => Promise.all(servers.map((server) => server.close()));

  try {
    const config = { apiUrl: api.url };
    servers.push(
      await bind('DEMO_PORT', shopPort, () =>
        startShopServer({ root: SHOP_OUT_DIR, config, port: shopPort, host: HOST }),
      ),
    );
    build();
    await buildShop();
  } catch (error) {
    await stop();
    throw error;
  }

  console.log(`\nDemo shop: ${servers[1].url}  (Ctrl-C stops it)\n`);
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The SDK itself: the shop bundles its page client from src/, but serves dist/sw.js. */
function build() {
  console.log('Building the SDK and the demo shop…');
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}

/** Starts a server, turning a taken port into a message that says what to do. */
async function bind(variable, port, start) {
  try {
    return await start();
  } catch (error) {
    if (error.code !== 'EADDRINUSE') throw error;

    throw new Error(
      `port ${port} is taken. Stop whatever listens there, ` +
        `or pick another: ${variable}=${port + 1} npm run demo`,
    );
  }
}

function readPort(variable, defaultPort) {
  const text = process.env[variable];
  if (text === undefined || text === '') return defaultPort;

  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port from 1 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

main().catch((error) => {
  console.error(`demo: ${error.message}`);
  process.exitCode = 1;
});
