/**
 * Fault rules: a per-project queue of ways to misbehave, so a test can make
 * the next tracking requests fail the way real servers and networks do.
 * Rules run first in, first out; each covers `times` requests, then the next
 * one takes over.
 */

import { InputError, isPlainObject } from './json-input.mjs';

/**
 * @typedef {(
 *   | {
 *       kind: 'status',
 *       status: number,
 *       retryAfterSeconds: number | null,
 *       body: unknown,
 *     }
 *   | { kind: 'delay', delayMs: number }
 *   | { kind: 'hang' }
 *   | { kind: 'drop', accept: boolean }
 * )} Fault
 *
 * @typedef {object} QueuedFault
 * @property {Fault} fault
 * @property {number | 'always'} remaining requests it still covers
 */

/** The key that names each kind, and the keys allowed beside it. */
const RULE_KEYS = {
  status: ['retryAfterSeconds', 'body'],
  delayMs: [],
  hang: [],
  drop: ['accept'],
};
const KIND_KEYS = Object.keys(RULE_KEYS);

/** The faults waiting for one project's tracking requests. */
export class FaultQueue {
  /** @type {QueuedFault[]} */
  #queue = [];

  /** Number of rules still waiting, the current one included. */
  get length() {
    return this.#queue.length;
  }

  /** @param {QueuedFault[]} entries */
  append(entries) {
    this.#queue.push(...entries);
  }

  clear() {
    this.#queue.length = 0;
  }

  /**
   * The fault for the request that just arrived, or null to answer normally.
   * Counts the request against the current rule.
   *
   * @returns {Fault | null}
   */
  take() {
    const current = this.#queue[0];
    if (!current) return null;

    if (current.remaining !== 'always') {
      current.remaining -= 1;
      if (current.remaining === 0) this.#queue.shift();
    }

    return current.fault;
  }
}

/**
 * Reads the body of `POST /__control/projects/{token}/faults`:
 * `{"faults": [rule, …]}` to append, `{"clear": true}` to empty the queue
 * first (both may be given).
 *
 * @param {unknown} body
 * @returns {{ clear: boolean, entries: QueuedFault[] }}
 * @throws {InputError} naming the first malformed field
 */
export function readFaultsBody(body) {
  if (!isPlainObject(body)) throw new InputError('body: not an object');

  const { clear = false, faults } = body;
  if (typeof clear !== 'boolean') throw new InputError('clear: not a boolean');

  if (faults === undefined && !clear) {
    throw new InputError('faults: missing (send {"clear": true} to empty)');
  }

  if (faults !== undefined && !Array.isArray(faults)) {
    throw new InputError('faults: not an array');
  }

  const entries = (faults ?? []).map((rule, index) => readRule(rule, `faults[${index}]`));

  return { clear, entries };
}

/**
 * @param {unknown} rule
 * @param {string} where
 * @returns {QueuedFault}
 */
function readRule(rule, where) {
  if (!isPlainObject(rule)) throw new InputError(`${where}: not an object`);

  const kinds = KIND_KEYS.filter((key) => key in rule);
  if (kinds.length !== 1) {
    const choices = KIND_KEYS.join(', ');
    throw new InputError(`${where}: needs exactly one of ${choices}`);
  }

  const kindKey = /** @type {keyof RULE_KEYS} */ (kinds[0]);
  rejectUnknownKeys(rule, kindKey, where);

  return {
    fault: readFault(rule, kindKey, where),
    remaining: readTimes(rule.times, `${where}.times`),
  };
}

/**
 * A misspelt key would otherwise be ignored silently, and the test would
 * exercise a different fault than its author meant.
 *
 * @param {Record<string, unknown>} rule
 * @param {keyof RULE_KEYS} kindKey
 * @param {string} where
 */
function rejectUnknownKeys(rule, kindKey, where) {
  const allowed = [kindKey, 'times', ...RULE_KEYS[kindKey]];
  const unknown = Object.keys(rule).find((key) => !allowed.includes(key));

  if (unknown !== undefined) {
    throw new InputError(`${where}.${unknown}: not allowed with ${kindKey}`);
  }
}

/**
 * @param {Record<string, unknown>} rule
 * @param {keyof RULE_KEYS} kindKey
 * @param {string} where
 * @returns {Fault}
 */
function readFault(rule, kindKey, where) {
  switch (kindKey) {
    case 'status':
      return {
        kind: 'status',
        status: readStatus(rule.status, `${where}.status`),
        retryAfterSeconds: readRetryAfter(rule.retryAfterSeconds, `${where}.retryAfterSeconds`),
        body: rule.body,
      };
    case 'delayMs':
      return { kind: 'delay', delayMs: readDelay(rule.delayMs, where) };
    case 'hang':
      requireTrue(rule.hang, `${where}.hang`);
      return { kind: 'hang' };
    case 'drop':
      requireTrue(rule.drop, `${where}.drop`);
      return { kind: 'drop', accept: readAccept(rule.accept, where) };
  }
}

/**
 * @param {unknown} status
 * @param {string} where
 */
function readStatus(status, where) {
  // 1xx answers are not final and would leave the client waiting, so the
  // range starts at 200 (a 200 with an odd body is a useful fault too).
  const isInteger = typeof status === 'number' && Number.isInteger(status);
  if (isInteger && status >= 200 && status <= 599) return status;

  throw new InputError(`${where}: must be an HTTP status from 200 to 599`);
}

/**
 * @param {unknown} seconds
 * @param {string} where
 */
function readRetryAfter(seconds, where) {
  if (seconds === undefined) return null;

  // Retry-After carries whole seconds (RFC 9110, delay-seconds).
  const isInteger = typeof seconds === 'number' && Number.isInteger(seconds);
  if (isInteger && seconds >= 0) return seconds;

  throw new InputError(`${where}: must be a whole number of seconds`);
}

/**
 * @param {unknown} delayMs
 * @param {string} where
 */
function readDelay(delayMs, where) {
  const isFinite = typeof delayMs === 'number' && Number.isFinite(delayMs);
  if (isFinite && delayMs >= 0) return delayMs;

  throw new InputError(`${where}.delayMs: must be a number of milliseconds`);
}

/**
 * @param {unknown} accept
 * @param {string} where
 */
function readAccept(accept, where) {
  if (accept === undefined) return false;
  if (typeof accept === 'boolean') return accept;

  throw new InputError(`${where}.accept: not a boolean`);
}

/**
 * @param {unknown} value
 * @param {string} where
 */
function requireTrue(value, where) {
  if (value !== true) throw new InputError(`${where}: must be true`);
}

/**
 * @param {unknown} times
 * @param {string} where
 * @returns {number | 'always'}
 */
function readTimes(times, where) {
  if (times === undefined) return 1;
  if (times === 'always') return 'always';
  const isInteger = typeof times === 'number' && Number.isInteger(times);
  if (isInteger && times > 0) return times;

  throw new InputError(`${where}: must be a positive integer or "always"`);
}
