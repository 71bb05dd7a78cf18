/** Sends one batch and turns whatever happens into a verdict. */
import { classify, type Verdict } from './answer';
import { parseRetryAfterMs } from './backoff';
import { batchBody, batchUrl } from './batch';
import type { QueueEntry } from './storage/types';

export interface SendOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  nowMs: () => number;
}

export async function sendBatch(entries: QueueEntry[], options: SendOptions): Promise<Verdict> {
  const target = entries[0]!.target;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);

  try {
    const response = await options.fetch(batchUrl(target), {
      method: 'POST',
      headers: { Authorization: target.authorization, 'Content-Type': 'application/json' },
      body: batchBody(entries),
      credentials: 'omit',
      cache: 'no-store',
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
