/**
 * A `Host` for engine tests: a clock the test moves, a switch for the
 * network, and a `fetch` that answers like the Tracking API's batch endpoint
 * unless a test says otherwise. Everything it was asked to do is recorded.
 */
import {
  PROTOCOL,
  type ArgOf,
  type Call,
  type CallsMessage,
  type Operation,
  type RepliesMessage,
} from '../../src/protocol/messages';
import type { Configuration, TrackedEvent } from '../../src/types';
import type { Engine } from '../engine';
import type { Host } from '../host';
import { MemoryStorage } from '../storage/memory';
import type { Storage } from '../storage/types';

export const T0_MS = Date.UTC(2025, 0, 15, 9, 0, 0);

export const CONFIG = {
  projectToken: 'project-1',
  authorization: 'Token key-1',
  baseUrl: 'https://api.test',
  flushMode: 'manual',
  automaticSessionTracking: false,
} satisfies Configuration;

export interface SentCommand {
  name: 'customers/events' | 'customers';
  command_id: string;
  data: {
    customer_ids: Record<string, string>;
    event_type?: string;
    properties: Record<string, unknown>;
    timestamp?: number;
    update_timestamp?: number;
  };
}

export interface SentBatch {
  url: string;
  authorization: string;
  commands: SentCommand[];
}

/** How the fake API answers one request; may throw, like a network error. */
export type Answer = (batch: SentBatch, signal: AbortSignal) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** The batch endpoint's answer, with `refuse` deciding which commands fail. */
export function perCommand(refuse: (command: SentCommand) => boolean = () => false): Answer {
  return (batch) =>
    json(200, {
      success: true,
      start_time: T0_MS / 1_000,
      end_time: T0_MS / 1_000,
      results: batch.commands.map((command) =>
        refuse(command) ? { success: false, errors: ['refused'] } : { success: true },
      ),
    });
}

export class FakeHost implements Host {
  readonly runtime = 'service-worker' as const;
  readonly userAgent =
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 ' +
    '(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

  clockMs = T0_MS;
  online = true;
  visiblePages = 0;
  answer: Answer = perCommand();
  readonly sent: SentBatch[] = [];
  readonly announced: RepliesMessage[] = [];
  syncRequests = 0;
  storageOpens = 0;
  /** Makes `openStorage` reject, as where IndexedDB cannot be used. */
  storageFails = false;

  constructor(readonly storage: Storage = new MemoryStorage()) {}

  openStorage = async () => {
    this.storageOpens++;
    if (this.storageFails) throw new DOMException('IndexedDB is unavailable', 'InvalidStateError');
    // Any storage stands in for IndexedDB: the engine uses it through `Storage` only.
    return this.storage as Awaited<ReturnType<Host['openStorage']>>;
  };

  fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const batch: SentBatch = {
      url: String(input),
      authorization: headers.get('Authorization') ?? '',
      commands: JSON.parse(String(init?.body)).commands,
    };
    this.sent.push(batch);
    return this.answer(batch, init?.signal ?? new AbortController().signal);
  }) as typeof fetch;

  nowMs = () => this.clockMs;
  isOnline = () => this.online;
  random = () => 0.5;
  randomUUID = () => crypto.randomUUID();
  countVisiblePages = async () => this.visiblePages;
  openPages = 0;
  hasOpenPages = async () => this.openPages > 0;
  exclusive = <T>(_name: string, task: () => Promise<T>) => task();

  requestSync = async () => {
    this.syncRequests++;
  };

  announce = (message: RepliesMessage) => {
    this.announced.push(message);
  };

  advance(ms: number): void {
    this.clockMs += ms;
  }

  /** Every command sent so far, in the order the requests went out. */
  commands(): SentCommand[] {
    return this.sent.flatMap((batch) => batch.commands);
  }

  eventTypes(): (string | undefined)[] {
    return this.commands().map((command) => command.data.event_type);
  }
}

let nextCallId = 1;

export function call<O extends Operation>(op: O, arg: ArgOf<O>): Call {
  return { id: nextCallId++, op, arg } as Call;
}

export function track(name: string, properties?: TrackedEvent['properties'], atMs = T0_MS) {
  return call('trackEvent', { name, properties, timestamp: new Date(atMs) });
}

export function message(calls: Call[], change: Partial<CallsMessage> = {}): CallsMessage {
  return { protocol: PROTOCOL, page: 'p1', calls, ...change };
}

/** Sends calls as one page message; resolves to the replies once all it set off is done. */
export async function send(engine: Engine, ...calls: Call[]): Promise<RepliesMessage> {
  const { reply, settled } = engine.receive(message(calls));
  const replies = await reply;
  await settled;
  return replies;
}

/** Like `send`, but fails unless every call succeeded; resolves to their values. */
export async function sendOk(engine: Engine, ...calls: Call[]): Promise<unknown[]> {
  const { replies } = await send(engine, ...calls);
  const failed = replies.filter((reply) => !reply.ok);
  if (failed.length > 0) throw new Error(`calls failed: ${JSON.stringify(failed)}`);
  return replies.map((reply) => (reply.ok ? reply.value : undefined));
}
