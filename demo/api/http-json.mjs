/**
 * Reading JSON request bodies and writing JSON answers over `node:http`.
 */

// A batch of 50 events with generous properties stays far below this; the
// limit only keeps a runaway client from filling the server's memory.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * @typedef {(
 *   | { status: 'ok', value: unknown }
 *   | { status: 'invalid' }
 *   | { status: 'too-large' }
 * )} JsonBody
 */

/**
 * Reads the whole body and parses it as JSON. A body over the limit is still
 * read to its end (and dropped), so the client gets an answer, not a reset.
 * Rejects when the client goes away before the body ends.
 *
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<JsonBody>}
 */
export async function readJsonBody(request) {
  /** @type {Buffer[]} */
  const chunks = [];
  let sizeBytes = 0;

  for await (const chunk of request) {
    sizeBytes += chunk.length;
    if (sizeBytes <= MAX_BODY_BYTES) chunks.push(chunk);
  }

  if (sizeBytes > MAX_BODY_BYTES) return { status: 'too-large' };

  return parseJson(Buffer.concat(chunks).toString('utf8'));
}

/**
 * @param {string} text
 * @returns {JsonBody}
 */
function parseJson(text) {
  try {
    return { status: 'ok', value: JSON.parse(text) };
  } catch {
    return { status: 'invalid' };
  }
}

/**
 * Whether the client can still receive an answer on this response.
 *
 * @param {import('node:http').ServerResponse} response
 */
export function canAnswer(response) {
  if (response.headersSent || response.destroyed) return false;

  return response.socket !== null && !response.socket.destroyed;
}

/**
 * Answers with `body` as JSON. Returns false, writing nothing, when the
 * client is already gone, so the caller can record the request as
 * unanswered.
 *
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {boolean}
 */
export function sendJson(response, status, body, headers = {}) {
  if (!canAnswer(response)) return false;

  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  response.end(payload);

  return true;
}
