/**
 * The control routes under `/__control`, for tests only. They need no
 * authorization, and all but the health check are scoped to a project token:
 *
 * - `GET /__control/health` → `{ok: true}`
 * - `GET /__control/projects/{token}` → `{commands, requests}`
 * - `DELETE /__control/projects/{token}` → `{ok: true}`; forgets it all
 * - `POST …/{token}/faults` `{faults?: [rule…], clear?: true}`
 *   → `{ok: true, queuedRules}`
 * - `POST …/{token}/refuse` `{eventTypes: [name…]}` → `{ok: true, eventTypes}`
 *
 * Malformed input answers 400 `{ok: false, message}`, the message starting
 * with the field at fault.
 */

import { readFaultsBody } from './faults.mjs';
import { readJsonBody, sendJson } from './http-json.mjs';
import { InputError, isPlainObject } from './json-input.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('./routes.mjs').ControlRoute} ControlRoute
 * @typedef {import('./store.mjs').ProjectStore} ProjectStore
 */

/**
 * @param {IncomingMessage} request
 * @param {ServerResponse} response
 * @param {ControlRoute} route
 * @param {ProjectStore} projects
 */
export async function handleControlRequest(request, response, route, projects) {
  try {
    sendJson(response, 200, await runAction(request, route, projects));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;

    sendJson(response, 400, { ok: false, message: error.message });
  }
}

/**
 * @param {IncomingMessage} request
 * @param {ControlRoute} route
 * @param {ProjectStore} projects
 * @returns {Promise<object>} the answer's body
 */
async function runAction(request, route, projects) {
  switch (route.action) {
    case 'health':
      return { ok: true };
    case 'read':
      return projects.find(route.token)?.describe() ?? nothingReceived();
    case 'forget':
      projects.forget(route.token);
      return { ok: true };
    case 'faults': {
      const input = await readInput(request);
      return queueFaults(input, projects.obtain(route.token));
    }
    case 'refuse': {
      const input = await readInput(request);
      return refuse(input, projects.obtain(route.token));
    }
  }
}

function nothingReceived() {
  return { commands: [], requests: [] };
}

/**
 * @param {unknown} input
 * @param {import('./store.mjs').Project} project
 */
function queueFaults(input, project) {
  const { clear, entries } = readFaultsBody(input);

  if (clear) project.faults.clear();
  project.faults.append(entries);

  return { ok: true, queuedRules: project.faults.length };
}

/**
 * Refusals add up until the project is forgotten.
 *
 * @param {unknown} input
 * @param {import('./store.mjs').Project} project
 */
function refuse(input, project) {
  const eventTypes = isPlainObject(input) ? input.eventTypes : undefined;

  const valid =
    Array.isArray(eventTypes) &&
    eventTypes.every((type) => typeof type === 'string' && type !== '');
  if (!valid) {
    throw new InputError('eventTypes: must be an array of non-empty strings');
  }

  for (const eventType of eventTypes) project.refusedEventTypes.add(eventType);

  return { ok: true, eventTypes: [...project.refusedEventTypes] };
}

/**
 * @param {IncomingMessage} request
 * @returns {Promise<unknown>}
 */
async function readInput(request) {
  const body = await readJsonBody(request);

  if (body.status === 'too-large') throw new InputError('body: too large');
  if (body.status === 'invalid') throw new InputError('body: invalid JSON');

  return body.value;
}
