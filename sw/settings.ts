/** The configuration with its defaults, as the engine keeps it. */
import type { EngineConfiguration } from '../src/protocol/messages';
import type { AnonymizeChange } from '../src/types';
import type { Settings } from './storage/types';

export const DEFAULT_BASE_URL = 'https://api.exponea.com';
export const DEFAULT_MAX_TRIES = 10;
export const DEFAULT_FLUSH_PERIOD_MS = 60 * 60 * 1_000;
export const DEFAULT_SESSION_TIMEOUT_MS = 60_000;
/** Well under the 20 s after which a hung request must have been given up. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_QUEUE_SIZE = 10_000;
export const DEFAULT_MAX_RETENTION_MS = 30 * 24 * 60 * 60 * 1_000;

export function toSettings(config: EngineConfiguration): Settings {
  return {
    target: {
      baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
      projectToken: config.projectToken,
      authorization: config.authorization,
    },
    defaultProperties: config.defaultProperties ?? {},
    maxTries: config.maxTries ?? DEFAULT_MAX_TRIES,
    automaticSessionTracking: config.automaticSessionTracking ?? true,
    sessionTimeoutMs: config.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
    appVersion: config.appVersion ?? null,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxQueueSize: config.maxQueueSize ?? DEFAULT_MAX_QUEUE_SIZE,
    maxRetentionMs: config.maxRetentionMs ?? DEFAULT_MAX_RETENTION_MS,
    debug: config.debug ?? false,
  };
}

/** The settings for the customer that `anonymize` starts. */
export function withChange(settings: Settings, change: AnonymizeChange | undefined): Settings {
  // An option given as undefined keeps its value, as an omitted one does.
  const given = Object.entries(change ?? {}).filter(([, value]) => value !== undefined);
  return { ...settings, target: { ...settings.target, ...Object.fromEntries(given) } };
}
