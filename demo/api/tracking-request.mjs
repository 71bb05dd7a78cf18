/**
 * One tracking request from socket to answer: read the body, note the
 * request in its project, then let the project's next fault decide how to
 * misbehave, or answer as the Tracking API would.
 */

import { STATUS_CODES } from 'node:http';

import { readJsonBody, sendJson } from './http-json.mjs';
import { isPlainObject } from './json-input.mjs';
import { answerTrackingCall } from './tracking.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('./routes.mjs').TrackingRoute} TrackingRoute
 * @typedef {import('./http-json.mjs').JsonBody} JsonBody
 * @typedef {import('./faults.mjs').Fault} Fault
 * @typedef {import('./store.mjs').Project} Project
 * @typedef {import('./store.mjs').RecordedRequest} RecordedRequest
 * @typedef {import('./tracking.mjs').Answer} Answer
 *
 * @typedef {object} ServerContext
 * @property {import('./store.mjs').ProjectStore} projects
 * @property {(line: string) => void} log one line per tracking request
 */

/**
 * Handles a request that matched a tracking route. Rejects only when the
 * client leaves before its body has arrived.
 *
 * @param {IncomingMessage} request
 * @param {ServerResponse} response
 * @param {TrackingRoute} route
 * @param {ServerContext} context
 */
export async function handleTrackingRequest(request, response, route, context) {
  const startedAtMs = Date.now();
  const body = await readJsonBody(request);

  const project = context.projects.obtain(route.token);
  const record = project.startRequest({
    path: new URL(request.url ?? '/', 'http://host').pathname,
    commandCount: countCommands(route, body),
    startedAtMs,
    // Whether the client sent cookies; a tracker should never need them.
    sentCookies: request.headers.cookie !== undefined,
  });

  const fault = project.faults.take();
  record.fault = fault?.kind ?? null;

  const exchange = new Exchange({
    request,
    response,
    route,
    body,
    project,
    record,
    onSettled: (outcome) => context.log(logLine(route, record, outcome)),
  });
  respond(exchange, fault);
}

/**
 * @param {Exchange} exchange
 * @param {Fault | null} fault
 */
function respond(exchange, fault) {
  switch (fault?.kind) {
    case undefined:
      return exchange.reply(exchange.answer());
    case 'status':
      return exchange.reply(faultAnswer(fault), retryAfterHeaders(fault));
    case 'delay':
      // The commands are taken now; only the answer is late.
      return exchange.replyAfter(fault.delayMs, exchange.answer());
    case 'hang':
      return exchange.leaveHanging();
    case 'drop':
      if (fault.accept) exchange.answer();
      return exchange.drop();
  }
}

/**
 * @param {Extract<Fault, { kind: 'status' }>} fault
 * @returns {Answer}
 */
function faultAnswer({ status, body }) {
  if (body !== undefined) return { status, body: /** @type {object} */ (body) };

  return { status, body: { success: false, message: STATUS_CODES[status] } };
}

/**
 * @param {Extract<Fault, { kind: 'status' }>} fault
 * @returns {Record<string, string>}
 */
function retryAfterHeaders({ retryAfterSeconds }) {
  if (retryAfterSeconds === null) return {};

  return { 'Retry-After': String(retryAfterSeconds) };
}

/**
 * Commands the body carries, whether or not they turn out valid; 0 when it
 * cannot be read.
 *
 * @param {TrackingRoute} route
 * @param {JsonBody} body
 */
function countCommands(route, body) {
  if (body.status !== 'ok' || !isPlainObject(body.value)) return 0;
  if (route.endpoint !== 'batch') return 1;

  const { commands } = body.value;
  return Array.isArray(commands) ? commands.length : 0;
}

/**
 * The log line. The path shows `:token` instead of the token, and no body
 * content is ever printed.
 *
 * @param {TrackingRoute} route
 * @param {RecordedRequest} record
 * @param {string} outcome
 */
function logLine(route, record, outcome) {
  const path = `/track/v2/projects/:token/${route.endpoint}`;
  const count = `${record.commandCount} command(s)`;
  const fault = record.fault ? ` [fault: ${record.fault}]` : '';

  return `POST ${path} ${count} -> ${outcome}${fault}`;
}

/**
 * A request in flight: the ways it can end, each noted on its record and
 * reported once through `onSettled`.
 */
class Exchange {
  /** @type {IncomingMessage} */ #request;
  /** @type {ServerResponse} */ #response;
  /** @type {TrackingRoute} */ #route;
  /** @type {JsonBody} */ #body;
  /** @type {Project} */ #project;
  /** @type {RecordedRequest} */ #record;
  /** @type {(outcome: string) => void} */ #onSettled;
  #settled = false;

  /**
   * @param {object} parts
   * @param {IncomingMessage} parts.request
   * @param {ServerResponse} parts.response
   * @param {TrackingRoute} parts.route
   * @param {JsonBody} parts.body
   * @param {Project} parts.project
   * @param {RecordedRequest} parts.record this request's entry in `project`
   * @param {(outcome: string) => void} parts.onSettled
   */
  constructor({ request, response, route, body, project, record, onSettled }) {
    this.#request = request;
    this.#response = response;
    this.#route = route;
    this.#body = body;
    this.#project = project;
    this.#record = record;
    this.#onSettled = onSettled;
  }

  /** Runs the call as the Tracking API would, recording what it accepts. */
  answer() {
    return answerTrackingCall({
      endpoint: this.#route.endpoint,
      authorization: this.#request.headers.authorization,
      body: this.#body,
      project: this.#project,
      requestIndex: this.#record.index,
    });
  }

  /**
   * @param {Answer} answer
   * @param {Record<string, string>} [headers]
   */
  reply({ status, body }, headers) {
    if (!sendJson(this.#response, status, body, headers)) {
      this.#settle('no answer, the client left');
      return;
    }

    this.#record.status = status;
    this.#record.answeredAtMs = Date.now();
    this.#settle(String(status));
  }

  /**
   * @param {number} delayMs
   * @param {Answer} answer
   */
  replyAfter(delayMs, answer) {
    const timer = setTimeout(() => this.reply(answer), delayMs);

    // Fires when the client gives up or the server closes the socket: the
    // answer can no longer arrive, so the timer must not keep running.
    this.#response.once('close', () => {
      clearTimeout(timer);
      if (this.#record.answeredAtMs === null) {
        this.#settle('no answer, the client left');
      }
    });
  }

  /**
   * The socket stays open until the client aborts or the server closes;
   * `close()` of the server ends it.
   */
  leaveHanging() {
    this.#settle('no answer (hanging)');
  }

  drop() {
    this.#request.socket.destroy();
    this.#settle('connection dropped');
  }

  /** @param {string} outcome */
  #settle(outcome) {
    if (this.#settled) return;

    this.#settled = true;
    this.#onSettled(outcome);
  }
}
