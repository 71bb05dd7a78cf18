/**
 * What the Tracking API's answer to one batch means for each command in it.
 * Nothing is treated as delivered unless the answer says so.
 */
import type { Sendable } from './batch';

export type Verdict<E extends Sendable = Sendable> =
  /** The API answered per command. */
  | { kind: 'answered'; accepted: E[]; refused: Refusal<E>[] }
  /** The API refused the request as a whole; each command counts a try. */
  | { kind: 'refused'; reason: string }
  /** The request was refused for what it carried; its halves may pass. */
  | { kind: 'split'; reason: string }
  /** Nothing is known to have arrived; keep everything and try later. */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null };

export interface Refusal<E extends Sendable = Sendable> {
  entry: E;
  reason: string;
}

interface CommandResult {
  success?: unknown;
  errors?: unknown;
}

/** Statuses that blame the request body, so a smaller request may pass. */
const BODY_STATUSES = new Set([400, 413, 422]);

/** Statuses that say "later": rate limits, timeouts, server trouble. */
const isRetryable = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500;

export function classify<E extends Sendable>(
  status: number,
  body: unknown,
  retryAfterMs: number | null,
  entries: E[],
): Verdict<E> {
  if (isRetryable(status)) return { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs };

  if (status >= 400) {
    const reason = `HTTP ${status}${describeErrors(body)}`;
    const split = BODY_STATUSES.has(status) && entries.length > 1;
    return { kind: split ? 'split' : 'refused', reason };
  }

  if (status < 200 || status >= 300) {
    return { kind: 'retry', reason: `unexpected HTTP ${status}`, retryAfterMs };
  }

  return (
    perCommand(body, entries) ?? {
      kind: 'retry',
      reason: 'the answer has no result per command',
      retryAfterMs,
    }
  );
}

function perCommand<E extends Sendable>(body: unknown, entries: E[]): Verdict<E> | null {
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results) || results.length !== entries.length) return null;

  const accepted: E[] = [];
  const refused: Refusal<E>[] = [];
  entries.forEach((entry, index) => {
    const result = results[index] as CommandResult | null;
    if (result?.success === true) accepted.push(entry);
    else refused.push({ entry, reason: `refused${describeErrors(result)}` });
  });

  return { kind: 'answered', accepted, refused };
}

function describeErrors(body: unknown): string {
  const { errors, message } = (body ?? {}) as { errors?: unknown; message?: unknown };
  const text = Array.isArray(errors) ? errors.join('; ') : message;
  return typeof text === 'string' && text !== '' ? `: ${text.slice(0, 200)}` : '';
}
