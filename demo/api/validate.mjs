/**
 * Validation of Tracking API commands, strict enough that the SDK meets here
 * every refusal the real API can give it. Every problem is a string that
 * starts with the field it concerns (`timestamp: …`), so a test can tell the
 * rules apart without matching prose.
 */

import { isPlainObject } from './json-input.mjs';

/** The Tracking API refuses larger batches as a whole. */
export const MAX_BATCH_COMMANDS = 50;

// Seconds since the epoch stay below 1e11 until the year 5138, while any
// time after March 1973 counted in milliseconds is above it. A value over
// the bound was therefore almost certainly sent in milliseconds.
const MAX_TIMESTAMP_SECONDS = 1e11;

/**
 * @typedef {object} EventData
 * @property {Record<string, string>} customer_ids
 * @property {string} event_type
 * @property {number} timestamp seconds since the epoch
 * @property {Record<string, unknown>} [properties]
 *
 * @typedef {object} CustomerData
 * @property {Record<string, string>} customer_ids
 * @property {Record<string, unknown>} [properties]
 * @property {number} [update_timestamp] seconds since the epoch
 * @property {number} [timestamp] what the mobile SDKs send instead
 *
 * @typedef {(
 *   | { name: 'customers/events', data: EventData, command_id?: string }
 *   | { name: 'customers', data: CustomerData, command_id?: string }
 * )} TrackingCommand
 *
 * @typedef {(
 *   | { ok: true, command: TrackingCommand }
 *   | { ok: false, errors: string[] }
 * )} CommandCheck
 */

/** @type {Map<unknown, (data: unknown) => string[]>} */
const DATA_CHECKS = new Map([
  ['customers/events', checkEventData],
  ['customers', checkCustomerData],
]);

/**
 * Reads the command list out of a batch body.
 *
 * @param {unknown} body
 * @returns {{ ok: true, commands: unknown[] } | { ok: false, problem: string }}
 */
export function readBatchCommands(body) {
  const commands = isPlainObject(body) ? body.commands : undefined;

  if (commands === undefined) return refuseBatch('commands: missing');
  if (!Array.isArray(commands)) return refuseBatch('commands: not an array');
  if (commands.length === 0) return refuseBatch('commands: empty');

  if (commands.length > MAX_BATCH_COMMANDS) {
    const count = commands.length;
    return refuseBatch(`commands: ${count} given, at most ${MAX_BATCH_COMMANDS} allowed`);
  }

  return { ok: true, commands };
}

/**
 * @param {string} problem
 * @returns {{ ok: false, problem: string }}
 */
function refuseBatch(problem) {
  return { ok: false, problem };
}

/**
 * Checks one command of a batch (or the body of a single call, wrapped as a
 * command by the caller).
 *
 * @param {unknown} command
 * @returns {CommandCheck}
 */
export function checkCommand(command) {
  if (!isPlainObject(command)) {
    return { ok: false, errors: ['command: not an object'] };
  }

  const checkData = DATA_CHECKS.get(command.name);
  const errors = [
    ...checkCommandId(command.command_id),
    ...(checkData
      ? checkData(command.data)
      : [`name: unknown command ${JSON.stringify(command.name)}`]),
  ];

  if (errors.length > 0) return { ok: false, errors };

  return { ok: true, command: /** @type {TrackingCommand} */ (command) };
}

/** @param {unknown} commandId */
function checkCommandId(commandId) {
  if (commandId === undefined || typeof commandId === 'string') return [];

  return ['command_id: not a string'];
}

/** @param {unknown} data */
function checkEventData(data) {
  if (!isPlainObject(data)) return ['data: not an object'];

  return [
    ...checkCustomerIds(data.customer_ids),
    ...checkEventType(data.event_type),
    ...checkSeconds('timestamp', data.timestamp, { required: true }),
    ...checkProperties(data.properties),
  ];
}

/** @param {unknown} data */
function checkCustomerData(data) {
  if (!isPlainObject(data)) return ['data: not an object'];

  const optional = { required: false };
  return [
    ...checkCustomerIds(data.customer_ids),
    ...checkProperties(data.properties),
    ...checkSeconds('update_timestamp', data.update_timestamp, optional),
    ...checkSeconds('timestamp', data.timestamp, optional),
  ];
}

/** @param {unknown} customerIds */
function checkCustomerIds(customerIds) {
  if (!isPlainObject(customerIds)) return ['customer_ids: not an object'];

  const ids = Object.values(customerIds);
  if (ids.some((id) => typeof id !== 'string')) {
    return ['customer_ids: every id must be a string'];
  }

  if (!ids.some((id) => id !== '')) {
    return ['customer_ids: needs at least one non-empty id'];
  }

  return [];
}

/** @param {unknown} eventType */
function checkEventType(eventType) {
  if (typeof eventType === 'string' && eventType !== '') return [];

  return ['event_type: must be a non-empty string'];
}

/**
 * @param {string} field
 * @param {unknown} value
 * @param {{ required: boolean }} options
 */
function checkSeconds(field, value, { required }) {
  if (value === undefined) return required ? [`${field}: missing`] : [];

  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return [`${field}: must be a number of seconds since the epoch`];
  }

  if (value < 0) return [`${field}: negative`];

  if (value > MAX_TIMESTAMP_SECONDS) {
    return [`${field}: ${value} looks like milliseconds, send seconds`];
  }

  return [];
}

/** @param {unknown} properties */
function checkProperties(properties) {
  if (properties === undefined || isPlainObject(properties)) return [];

  return ['properties: not an object'];
}
