/** When queued items are sent to the Tracking API. */
export const FlushMode = {
  /** Right after tracking; bursts are coalesced into batches. */
  immediate: 'immediate',
  /** Once per `flushPeriodMs` while a page of the site is open. */
  period: 'period',
  /** When the last visible page of the site is hidden or closed. */
  appClose: 'appClose',
  /** Only when `flushData()` is called. */
  manual: 'manual',
} as const;

export type FlushMode = (typeof FlushMode)[keyof typeof FlushMode];

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Properties = Record<string, JsonValue>;

export interface Configuration {
  /** The project to track into. Required. */
  projectToken: string;
  /** `Token <public key>` (or `Basic …` for a private key). Required. */
  authorization: string;
  /** @default 'https://api.exponea.com' */
  baseUrl?: string;
  /** Sent with every event; an event's own properties win on a clash. */
  defaultProperties?: Properties;
  /** Refusals before a command is dropped. @default 10 */
  maxTries?: number;
  /** @default 'immediate' */
  flushMode?: FlushMode;
  /** @default 3_600_000 (60 minutes) */
  flushPeriodMs?: number;
  /** @default true */
  automaticSessionTracking?: boolean;
  /** @default 60_000 */
  sessionTimeoutMs?: number;
  /** Reported in the `installation` event. */
  appVersion?: string;
  /** A request with no answer by then is aborted and retried. @default 10_000 */
  requestTimeoutMs?: number;
  /** Items kept at most; the oldest are dropped beyond it. @default 10_000 */
  maxQueueSize?: number;
  /** Items older than this are dropped unsent. @default 2_592_000_000 (30 days) */
  maxRetentionMs?: number;
  /** Where the tracking worker is served. @default '/sw.js' */
  serviceWorkerUrl?: string;
  /** @default '/' */
  serviceWorkerScope?: string;
  /**
   * How long to wait for the worker to be registered and active before the
   * tracker runs in the page instead. @default 5_000
   */
  serviceWorkerTimeoutMs?: number;
  /** Log lifecycle and mistakes to the console, never payloads or tokens. */
  debug?: boolean;
}

export interface TrackedEvent {
  name: string;
  properties?: Properties;
  /** When it happened. @default now */
  timestamp?: Date;
}

export interface Customer {
  /** Hard ids, for example `{ registered: 'jane@example.com' }`. */
  ids: Record<string, string>;
  properties?: Properties;
}

export interface AnonymizeChange {
  projectToken?: string;
  authorization?: string;
  baseUrl?: string;
}

export interface FlushResult {
  /** Commands the API accepted during this flush. */
  delivered: number;
  /** Commands dropped for good (refused `maxTries` times). */
  dropped: number;
  /** Commands still queued when the flush ended. */
  remaining: number;
  /** Why the flush ended. */
  outcome: 'drained' | 'offline' | 'retrying' | 'unconfigured';
}

export interface Status {
  cookie: string | null;
  flushMode: FlushMode;
  flushPeriodMs: number;
  queued: number;
  online: boolean;
  /** Where the queue lives: `memory` when IndexedDB cannot be used. */
  storage: 'indexeddb' | 'memory';
  /** Where the engine runs. */
  runtime: 'service-worker' | 'page';
  lastFlush: (FlushResult & { atMs: number }) | null;
  /** When the next attempt is allowed after a failure, or null. */
  retryAtMs: number | null;
}
