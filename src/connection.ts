/**
 * The page's line to the tracking engine. Calls are kept in order until an
 * engine can take them, posted together once per task, and settled by the
 * engine's replies. The engine may restart between a call and its reply;
 * unanswered calls are posted again to whichever engine answers next.
 */
import { fromWire } from './errors';
import { invalid } from './protocol/invalid';
import { randomUuid } from './random-id';
import {
  MAX_CALLS_PER_MESSAGE,
  PROTOCOL,
  isProtocolMessage,
  type ArgOf,
  type Call,
  type CallsMessage,
  type Operation,
  type RepliesMessage,
  type ResultOf,
} from './protocol/messages';

/** Where calls go: a service worker, or an engine running in the page. */
export interface Endpoint {
  post(message: CallsMessage): void;
}

interface Pending {
  call: Call;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class Connection {
  /** Identifies this page load, so a call posted twice is stored once. */
  readonly pageId = randomUuid();

  #nextId = 1;
  #outbox: Call[] = [];
  /** Calls posted to an engine that went away before answering. */
  #resend: Call[] = [];
  #pending = new Map<number, Pending>();
  #endpoint: Endpoint | null = null;
  #postScheduled = false;
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;

  /** Queues a call; `first` puts it ahead of calls not yet posted. */
  call<O extends Operation>(op: O, arg: ArgOf<O>, first = false): Promise<ResultOf<O>> {
    const call: Call = { id: this.#nextId++, op, arg };

    const settled = new Promise<ResultOf<O>>((resolve, reject) => {
      this.#pending.set(call.id, { call, resolve: resolve as Pending['resolve'], reject });
    });

    if (first) this.#outbox.unshift(call);
    else this.#outbox.push(call);
    this.#schedulePost();
    return settled;
  }

  /** Starts (or switches) delivery to `endpoint`, resending what is unanswered. */
  attach(endpoint: Endpoint): void {
    if (this.#endpoint) {
      const unsent = new Set(this.#outbox);
      this.#resend = [...this.#pending.values()]
        .map((entry) => entry.call)
        .filter((call) => !unsent.has(call));
    }
    this.#endpoint = endpoint;
    this.postNow();
  }

  /** Settles every call that is still waiting, for example when no engine can run. */
  failAll(error: Error): void {
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
    this.#outbox = [];
  }

  /** Posts queued calls at once instead of at the end of the task (`pagehide`). */
  postNow(): void {
    if (!this.#endpoint) return;

    // Resent calls may be stored already; the engine stores them at most once.
    if (this.#resend.length > 0) this.#post(this.#resend, true);
    if (this.#outbox.length > 0) this.#post(this.#outbox, false);
    this.#resend = [];
    this.#outbox = [];
  }

  #post(calls: Call[], resent: boolean): void {
    if (calls.length > MAX_CALLS_PER_MESSAGE) {
      this.#post(calls.slice(0, MAX_CALLS_PER_MESSAGE), resent);
      this.#post(calls.slice(MAX_CALLS_PER_MESSAGE), resent);
      return;
    }
    try {
      this.#endpoint!.post({ protocol: PROTOCOL, page: this.pageId, calls, resent });
    } catch {
      // Something in a call cannot be cloned (a function, a symbol): find which.
      for (const call of calls) {
        try {
          this.#endpoint!.post({ protocol: PROTOCOL, page: this.pageId, calls: [call], resent });
        } catch {
          this.#settle(call.id, invalid(uncloneable(call.arg, 'argument'), 'cannot be sent'));
        }
      }
    }
  }

  #settle(id: number, error: Error): void {
    this.#pending.get(id)?.reject(error);
    this.#pending.delete(id);
  }

  /** Hands a message from the engine to the calls it answers. */
  receive(data: unknown): void {
    if (!isProtocolMessage(data)) return;
    const message = data as RepliesMessage;

    for (const reply of message.replies ?? []) {
      const entry = this.#pending.get(reply.id);
      if (!entry) continue;
      this.#pending.delete(reply.id);
      if (reply.ok) entry.resolve(reply.value);
      else entry.reject(fromWire(reply.error));
    }

    if (message.wakeAtMs !== undefined) this.#scheduleWake(message.wakeAtMs);
  }

  #schedulePost(): void {
    if (this.#postScheduled) return;
    this.#postScheduled = true;

    queueMicrotask(() => {
      this.#postScheduled = false;
      this.postNow();
    });
  }

  /** One timer per page: the engine cannot keep its own timers alive. */
  #scheduleWake(wakeAtMs: number | null): void {
    clearTimeout(this.#wakeTimer);
    if (wakeAtMs === null) return;

    const delayMs = Math.max(0, wakeAtMs - Date.now());
    this.#wakeTimer = setTimeout(() => this.call('signal', 'wake').catch(() => undefined), delayMs);
  }
}

/** The path of the first function or symbol inside `value`. */
function uncloneable(value: unknown, path: string, seen = new Set<unknown>()): string {
  if (typeof value !== 'object' || value === null || seen.has(value)) return path;
  seen.add(value);

  for (const [key, child] of Object.entries(value)) {
    const type = typeof child;
    const childPath = path === 'argument' ? key : `${path}.${key}`;
    if (type === 'function' || type === 'symbol') return childPath;
    if (type === 'object' && child !== null) {
      const found = uncloneable(child, childPath, seen);
      if (found !== childPath) return found;
    }
  }
  return path;
}
