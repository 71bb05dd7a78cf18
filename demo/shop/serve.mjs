// Serves the built demo shop (dist-demo/) and answers `/config.json` with
// the run-time settings, so the page learns where the Tracking API is
// without a rebuild. Plain Node, no framework; for localhost only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts the server and resolves once it listens; rejects when the port is
 * taken (the error's `code` is `EADDRINUSE`).
 *
 * @param {{ root: string, config: object, port?: number, host?: string }} options
 *   `config` is what `/config.json` answers; port 0 picks a free one.
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startShopServer({ root, config, port = 0, host = '127.0.0.1' }) {
  const configJson = JSON.stringify(config);
  const server = createServer((request, response) => {
    answer(request, response, root, configJson).catch(() => {
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });

  const boundPort = await listen(server, port, host);
  return {
    url: `http://${host}:${boundPort}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(request, response, root, configJson) {
  const { pathname } = new URL(request.url ?? '/', 'http://shop');
  // Nothing is cached: a rebuilt shop or worker shows up on the next reload.
  const headers = { 'Cache-Control': 'no-store' };

  if (pathname === '/config.json') {
    response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES['.json'] }).end(configJson);
    return;
  }

  const path = pathname === '/' ? '/index.html' : pathname;
  const body = await readInside(root, path);
  if (body === null) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    return;
  }

  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  response.writeHead(200, { ...headers, 'Content-Type': contentType }).end(body);
}

/** The file at `path` under `root`, or null; a path climbing out of `root` is not found. */
async function readInside(root, path) {
  let relative;
  try {
    relative = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
  } catch {
    return null;
  }
  if (relative.startsWith('..')) return null;

  try {
    return await readFile(join(root, relative));
  } catch {
    return null;
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}
