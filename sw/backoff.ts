/**
 * How long to wait after a retryable failure (network error, timeout, 5xx,
 * 429). Exponential with jitter so that many clients recovering together do
 * not return in step; capped low enough that once the API is back, an open
 * page sees everything sent within 30 s.
 */
export const FIRST_RETRY_DELAY_MS = 1_000;
export const MAX_RETRY_DELAY_MS = 15_000;

/**
 * @param failures consecutive retryable failures, counting this one (≥ 1)
 * @param retryAfterMs what the server asked for, which always wins when longer
 * @param random a number in [0, 1)
 */
export function retryDelayMs(
  failures: number,
  retryAfterMs: number | null,
  random: number = Math.random(),
): number {
  const exponentialMs = FIRST_RETRY_DELAY_MS * 2 ** Math.min(failures - 1, 16);
  const cappedMs = Math.min(exponentialMs, MAX_RETRY_DELAY_MS);

  // "Equal jitter": at least half the delay, so retries never bunch at zero.
  const jitteredMs = cappedMs / 2 + (random * cappedMs) / 2;
  return Math.max(jitteredMs, retryAfterMs ?? 0);
}

/** Reads `Retry-After` as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;

  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);

  const dateMs = Date.parse(header);
  return Number.isNaN(dateMs) ? null : Math.max(0, dateMs - nowMs);
}
