/**
 * Checking JSON that a client sent: what counts as an object, and the error
 * the control routes raise when their input is malformed.
 */

/**
 * True for a JSON object: not null, not an array.
 *
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Malformed input to a control route. The message starts with the field it
 * concerns, so the test author sees which key to fix; the route answers 400.
 */
export class InputError extends Error {
  name = 'InputError';
}
