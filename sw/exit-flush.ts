/**
 * For an engine that runs in a page: what this page queued and has not seen
 * delivered, so that `pagehide` can send it at once in `keepalive` requests,
 * which outlive the page. Only a confirmed answer removes an item; an answer
 * lost with the page means a resend on the next visit, never a loss.
 */
import { MAX_BATCH_COMMANDS, batchBody, sameTarget, type Sendable } from './batch';
import { decide } from './flush-policy';
import type { Host } from './host';
import type { EngineState, NewEntry, Settings } from './storage/types';
import { sendBatch } from './transport';
import type { Write } from './writer';

/** What a page may have in flight with `keepalive`, in bytes (Fetch spec). */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;

/** Left out of the budget for the request line and headers, which count too. */
const HEADER_ALLOWANCE_BYTES = 1024;

export interface ExitBatch {
  entries: NewEntry[];
  body: string;
  bytes: number;
}

/** What the engine lends its exit flush. */
export interface ExitContext {
  host: Host;
  state(): EngineState;
  commit(write: Write): Promise<void>;
  idle(): Promise<void>;
  /** Uids in the engine's request under way, left alone here. */
  inFlight: ReadonlySet<string>;
}

export class ExitFlush {
  /** By uid: the entry, and its key once it is stored. */
  #unsent = new Map<string, { entry: NewEntry; key: number | null }>();
  #context: ExitContext | null = null;

  attach(context: ExitContext): void {
    this.#context = context;
  }

  /**
   * Sends at once, with `keepalive`, what this page queued and the flush mode
   * says is due. `otherVisiblePages` counts the site's other visible pages,
   * known beforehand: a page that is going away has no time left to ask.
   */
  send(otherVisiblePages: number): void {
    const context = this.#context;
    const settings = context?.state().settings;
    if (!context || !settings || !context.host.isOnline()) return;

    const { flush } = context.state();
    const nowMs = context.host.nowMs();
    if ((flush.retryAtMs ?? 0) > nowMs) return;
    const trigger = otherVisiblePages > 0 ? 'wake' : 'last-page-hidden';
    if (!decide(trigger, flush, nowMs).flush) return;

    for (const batch of this.batches(context.inFlight)) {
      void this.#sendBatch(context, settings, batch);
    }
  }

  async #sendBatch(context: ExitContext, settings: Settings, batch: ExitBatch): Promise<void> {
    const { host } = context;
    const verdict = await sendBatch(batch.entries, {
      fetch: host.fetch,
      timeoutMs: settings.requestTimeoutMs,
      nowMs: () => host.nowMs(),
      body: batch.body,
      keepalive: true,
    });
    if (verdict.kind !== 'answered') return;

    // Still here: remove what arrived, once its own write has landed.
    await context.idle();
    const keys = verdict.accepted.map((entry) => this.keyOf(entry.uid));
    await context.commit({ remove: keys.filter((key): key is number => key !== null) });
  }

  remember(entries: NewEntry[]): void {
    for (const entry of entries) this.#unsent.set(entry.uid, { entry, key: null });
  }

  /** Records the keys that storage gave the entries, in the same order. */
  stored(entries: NewEntry[], keys: (number | null)[]): void {
    entries.forEach((entry, index) => {
      const unsent = this.#unsent.get(entry.uid);
      if (unsent) unsent.key = keys[index] ?? null;
    });
  }

  /** Forgets delivered (or dropped) entries, by key. */
  forget(keys: number[]): void {
    if (keys.length === 0) return;
    const gone = new Set(keys);
    for (const [uid, unsent] of this.#unsent) {
      if (unsent.key !== null && gone.has(unsent.key)) this.#unsent.delete(uid);
    }
  }

  keyOf(uid: string): number | null {
    return this.#unsent.get(uid)?.key ?? null;
  }

  /**
   * Oldest first, in batches of one target, as many as fit the keepalive
   * budget together. What does not fit stays queued for the next visit.
   */
  batches(skip: ReadonlySet<string>): ExitBatch[] {
    const pending = [...this.#unsent.values()]
      .map((unsent) => unsent.entry)
      .filter((entry) => !skip.has(entry.uid));
    const batches: ExitBatch[] = [];
    let budgetBytes = KEEPALIVE_BUDGET_BYTES;

    while (pending.length > 0) {
      const batch = fitting(pending, budgetBytes - HEADER_ALLOWANCE_BYTES);
      if (!batch) break;
      budgetBytes -= batch.bytes + HEADER_ALLOWANCE_BYTES;
      batches.push(batch);
      for (const entry of batch.entries) pending.splice(pending.indexOf(entry), 1);
    }
    return batches;
  }
}

/** The longest run of same-target entries whose body fits `maxBytes`, or null. */
function fitting(pending: NewEntry[], maxBytes: number): ExitBatch | null {
  const first = pending[0]!;
  const candidates = pending
    .filter((entry) => sameTarget(entry.target, first.target))
    .slice(0, MAX_BATCH_COMMANDS);

  for (let count = candidates.length; count > 0; count = Math.floor(count / 2)) {
    const entries = candidates.slice(0, count);
    const body = batchBody(entries as Sendable[]);
    const bytes = byteLength(body);
    if (bytes <= maxBytes) return { entries, body, bytes };
  }
  return null;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
