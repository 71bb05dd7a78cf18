/**
 * The page client. It stamps each call's time and posts it to the tracking
 * engine, which checks it and makes every decision; a wrong argument comes
 * back as a `TypeError` naming the field. Calls made before `configure()` or
 * before the worker is ready are kept in order and sent.
 */
import { Connection } from './connection';
import { ExponeaError } from './errors';
import { reportLifecycle } from './lifecycle';
import type { WorkerOptions } from './register';
import type { ArgOf, Operation, PageSignal, ResultOf } from './protocol/messages';
import { invalid } from './protocol/invalid';
import type {
  AnonymizeChange,
  Configuration,
  Customer,
  FlushMode,
  FlushResult,
  Status,
  TrackedEvent,
} from './types';

/** How long `configure` waits for a worker before tracking from the page instead. */
export const DEFAULT_SERVICE_WORKER_TIMEOUT_MS = 5_000;

/** The options that only the page uses, with their types. */
const WORKER_OPTIONS = [
  ['serviceWorkerUrl', 'string'],
  ['serviceWorkerScope', 'string'],
  ['serviceWorkerTimeoutMs', 'number'],
] as const;

export class Exponea {
  readonly #connection = new Connection();
  #connecting: Promise<void> | null = null;

  /**
   * Registers the tracking worker and hands it the configuration, which it
   * keeps, so it can flush with no page open. Resolves once the worker has
   * stored it. Calling it again replaces the configuration.
   */
  configure(config: Configuration): Promise<void> {
    if (typeof config !== 'object' || config === null) {
      return Promise.reject(invalid('config', 'must be an object'));
    }
    // Where the worker lives concerns only this page; the engine checks the rest.
    for (const [key, type] of WORKER_OPTIONS) {
      if (config[key] !== undefined && typeof config[key] !== type) {
        return Promise.reject(invalid(`config.${key}`, `must be a ${type}`));
      }
    }
    const {
      serviceWorkerUrl: url = '/sw.js',
      serviceWorkerScope: scope = '/',
      serviceWorkerTimeoutMs: timeoutMs = DEFAULT_SERVICE_WORKER_TIMEOUT_MS,
      ...settings
    } = config;

    const first = this.#connecting === null;
    const configured = this.#connection.call('configure', settings, first);
    if (!first) return configured;

    this.#connecting = this.#connect({ url, scope, timeoutMs }, config.debug === true);
    reportLifecycle((signal, now) => this.#signal(signal, now));
    return Promise.all([this.#connecting, configured]).then(() => undefined);
  }

  /** Queues an event; resolves once it is stored durably, not once it is sent. */
  trackEvent(event: TrackedEvent): Promise<void> {
    return this.#call('trackEvent', stamped(event));
  }

  /** Sets the customer's hard ids (replacing earlier ones) and properties. */
  identifyCustomer(customer: Customer): Promise<void> {
    return this.#call('identifyCustomer', stamped(customer));
  }

  /** The customer's cookie: a lowercase UUID v4, the same in every tab. */
  getCustomerCookie(): Promise<string> {
    return this.#call('getCustomerCookie', undefined);
  }

  /** Flushes now, whatever the mode, and resolves when the attempt ends. */
  flushData(): Promise<FlushResult> {
    return this.#call('flushData', undefined);
  }

  /** Changes the flush mode for every tab of the site. */
  setFlushMode(mode: FlushMode): Promise<void> {
    return this.#call('setFlushMode', mode);
  }

  /** Sets the period of `FlushMode.period`, in milliseconds, for every tab. */
  setFlushPeriod(periodMs: number): Promise<void> {
    return this.#call('setFlushPeriod', periodMs);
  }

  /** Starts a session by hand; ignored while automatic session tracking is on. */
  trackSessionStart(timestamp: Date = new Date()): Promise<void> {
    return this.#call('trackSessionStart', timestamp);
  }

  /** Ends the open session by hand; ignored while automatic session tracking is on. */
  trackSessionEnd(timestamp: Date = new Date()): Promise<void> {
    return this.#call('trackSessionEnd', timestamp);
  }

  /**
   * Starts over with a new customer: a new cookie, no hard ids, and optionally
   * another project. What is already queued is still sent as it was tracked.
   */
  anonymize(change?: AnonymizeChange): Promise<void> {
    return this.#call('anonymize', change);
  }

  /** What the engine is doing: queue size, flush mode, storage, last flush. */
  getStatus(): Promise<Status> {
    return this.#call('getStatus', undefined);
  }

  /**
   * The worker where one can run; otherwise the same engine in this page.
   * Both load only when needed, keeping them off every page's critical path.
   */
  async #connect(worker: WorkerOptions, debug: boolean): Promise<void> {
    try {
      const { connectServiceWorker } = await import('./register');
      await connectServiceWorker(this.#connection, worker);
    } catch (error) {
      if (debug) {
        console.warn('[exponea page] no service worker; tracking from the page:', String(error));
      }
      await this.#startInPage();
    }
  }

  async #startInPage(): Promise<void> {
    try {
      const { startPageEngine } = await import('./fallback/page-engine');
      startPageEngine(this.#connection);
    } catch (error) {
      const message = `exponea: no engine could be started (${String(error)})`;
      this.#connection.failAll(new ExponeaError('unavailable', message));
      throw error;
    }
  }

  #call<O extends Operation>(op: O, arg: ArgOf<O>): Promise<ResultOf<O>> {
    return this.#connection.call(op, arg);
  }

  #signal(signal: PageSignal, now = false): void {
    this.#connection.call('signal', signal).catch(() => undefined);
    if (now) this.#connection.postNow();
  }
}

/** Adds the call time unless the caller gave one; leaves bad input for the check. */
function stamped<T extends object>(value: T): T & { timestamp: Date } {
  if (typeof value !== 'object' || value === null) return value as T & { timestamp: Date };
  if ((value as { timestamp?: unknown }).timestamp !== undefined) {
    return value as T & { timestamp: Date };
  }
  return { ...value, timestamp: new Date() };
}
