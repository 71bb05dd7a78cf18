/**
 * CORS headers for every answer. The SDK calls this server from a service
 * worker on another origin and always sends `Authorization`, so every
 * tracking call is preceded by a preflight that must succeed.
 */

const ALLOWED_HEADERS = 'authorization, content-type';
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

// Ten minutes: long enough to spare most preflights during a test run, short
// enough that a changed server is noticed without restarting the browser.
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Sets the CORS headers on `response`, echoing the caller's origin.
 *
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
export function applyCors(request, response) {
  const origin = request.headers.origin;

  response.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin !== undefined) response.setHeader('Vary', 'Origin');

  response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  response.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  response.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);

  // Retry-After is not a CORS-safelisted response header: without this the
  // worker would see the 503 but not how long the server asked it to wait.
  response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
}
