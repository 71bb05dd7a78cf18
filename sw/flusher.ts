/**
 * Drains the queue to the Tracking API: one request at a time, oldest first,
 * deleting exactly what the API accepted. A drain ends when the queue is
 * empty, the device is offline, or the API asked for a pause.
 */
import type { FlushResult } from '../src/types';
import { retryDelayMs } from './backoff';
import { MAX_BATCH_COMMANDS, batchBody, nextBatch } from './batch';
import { KEEPALIVE_BUDGET_BYTES } from './exit-flush';
import type { Trigger } from './flush-policy';
import type { Host } from './host';
import type { Logger } from './log';
import type { EngineState, QueueEntry, Settings, Storage } from './storage/types';
import { sendBatch } from './transport';
import type { Write } from './writer';

/**
 * How long a Background Sync event may keep retrying, waiting out backoffs,
 * before it gives up and lets the browser retry later. Long enough to ride
 * out a blip (the first retries come after 1, 2, 4 and 8 s); short, since an
 * unsettled event also holds back the activation of a worker update.
 */
export const SYNC_WAIT_BUDGET_MS = 20_000;

/**
 * Triggers that themselves report connectivity. Chromium fires `sync` (and a
 * page sees `online`) before the worker's `navigator.onLine` catches up, so
 * for these the request is tried and its own failure decides.
 */
const CONNECTIVITY_TRIGGERS = new Set<Trigger>(['sync', 'online']);

/**
 * For how long after such a trigger `navigator.onLine` is not trusted to say
 * offline: the retries that follow a failed attempt would otherwise stop
 * there, where no Background Sync exists to wake the engine again.
 */
const CONNECTIVITY_HINT_MS = 30_000;

/** Held while draining, by whichever engine of the site drains. */
export const FLUSH_LOCK_NAME = 'exponea-sw:flush';

export interface FlusherContext {
  host: Host;
  log: Logger;
  storage(): Storage;
  state(): EngineState;
  commit(write: Write): Promise<void>;
  /** Resolves once every write asked for so far has landed. */
  idle(): Promise<void>;
  /** Called as a drain starts. */
  began(settings: Settings): void;
  /** Called after each drain, with what it achieved. */
  settled(result: FlushResult, trigger: Trigger): void;
}

interface Progress {
  delivered: number;
  dropped: number;
  /** Refused during this drain: they wait for the next one, so nothing loops. */
  refusedKeys: Set<number>;
}

type Outcome = 'sent' | 'retry';

export class Flusher {
  #running: Promise<FlushResult> | null = null;
  /** A trigger that arrived while a drain ran; it gets a pass of its own. */
  #again: Trigger | null = null;
  /** Uids in the request under way, which a page's exit flush leaves alone. */
  readonly inFlight = new Set<string>();
  #onlineHintUntilMs = 0;

  constructor(private readonly context: FlusherContext) {}

  /**
   * Drains, or joins the drain under way. One drain at a time, so a sync event,
   * a page message and start-up arriving together never send an entry twice.
   */
  run(trigger: Trigger): Promise<FlushResult> {
    if (this.#running) {
      // A connectivity trigger outranks the rest: it may turn 'offline' around.
      if (this.#again === null || CONNECTIVITY_TRIGGERS.has(trigger)) this.#again = trigger;
      return this.#running;
    }

    const { host } = this.context;
    this.#running = host
      .exclusive(FLUSH_LOCK_NAME, () => this.#runUntilQuiet(trigger))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Drains again while triggers arrived meanwhile; the counts cover every pass. */
  async #runUntilQuiet(trigger: Trigger): Promise<FlushResult> {
    let delivered = 0;
    let dropped = 0;
    let result: FlushResult;
    let next: Trigger | null = trigger;
    do {
      this.#again = null;
      result = await this.#drain(next);
      delivered += result.delivered;
      dropped += result.dropped;
      next = this.#again;
      // Under a backoff another pass would only find the same wait.
    } while (next !== null && result.outcome !== 'retrying');
    return { ...result, delivered, dropped };
  }

  async #drain(trigger: Trigger): Promise<FlushResult> {
    const { state } = this.context;
    await this.context.idle();

    const settings = state().settings;
    if (!settings) return this.#finish(trigger, 'unconfigured', emptyProgress());

    const progress = emptyProgress();
    // A sync event with no page left rides out backoffs; pages have wake timers.
    const { host } = this.context;
    const ridesOut = trigger === 'sync' && !(await host.hasOpenPages());
    const waitUntilMs = ridesOut ? host.nowMs() + SYNC_WAIT_BUDGET_MS : null;
    this.context.began(settings);
    for (;;) {
      const blocked = await this.#blocked(trigger, waitUntilMs);
      if (blocked) return this.#finish(trigger, blocked, progress);

      const batch = await this.#nextBatch(settings, progress);
      if (batch.length === 0) return this.#finish(trigger, 'drained', progress);

      const outcome = await this.#deliver(batch, settings, progress);
      if (outcome === 'retry' && !ridesOut) {
        return this.#finish(trigger, 'retrying', progress);
      }
    }
  }

  /** Why no request may go out now; waits out a backoff that ends before `waitUntilMs`. */
  async #blocked(
    trigger: Trigger,
    waitUntilMs: number | null,
  ): Promise<FlushResult['outcome'] | null> {
    const { host, state } = this.context;
    if (CONNECTIVITY_TRIGGERS.has(trigger)) {
      this.#onlineHintUntilMs = host.nowMs() + CONNECTIVITY_HINT_MS;
    }
    if (!host.isOnline() && host.nowMs() >= this.#onlineHintUntilMs) return 'offline';

    const retryAtMs = state().flush.retryAtMs;
    const waitMs = retryAtMs === null ? 0 : retryAtMs - host.nowMs();
    if (waitMs <= 0) return null;
    if (waitUntilMs === null || host.nowMs() + waitMs > waitUntilMs) return 'retrying';

    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return null;
  }

  /** The next request's entries; on the way, drops what waited past `maxRetentionMs`. */
  async #nextBatch(settings: Settings, progress: Progress): Promise<QueueEntry[]> {
    const { host, log, storage } = this.context;
    const skipped = progress.refusedKeys;
    const cutoffMs = host.nowMs() - settings.maxRetentionMs;

    for (;;) {
      const oldest = await storage().oldest(MAX_BATCH_COMMANDS + skipped.size);
      const expired = oldest.filter((entry) => entry.queuedAtMs < cutoffMs);
      if (expired.length === 0) return nextBatch(oldest.filter((entry) => !skipped.has(entry.key)));

      await this.context.commit({ remove: expired.map((entry) => entry.key) });
      progress.dropped += expired.length;
      log.warn(`dropped ${expired.length} items older than ${settings.maxRetentionMs} ms`);
    }
  }

  async #deliver(batch: QueueEntry[], settings: Settings, progress: Progress): Promise<Outcome> {
    const { host } = this.context;
    const body = batchBody(batch);

    for (const entry of batch) this.inFlight.add(entry.uid);
    const verdict = await sendBatch(batch, {
      fetch: host.fetch,
      timeoutMs: settings.requestTimeoutMs,
      nowMs: () => host.nowMs(),
      body,
      // In a page, a request that may outlive it; small enough to share the budget.
      keepalive: host.runtime === 'page' && body.length <= KEEPALIVE_BUDGET_BYTES / 4,
    }).finally(() => this.inFlight.clear());

    switch (verdict.kind) {
      case 'retry':
        return this.#backOff(verdict.reason, verdict.retryAfterMs);
      case 'split': {
        const half = Math.ceil(batch.length / 2);
        const first = await this.#deliver(batch.slice(0, half), settings, progress);
        return first === 'retry' ? first : this.#deliver(batch.slice(half), settings, progress);
      }
      case 'refused':
        return this.#record(
          [],
          batch.map((entry) => ({ entry, reason: verdict.reason })),
          progress,
        );
      case 'answered':
        return this.#record(verdict.accepted, verdict.refused, progress);
    }
  }

  async #record(
    accepted: QueueEntry[],
    refused: { entry: QueueEntry; reason: string }[],
    progress: Progress,
  ): Promise<Outcome> {
    const { log, state } = this.context;
    const maxTries = state().settings?.maxTries ?? 1;
    const remove = accepted.map((entry) => entry.key);
    const update: QueueEntry[] = [];

    for (const { entry, reason } of refused) {
      const tried = { ...entry, tries: entry.tries + 1 };
      progress.refusedKeys.add(entry.key);
      if (tried.tries < maxTries) {
        update.push(tried);
        continue;
      }
      remove.push(entry.key);
      progress.dropped++;
      log.warn(`dropped a ${entry.command.name} command after ${tried.tries} tries (${reason})`);
    }

    // The flush record is written only when a failure streak ends.
    const { flush } = state();
    const recovered = flush.failures > 0 || flush.retryAtMs !== null;
    if (recovered) state().flush = { ...flush, failures: 0, retryAtMs: null };
    await this.context.commit({ remove, update, state: recovered ? ['flush'] : [] });
    progress.delivered += accepted.length;
    return 'sent';
  }

  #backOff(reason: string, retryAfterMs: number | null): Outcome {
    const { host, log, state } = this.context;
    const failures = state().flush.failures + 1;
    const delayMs = retryDelayMs(failures, retryAfterMs, host.random());

    state().flush = { ...state().flush, failures, retryAtMs: host.nowMs() + delayMs };
    log.info(`flush failed (${reason}); next attempt in ${Math.round(delayMs)} ms`);
    return 'retry';
  }

  async #finish(
    trigger: Trigger,
    outcome: FlushResult['outcome'],
    progress: Progress,
  ): Promise<FlushResult> {
    const { host, state, storage } = this.context;
    const flush = state().flush;
    const remaining = await storage().count();
    const result: FlushResult = { ...toCounts(progress), remaining, outcome };

    const done = outcome === 'drained' || remaining === 0;
    // A drain that found nothing to send leaves the last real flush on record.
    const idle = outcome === 'drained' && progress.delivered + progress.dropped === 0;
    const last = idle ? flush.last : { ...result, atMs: host.nowMs() };
    state().flush = { ...flush, owed: done ? false : flush.owed, last };
    await this.context.commit({ state: ['flush'] });

    // Inside a sync event the browser retries on its own when the event fails;
    // registering the same tag again from there would make it fire in a loop.
    if (!done && trigger !== 'sync') await host.requestSync().catch(() => undefined);

    this.context.settled(result, trigger);
    return result;
  }
}

const emptyProgress = (): Progress => ({ delivered: 0, dropped: 0, refusedKeys: new Set() });

const toCounts = ({ delivered, dropped }: Progress) => ({ delivered, dropped });
