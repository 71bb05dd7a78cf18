/** Choosing what one request carries, and the body it sends. */
import type { QueueEntry, Target } from './storage/types';

/** What a request needs of an entry: a queued one, or one still being stored. */
export type Sendable = Pick<QueueEntry, 'uid' | 'target' | 'command'>;

/** The Tracking API takes at most 50 commands in one batch. */
export const MAX_BATCH_COMMANDS = 50;

export const sameTarget = (a: Target, b: Target) =>
  a.baseUrl === b.baseUrl &&
  a.projectToken === b.projectToken &&
  a.authorization === b.authorization;

/**
 * From the oldest entries, those bound where the oldest is bound, in queue
 * order. Entries for another project (tracked before an `anonymize` that
 * switched projects) wait for a later request.
 */
export function nextBatch(oldest: QueueEntry[]): QueueEntry[] {
  const first = oldest[0];
  if (!first) return [];

  return oldest
    .filter((entry) => sameTarget(entry.target, first.target))
    .slice(0, MAX_BATCH_COMMANDS);
}

export function batchUrl(target: Target): string {
  const base = target.baseUrl.replace(/\/+$/, '');
  return `${base}/track/v2/projects/${encodeURIComponent(target.projectToken)}/batch`;
}

export function batchBody(entries: Sendable[]): string {
  const commands = entries.map((entry) => ({ ...entry.command, command_id: entry.uid }));
  return JSON.stringify({ commands });
}
