import type { ErrorCode, WireError } from './protocol/messages';

/** A failure that is not the caller's argument: storage, availability. */
export class ExponeaError extends Error {
  override readonly name = 'ExponeaError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Rebuilds an error that crossed the page/worker boundary as data. */
export function fromWire(error: WireError): Error {
  if (error.code !== 'invalid-argument') return new ExponeaError(error.code, error.message);

  return Object.assign(new TypeError(error.message), { field: error.field });
}

/** Flattens an error so it can cross the page/worker boundary. */
export function toWire(error: unknown): WireError {
  if (error instanceof TypeError && 'field' in error) {
    return { code: 'invalid-argument', message: error.message, field: String(error.field) };
  }
  if (error instanceof ExponeaError) return { code: error.code, message: error.message };

  return { code: 'storage-failed', message: `exponea: ${String(error)}` };
}
