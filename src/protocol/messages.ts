/**
 * The page/worker protocol: every message that crosses between the page
 * client and the tracking engine is one of these shapes. Both sides import
 * this file; nothing else defines a message.
 */
import type {
  AnonymizeChange,
  Configuration,
  Customer,
  FlushMode,
  FlushResult,
  Status,
  TrackedEvent,
} from '../types';

/** Bumped when a shape changes incompatibly; other messages are ignored. */
export const PROTOCOL = 'exponea-sw/1';

/** Deliberate limit: calls in one message; the page splits longer runs. */
export const MAX_CALLS_PER_MESSAGE = 10_000;

/** What a page reports about itself. */
export type PageSignal =
  /** The page became visible (or loaded visible). */
  | 'visible'
  /** The page was hidden but is still open. */
  | 'hidden'
  /** The page is going away (`pagehide`). */
  | 'closed'
  /** The page saw the network come back. */
  | 'online'
  /** A timer the worker asked for has fired. */
  | 'wake';

/** Each operation: its argument, then what it resolves to. */
/** What the engine keeps of the configuration: where the worker lives is the page's. */
export type EngineConfiguration = Omit<
  Configuration,
  'serviceWorkerUrl' | 'serviceWorkerScope' | 'serviceWorkerTimeoutMs'
>;

export interface Operations {
  configure: [EngineConfiguration, void];
  trackEvent: [Required<Pick<TrackedEvent, 'timestamp'>> & TrackedEvent, void];
  identifyCustomer: [Customer & { timestamp: Date }, void];
  getCustomerCookie: [undefined, string];
  flushData: [undefined, FlushResult];
  setFlushMode: [FlushMode, void];
  setFlushPeriod: [number, void];
  trackSessionStart: [Date, void];
  trackSessionEnd: [Date, void];
  anonymize: [AnonymizeChange | undefined, void];
  getStatus: [undefined, Status];
  signal: [PageSignal, void];
}

export type Operation = keyof Operations;
export type ArgOf<O extends Operation> = Operations[O][0];
export type ResultOf<O extends Operation> = Operations[O][1];

export interface Call<O extends Operation = Operation> {
  /** Unique per page while it lives; pairs a reply with its call. */
  id: number;
  op: O;
  arg: ArgOf<O>;
}

/** Stable error codes; the message text is for people. */
export type ErrorCode =
  /** An argument is wrong; `field` names it. Rebuilt as a `TypeError`. */
  | 'invalid-argument'
  /** A call that needs a configuration came before any was given. */
  | 'not-configured'
  /** The queue could not be written. */
  | 'storage-failed'
  /** No tracking engine could be started. */
  | 'unavailable';

/** An error as data: structured clone does not keep error subclasses. */
export interface WireError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type Reply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** Page → engine: calls in the order they were made. */
export interface CallsMessage {
  protocol: typeof PROTOCOL;
  /** The page load that made the calls. */
  page: string;
  calls: Call[];
  /** Set when these calls were posted before and may already be stored. */
  resent?: boolean;
}

/** Engine → page: replies, and when the engine wants a page to wake it. */
export interface RepliesMessage {
  protocol: typeof PROTOCOL;
  replies: Reply[];
  /** Set when the message as a whole was not understood. */
  error?: WireError;
  /** Epoch ms at which a page should send a `wake` signal, if any. */
  wakeAtMs?: number | null;
}

export function isProtocolMessage(data: unknown): data is { protocol: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { protocol?: unknown }).protocol === PROTOCOL
  );
}
