/**
 * The tracking engine: it owns the customer, the configuration and the
 * queue, and decides when to flush. It runs in the service worker, or in the
 * page where no worker can run, and depends only on its `Host`.
 */
import {
  PROTOCOL,
  type ArgOf,
  type Call,
  type Operation,
  type PageSignal,
  type RepliesMessage,
  type Reply,
} from '../src/protocol/messages';
import { checkArgument, checkCallsMessage } from '../src/protocol/validate';
import type { FlushResult, Properties, Status } from '../src/types';
import { ExponeaError, toWire } from '../src/errors';
import { clientProperties } from './client-info';
import { customerEntry, eventEntry } from './commands';
import type { ExitFlush } from './exit-flush';
import { Flusher } from './flusher';
import { decide, nextWakeAtMs, withSchedule, type Trigger } from './flush-policy';
import type { Host } from './host';
import { createLogger, type Logger } from './log';
import * as session from './session';
import { DEFAULT_FLUSH_PERIOD_MS, toSettings, withChange } from './settings';
import { MemoryStorage } from './storage/memory';
import { ResilientStorage } from './storage/resilient';
import type { CustomerState, EngineState, NewEntry, Settings, Storage } from './storage/types';
import { Writer, type Write } from './writer';

/** How long after a drain's request would have timed out a page wakes the engine. */
export const WATCHDOG_MARGIN_MS = 2_000;

/** Who sent a message, as far as the engine needs to know. */
export interface Sender {
  /** The page load that made the calls. */
  page: string;
  /** The sender's id among the host's pages, to leave it out of visibility counts. */
  clientId?: string;
  resent: boolean;
}

export interface Received {
  /** The reply, once every call's writes are durable. */
  reply: Promise<RepliesMessage>;
  /** Everything the message set off, flushes included: keep the host alive for it. */
  settled: Promise<void>;
}

type Handler<O extends Operation> = (arg: ArgOf<O>, call: CallContext) => Promise<unknown>;

interface CallContext extends Sender {
  id: number;
  triggers: Set<Trigger>;
}

const initialState = (): EngineState => ({
  settings: null,
  customer: null,
  flush: {
    mode: 'immediate',
    periodMs: DEFAULT_FLUSH_PERIOD_MS,
    nextPeriodAtMs: null,
    owed: false,
    failures: 0,
    retryAtMs: null,
    last: null,
  },
  session: session.NO_SESSION,
});

export class Engine {
  readonly #host: Host;
  readonly #log: Logger;
  readonly #writer: Writer;
  readonly #flusher: Flusher;
  #state = initialState();
  #storage: Storage = new MemoryStorage();
  #started: Promise<void> | null = null;
  #queued = 0;
  #announcedWakeAtMs: number | null = null;
  #watchdogAtMs: number | null = null;
  /** Another engine of the site changed the state records since they were read. */
  #stale = false;
  #refreshing: Promise<void> | null = null;
  /** Only in a page, which may go away at any moment. */
  readonly #exit: ExitFlush | undefined;

  constructor(host: Host) {
    this.#host = host;
    this.#log = createLogger(host.runtime, () => this.#state.settings?.debug ?? false);
    this.#exit = host.exitFlush;
    this.#writer = new Writer(
      () => this.#storage,
      () => this.#state,
    );
    this.#flusher = new Flusher({
      host,
      log: this.#log,
      storage: () => this.#storage,
      state: () => this.#state,
      commit: (write) => this.#commit(write),
      idle: () => this.#writer.idle(),
      began: (settings) => this.#beganFlush(settings),
      settled: (result) => this.#afterFlush(result),
    });
    host.peers?.listen(() => {
      this.#stale = true;
    });
    this.#exit?.attach({
      host,
      state: () => this.#state,
      commit: (write) => this.#commit(write),
      idle: () => this.#writer.idle(),
      inFlight: this.#flusher.inFlight,
    });
  }

  /** Handles one message from a page; anything that is not a calls message is refused. */
  receive(data: unknown, from: { clientId?: string } = {}): Received {
    const triggers = new Set<Trigger>();
    const reply = this.#receive(data, from, triggers);
    const settled = reply
      .then(() => Promise.all([...triggers].map((trigger) => this.#maybeFlush(trigger))))
      .then(
        () => undefined,
        (error: unknown) => this.#log.warn(`a flush failed: ${String(error)}`),
      );
    return { reply, settled };
  }

  /** Wakes the engine without a message: worker start-up, Background Sync. */
  async wake(trigger: Trigger): Promise<FlushResult | null> {
    await this.#start();
    await this.#refresh();
    return this.#maybeFlush(trigger);
  }

  async #receive(
    data: unknown,
    from: { clientId?: string },
    triggers: Set<Trigger>,
  ): Promise<RepliesMessage> {
    try {
      checkCallsMessage(data);
    } catch (error) {
      this.#log.warn(`refused a malformed message: ${(error as Error).message}`);
      return { protocol: PROTOCOL, replies: [], error: toWire(error) };
    }

    if (!this.#started) triggers.add('start');
    await this.#start();
    await this.#refresh();

    const sender = { page: data.page, clientId: from.clientId, resent: data.resent === true };
    const replies = await Promise.all(
      data.calls.map((call) => this.#handle(call, { ...sender, id: call.id, triggers })),
    );
    return { protocol: PROTOCOL, replies, wakeAtMs: this.#wakeAtMs() };
  }

  async #handle(call: Call, context: CallContext): Promise<Reply> {
    try {
      checkArgument(call.op, call.arg);
      const handler = this.#handlers[call.op] as Handler<Operation>;
      const value = await handler(call.arg, context);
      return { id: call.id, ok: true, value };
    } catch (error) {
      const wire = toWire(error);
      if (wire.code !== 'invalid-argument') this.#log.warn(`${call.op} failed: ${wire.message}`);
      return { id: call.id, ok: false, error: wire };
    }
  }

  readonly #handlers: { [O in Operation]: Handler<O> } = {
    configure: (config, call) => {
      const nowMs = this.#host.nowMs();
      const { flush } = this.#state;
      const mode = config.flushMode ?? flush.mode;
      const periodMs = config.flushPeriodMs ?? flush.periodMs;

      this.#state.settings = toSettings(config);
      this.#state.flush = withSchedule(flush, mode, periodMs, nowMs);
      const customer = this.#ensureCustomer();
      call.triggers.add('start');

      this.#log.info(`configured; flush mode ${mode}`);
      if (this.#storage.kind === 'memory') {
        this.#log.warn('IndexedDB cannot be used here: the queue lives in memory');
      }
      return this.#commit({
        add: this.#installation(this.#state.settings, customer, nowMs),
        state: ['settings', 'customer', 'flush'],
      });
    },

    trackEvent: ({ name, properties, timestamp }, call) => {
      const { settings, customer } = this.#configured();
      const stamp = { uid: `${call.page}.${call.id}`, nowMs: this.#host.nowMs() };
      const event = { name, properties, timestampMs: timestamp.getTime() };
      call.triggers.add('track');

      return this.#commit({
        add: [eventEntry(settings, customer, event, stamp)],
        addOnce: call.resent,
      });
    },

    identifyCustomer: ({ ids, properties, timestamp }, call) => {
      const { settings, customer } = this.#configured();
      const identified = { ...customer, ids: { ...ids } };
      const stamp = { uid: `${call.page}.${call.id}`, nowMs: this.#host.nowMs() };
      const update = { properties, timestampMs: timestamp.getTime() };

      // The stored hard ids are replaced, not merged; queued items keep theirs.
      this.#state.customer = identified;
      call.triggers.add('track');
      return this.#commit({
        add: [customerEntry(settings, identified, update, stamp)],
        addOnce: call.resent,
        state: ['customer'],
      });
    },

    getCustomerCookie: async () => {
      const created = this.#state.customer === null;
      const { cookie } = this.#ensureCustomer();
      if (created) await this.#commit({ state: ['customer'] });
      return cookie;
    },

    flushData: () => {
      this.#configured();
      return this.#maybeFlush('manual') as Promise<FlushResult>;
    },

    setFlushMode: (mode, call) => this.#schedule(mode, this.#state.flush.periodMs, call),

    setFlushPeriod: (periodMs, call) => this.#schedule(this.#state.flush.mode, periodMs, call),

    trackSessionStart: (timestamp, call) => this.#manualSession('start', timestamp, call),

    trackSessionEnd: (timestamp, call) => this.#manualSession('end', timestamp, call),

    anonymize: (change, call) => {
      const { settings } = this.#configured();
      const nowMs = this.#host.nowMs();
      const automatic = settings.automaticSessionTracking;
      const ended = automatic
        ? this.#sessionEntries(session.endNow(this.#state.session, nowMs))
        : [];

      const next = withChange(settings, change);
      const customer = this.#newCustomer();
      this.#state.settings = next;
      this.#state.session = session.NO_SESSION;
      const installed = this.#installation(next, customer, nowMs);
      const started = automatic
        ? this.#sessionEntries(session.pageVisible(session.NO_SESSION, nowMs, 0))
        : [];

      this.#log.info('anonymized: a new customer starts');
      call.triggers.add('track');
      return this.#commit({
        add: [...ended, ...installed, ...started],
        state: ['settings', 'customer', 'session'],
      });
    },

    getStatus: () => this.#status(),

    signal: (signal, call) => this.#onSignal(signal, call),
  };

  async #onSignal(signal: PageSignal, call: CallContext): Promise<void> {
    if (signal === 'online' || signal === 'wake') {
      call.triggers.add(signal);
      return;
    }
    if (signal === 'visible') {
      call.triggers.add('start');
      return this.#commit({ add: this.#automaticSession(session.pageVisible), state: ['session'] });
    }

    // Hidden or closing: the session pauses only when no page of the site is left visible.
    const visible = await this.#host.countVisiblePages(call.clientId);
    if (visible > 0) return;
    call.triggers.add('last-page-hidden');
    return this.#commit({
      add: this.#automaticSession(session.lastPageHidden),
      state: ['session'],
    });
  }

  async #schedule(mode: EngineState['flush']['mode'], periodMs: number, call: CallContext) {
    this.#state.flush = withSchedule(this.#state.flush, mode, periodMs, this.#host.nowMs());
    call.triggers.add('wake');
    this.#log.info(`flush mode ${mode}, period ${periodMs} ms`);
    await this.#commit({ state: ['flush'] });
  }

  async #manualSession(kind: 'start' | 'end', timestamp: Date, call: CallContext): Promise<void> {
    const { settings } = this.#configured();
    if (settings.automaticSessionTracking) {
      this.#log.warn(
        `trackSession${kind === 'start' ? 'Start' : 'End'} ignored: ` +
          'automatic session tracking is on',
      );
      return;
    }

    const atMs = timestamp.getTime();
    const step =
      kind === 'start'
        ? session.manualStart(this.#state.session, atMs)
        : session.endNow(this.#state.session, atMs);
    const add = this.#sessionEntries(step);
    call.triggers.add('track');
    await this.#commit({ add, state: ['session'] });
  }

  /** Runs the automatic session machine, when it is on, and returns its events as entries. */
  #automaticSession(
    step: (state: EngineState['session'], nowMs: number, timeoutMs: number) => session.SessionStep,
  ): NewEntry[] {
    const settings = this.#state.settings;
    if (!settings?.automaticSessionTracking || !this.#state.customer) return [];
    return this.#sessionEntries(
      step(this.#state.session, this.#host.nowMs(), settings.sessionTimeoutMs),
    );
  }

  /** Records a session step and turns its events into queue entries. */
  #sessionEntries(step: session.SessionStep): NewEntry[] {
    const { settings, customer } = this.#configured();
    this.#state.session = step.state;

    return step.events.map((event) => {
      const properties = clientProperties(this.#host.userAgent, settings.appVersion);
      if (event.type === 'session_end') properties['duration'] = event.durationSeconds;
      return this.#automaticEvent(settings, customer, event.type, properties, event.atMs);
    });
  }

  #installation(settings: Settings, customer: CustomerState, nowMs: number): NewEntry[] {
    if (customer.installed) return [];
    this.#state.customer = { ...customer, installed: true };

    const properties = clientProperties(this.#host.userAgent, settings.appVersion);
    return [this.#automaticEvent(settings, customer, 'installation', properties, nowMs)];
  }

  #automaticEvent(
    settings: Settings,
    customer: CustomerState,
    name: string,
    properties: Properties,
    atMs: number,
  ): NewEntry {
    const stamp = { uid: this.#host.randomUUID(), nowMs: this.#host.nowMs() };
    return eventEntry(settings, customer, { name, properties, timestampMs: atMs }, stamp);
  }

  #ensureCustomer(): CustomerState {
    return this.#state.customer ?? this.#newCustomer();
  }

  #newCustomer(): CustomerState {
    this.#state.customer = { cookie: this.#host.randomUUID(), ids: {}, installed: false };
    return this.#state.customer;
  }

  #configured(): { settings: Settings; customer: CustomerState } {
    const { settings } = this.#state;
    if (!settings) throw new ExponeaError('not-configured', 'exponea: call configure() first');
    return { settings, customer: this.#ensureCustomer() };
  }

  async #commit(write: Write): Promise<void> {
    const added = write.add ?? [];
    // The cap is checked only when something is added: removals never exceed it.
    const maxEntries = added.length > 0 ? this.#state.settings?.maxQueueSize : undefined;
    this.#exit?.remember(added);
    this.#exit?.forget(write.remove ?? []);

    const { trimmed, addedKeys } = await this.#writer.commit({ ...write, maxEntries });

    this.#exit?.stored(added, addedKeys);
    this.#queued += addedKeys.filter((key) => key !== null).length - trimmed;
    if (trimmed > 0)
      this.#log.warn(`queue over ${maxEntries} items: dropped the ${trimmed} oldest`);
    if (write.state?.length) this.#host.peers?.notify();
  }

  /** Reads the state records again after another engine of the site changed them. */
  #refresh(): Promise<void> {
    if (!this.#stale) return Promise.resolve();

    this.#refreshing ??= (async () => {
      await this.#writer.idle();
      this.#stale = false;
      this.#state = { ...initialState(), ...(await this.#storage.loadState()) };
    })().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  #maybeFlush(trigger: Trigger): Promise<FlushResult | null> {
    if (!this.#state.settings) return Promise.resolve(null);

    const { flush, next } = decide(trigger, this.#state.flush, this.#host.nowMs());
    const changed = next !== this.#state.flush;
    this.#state.flush = next;

    if (flush) return this.#flusher.run(trigger);
    this.#announce();
    return changed ? this.#commit({ state: ['flush'] }).then(() => null) : Promise.resolve(null);
  }

  /**
   * The browser may stop the worker in the middle of a drain, and then no
   * failure is recorded that would schedule a retry. So while a drain runs,
   * pages are asked to wake the engine a little after its request would have
   * timed out; a drain that ends normally replaces that deadline.
   */
  #beganFlush(settings: Settings): void {
    this.#watchdogAtMs = this.#host.nowMs() + settings.requestTimeoutMs + WATCHDOG_MARGIN_MS;
    this.#announce();
  }

  #afterFlush(result: FlushResult): void {
    this.#queued = result.remaining;
    this.#watchdogAtMs = null;
    this.#announce();
  }

  #wakeAtMs(): number | null {
    const scheduled = nextWakeAtMs(this.#state.flush, this.#queued);
    if (this.#watchdogAtMs === null) return scheduled;
    return Math.min(scheduled ?? Infinity, this.#watchdogAtMs);
  }

  /** Tells every page when to wake the engine, when that changed. */
  #announce(): void {
    const wakeAtMs = this.#wakeAtMs();
    if (wakeAtMs === this.#announcedWakeAtMs) return;

    this.#announcedWakeAtMs = wakeAtMs;
    this.#host.announce({ protocol: PROTOCOL, replies: [], wakeAtMs });
  }

  async #status(): Promise<Status> {
    const { flush, customer } = this.#state;
    return {
      cookie: customer?.cookie ?? null,
      flushMode: flush.mode,
      flushPeriodMs: flush.periodMs,
      queued: await this.#storage.count(),
      online: this.#host.isOnline(),
      storage: this.#storage.kind,
      runtime: this.#host.runtime,
      lastFlush: flush.last,
      retryAtMs: flush.retryAtMs,
    };
  }

  /** Once per engine: open storage, load state, end a session that expired meanwhile. */
  #start(): Promise<void> {
    this.#started ??= (async () => {
      this.#storage = await this.#openStorage();
      this.#state = { ...initialState(), ...(await this.#storage.loadState()) };
      this.#queued = await this.#storage.count();

      if ((await this.#host.countVisiblePages()) > 0) return;
      const add = this.#automaticSession(session.expire);
      if (add.length > 0) await this.#commit({ add, state: ['session'] });
    })();
    return this.#started;
  }

  /** Storage opens before the settings (and so `debug`) are known: `configure` reports it. */
  async #openStorage(): Promise<Storage> {
    const onFailure = (error: unknown) =>
      this.#log.warn(`IndexedDB refused a write (${String(error)}); keeping it in memory`);
    const durable = await this.#host.openStorage().catch(() => null);
    return new ResilientStorage(durable, onFailure);
  }
}
