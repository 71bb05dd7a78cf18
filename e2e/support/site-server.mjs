// Serves a test site: the built SDK from dist/ at the root (so the worker is
// /sw.js with scope /), and the pages in e2e/site/. Plain Node, no framework.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A strict policy, as a careful site would send: no inline code, no eval. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:*";

/**
 * @param {{ roots: string[], port?: number, host?: string }} options
 *   roots are searched in order for each path.
 */
export async function startSiteServer({ roots, port = 0, host = '127.0.0.1' }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const body = await find(roots, path);

    if (body === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    };
    if (url.searchParams.has('strict-csp')) headers['Content-Security-Policy'] = STRICT_CSP;
    response.writeHead(200, headers).end(body);
  });

  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((resolve) => server.closeAllConnections() || server.close(resolve)),
  };
}

async function find(roots, path) {
  const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  if (relative.startsWith('..')) return null;

  for (const root of roots) {
    try {
      return await readFile(join(root, relative));
    } catch {
      // Not in this root; try the next.
    }
  }
  return null;
}
