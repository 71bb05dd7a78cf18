/** Sends one batch and turns whatever happens into a verdict. */
import { classify, type Verdict } from './answer';
import { parseRetryAfterMs } from './backoff';
import { batchBody, batchUrl, type Sendable } from './batch';

export interface SendOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  nowMs: () => number;
  /** For a page that is going away: the request outlives it (64 KiB in flight at most). */
  keepalive?: boolean;
  /** The body, when the caller already built it to measure it. */
  body?: string;
}

export async function sendBatch<E extends Sendable>(
  entries: E[],
  options: SendOptions,
): Promise<Verdict<E>> {
  const target = entries[0]!.target;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);

  try {
    const response = await options.fetch(batchUrl(target), {
      method: 'POST',
      headers: { Authorization: target.authorization, 'Content-Type': 'application/json' },
      body: options.body ?? batchBody(entries),
      credentials: 'omit',
      keepalive: options.keepalive ?? false,
      signal: abort.signal,
    });
    const body: unknown = await response.json().catch(() => null);
    const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), options.nowMs());

    return classify(response.status, body, retryAfterMs, entries);
  } catch (error) {
    // The request may or may not have arrived; only a resend can be safe.
    const reason = abort.signal.aborted
      ? `no answer within ${options.timeoutMs} ms`
      : `network error: ${(error as Error).message}`;
    return { kind: 'retry', reason, retryAfterMs: null };
  } finally {
    clearTimeout(timer);
  }
}
