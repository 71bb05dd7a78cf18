/**
 * The Tracking API itself: authorization, the batch call and the two single
 * calls, answered the way Bloomreach answers them. Accepted commands are
 * recorded in the project. Faults and sockets are not this module's
 * business; it only turns a call into an answer.
 */

import { isPlainObject } from './json-input.mjs';
import { checkCommand, readBatchCommands } from './validate.mjs';

/**
 * @typedef {import('./routes.mjs').TrackingEndpoint} TrackingEndpoint
 * @typedef {import('./http-json.mjs').JsonBody} JsonBody
 * @typedef {import('./store.mjs').Project} Project
 *
 * @typedef {{ status: number, body: object }} Answer
 *
 * @typedef {(
 *   | { success: true, time: number, command_id?: string }
 *   | { success: false, errors: string[], command_id?: string }
 * )} CommandResult
 *
 * @typedef {object} TrackingCall
 * @property {TrackingEndpoint} endpoint
 * @property {string | undefined} authorization the request's header
 * @property {JsonBody} body
 * @property {Project} project
 * @property {number} requestIndex where accepted commands point back to
 */

// Auth schemes are case-insensitive (RFC 9110, section 11.1); the key after
// the scheme must not be empty.
const TOKEN_AUTHORIZATION = /^token +\S/i;

/**
 * Answers one tracking call.
 *
 * @param {TrackingCall} call
 * @returns {Answer}
 */
export function answerTrackingCall(call) {
  const { endpoint, authorization, body } = call;

  if (!TOKEN_AUTHORIZATION.test(authorization ?? '')) {
    const errors = ['authorization: expected "Token <public key>"'];
    return { status: 401, body: { success: false, errors } };
  }

  if (body.status === 'too-large') {
    return { status: 413, body: { success: false, message: 'Body too large' } };
  }

  if (body.status === 'invalid') {
    return { status: 400, body: { success: false, message: 'Invalid JSON' } };
  }

  /** @param {unknown} command */
  const run = (command) => runCommand(command, call);
  if (endpoint === 'batch') return answerBatch(body.value, run);

  return answerSingle(endpoint, body.value, run);
}

/**
 * @param {unknown} body
 * @param {(command: unknown) => CommandResult} run
 * @returns {Answer}
 */
function answerBatch(body, run) {
  const startTimeSeconds = nowSeconds();

  const batch = readBatchCommands(body);
  if (!batch.ok) {
    return { status: 400, body: { success: false, message: batch.problem } };
  }

  const results = batch.commands.map(run);

  return {
    status: 200,
    body: {
      success: true,
      start_time: startTimeSeconds,
      end_time: nowSeconds(),
      results,
    },
  };
}

/**
 * A single call is a batch of one whose body is the command's data, answered
 * with a status instead of a result list.
 *
 * @param {Exclude<TrackingEndpoint, 'batch'>} endpoint
 * @param {unknown} data
 * @param {(command: unknown) => CommandResult} run
 * @returns {Answer}
 */
function answerSingle(endpoint, data, run) {
  const result = run({ name: endpoint, data });

  if (!result.success) {
    return { status: 400, body: { success: false, errors: result.errors } };
  }

  return { status: 200, body: { success: true } };
}

/**
 * Validates one command, applies the project's refusals and records it when
 * accepted.
 *
 * @param {unknown} candidate
 * @param {TrackingCall} call
 * @returns {CommandResult}
 */
function runCommand(candidate, { project, requestIndex }) {
  const echo = echoCommandId(candidate);

  const check = checkCommand(candidate);
  if (!check.ok) return { success: false, errors: check.errors, ...echo };

  const refusal = findRefusal(check.command, project);
  if (refusal) return { success: false, errors: [refusal], ...echo };

  project.acceptCommand(check.command, requestIndex);
  return { success: true, time: nowSeconds(), ...echo };
}

/**
 * The client matches results to commands by `command_id`, so it is echoed
 * on failures too, whenever it is a string.
 *
 * @param {unknown} candidate
 * @returns {{ command_id?: string }}
 */
function echoCommandId(candidate) {
  if (!isPlainObject(candidate)) return {};

  const commandId = candidate.command_id;
  return typeof commandId === 'string' ? { command_id: commandId } : {};
}

/**
 * @param {import('./validate.mjs').TrackingCommand} command
 * @param {Project} project
 * @returns {string | null}
 */
function findRefusal(command, project) {
  if (command.name !== 'customers/events') return null;

  const eventType = command.data.event_type;
  if (!project.refusedEventTypes.has(eventType)) return null;

  return `refused: event_type ${JSON.stringify(eventType)} is not accepted`;
}

/** The API's clock: float seconds since the epoch. */
function nowSeconds() {
  return Date.now() / 1000;
}
