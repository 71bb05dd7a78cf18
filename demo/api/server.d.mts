/**
 * Types for `server.mjs` and for the JSON its control routes answer with,
 * so tests can read recordings with types instead of guesses.
 */

export interface TrackingApiOptions {
  /** TCP port; 0 lets the system pick a free one. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * When false, prints one line per tracking request: method, path with
   * the token masked, command count and outcome. Never bodies or tokens.
   * @default true
   */
  quiet?: boolean;
}

export interface TrackingApi {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /**
   * Stops listening and destroys every open socket, hung and delayed
   * requests included, so it resolves promptly. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts the local Tracking API. Rejects when the port cannot be bound.
 *
 * @example
 * const api = await startTrackingApi();
 * await fetch(`${api.url}/__control/health`);
 * await api.close();
 */
export function startTrackingApi(
  options?: TrackingApiOptions,
): Promise<TrackingApi>;

export type CommandName = 'customers/events' | 'customers';

/** The fault kind a request met, as `RecordedRequest.fault` names it. */
export type FaultKind = 'status' | 'delay' | 'hang' | 'drop';

/** A command the API accepted, from `GET /__control/projects/{token}`. */
export interface RecordedCommand {
  name: CommandName;
  /** As the client sent it. */
  data: Record<string, unknown>;
  /** Present only when the client gave one. */
  command_id?: string;
  /** `index` of the request that carried it. */
  requestIndex: number;
  /** When the server accepted it, in epoch milliseconds. */
  receivedAtMs: number;
}

/** A request that reached a tracking route. */
export interface RecordedRequest {
  /** Position among the project's requests, from 0. */
  index: number;
  path: string;
  /** Commands in the body, valid or not; 0 when it could not be read. */
  commandCount: number;
  /** Whether the request carried a `Cookie` header. */
  sentCookies: boolean;
  /** Null while no answer went out: hang, drop, or the client left. */
  status: number | null;
  fault: FaultKind | null;
  startedAtMs: number;
  answeredAtMs: number | null;
}

/** The answer of `GET /__control/projects/{token}`. */
export interface ProjectActivity {
  commands: RecordedCommand[];
  requests: RecordedRequest[];
}

/**
 * One rule for `POST /__control/projects/{token}/faults`. It covers the
 * next `times` tracking requests (default 1, or "always" until cleared).
 */
export type FaultRule = { times?: number | 'always' } & (
  /** Answer with this status; nothing is recorded. */
  | { status: number; retryAfterSeconds?: number; body?: unknown }
  /** Record the commands at once, answer after the delay. */
  | { delayMs: number }
  /** Read the body, record nothing, never answer. */
  | { hang: true }
  /** Destroy the connection; with `accept`, record the commands first. */
  | { drop: true; accept?: boolean }
);
