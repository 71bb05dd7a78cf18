/**
 * A local stand-in for the Bloomreach Engagement Tracking API, for the demo,
 * the end-to-end tests and developers. It validates what the SDK sends,
 * records what it accepts per project token, and misbehaves on request
 * through the `/__control` routes.
 */

import { createServer } from 'node:http';

import { applyCors } from './cors.mjs';
import { handleControlRequest } from './control.mjs';
import { canAnswer, sendJson } from './http-json.mjs';
import { matchRoute } from './routes.mjs';
import { ProjectStore } from './store.mjs';
import { handleTrackingRequest } from './tracking-request.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('./tracking-request.mjs').ServerContext} ServerContext
 */

/**
 * Starts the Tracking API and resolves once it listens.
 *
 * `close()` ends hung and delayed requests and every open socket, so it
 * resolves promptly; calling it again returns the same promise. Rejects
 * when the port cannot be bound (for example `EADDRINUSE`).
 *
 * @example
 * const api = await startTrackingApi();
 * await fetch(`${api.url}/__control/health`);
 * await api.close();
 *
 * @param {object} [options]
 * @param {number} [options.port] TCP port; 0 picks a free one. Default 0.
 * @param {string} [options.host] Default '127.0.0.1'.
 * @param {boolean} [options.quiet] False logs one line per tracking request
 *   (never bodies or tokens). Default true.
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startTrackingApi({ port = 0, host = '127.0.0.1', quiet = true } = {}) {
  /** @type {ServerContext} */
  const context = {
    projects: new ProjectStore(),
    log: quiet ? () => {} : (line) => console.log(`[tracking-api] ${line}`),
  };

  const server = createServer((request, response) => {
    dispatch(request, response, context).catch((error) => answerCrash(response, error));
  });

  const boundPort = await listen(server, port, host);

  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    url: `http://${hostForUrl(host)}:${boundPort}`,
    port: boundPort,
    close: () => (closing ??= closeServer(server)),
  };
}

/**
 * @param {IncomingMessage} request
 * @param {ServerResponse} response
 * @param {ServerContext} context
 */
async function dispatch(request, response, context) {
  applyCors(request, response);

  if (request.method === 'OPTIONS') {
    response.writeHead(204).end();
    return;
  }

  const method = request.method ?? 'GET';
  const { pathname } = new URL(request.url ?? '/', 'http://host');
  const route = matchRoute(method, pathname);

  if (!route) {
    const message = `No route for ${method} ${pathname}`;
    sendJson(response, 404, { success: false, message });
    return;
  }

  if (route.area === 'tracking') {
    await handleTrackingRequest(request, response, route, context);
    return;
  }

  await handleControlRequest(request, response, route, context.projects);
}

/**
 * A client that leaves mid-request makes reading its body fail; that is no
 * error of the server. Anything else is a bug worth a 500 and a stack.
 *
 * @param {ServerResponse} response
 * @param {unknown} error
 */
function answerCrash(response, error) {
  if (!canAnswer(response)) return;

  console.error('[tracking-api] request failed:', error);
  sendJson(response, 500, { success: false, message: 'Internal error' });
}

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>} the bound port
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);

    server.listen(port, host, () => {
      server.off('error', reject);
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve(address.port);
    });
  });
}

/**
 * `server.close()` alone waits for every connection to end, and a hung
 * request or an idle keep-alive socket would hold it indefinitely.
 *
 * @param {import('node:http').Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * IPv6 literals need brackets inside a URL.
 *
 * @param {string} host
 */
function hostForUrl(host) {
  return host.includes(':') ? `[${host}]` : host;
}
