/** Short texts for the inspector: a flush's result, and times relative to now. */
import type { FlushResult } from '../../../../src/index';

const OUTCOMES: Record<FlushResult['outcome'], string> = {
  drained: 'Drained',
  offline: 'Offline',
  retrying: 'Retrying later',
  unconfigured: 'Not configured',
};

export function describeFlush({ outcome, delivered, dropped, remaining }: FlushResult): string {
  const parts = [OUTCOMES[outcome], `${delivered} delivered`];
  if (dropped > 0) parts.push(`${dropped} dropped`);
  parts.push(`${remaining} left`);
  return parts.join(' · ');
}

export function timeAgo(atMs: number, nowMs = Date.now()): string {
  const seconds = Math.round((nowMs - atMs) / 1_000);
  if (seconds < 2) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

export function timeUntil(atMs: number, nowMs = Date.now()): string {
  const seconds = Math.ceil((atMs - nowMs) / 1_000);
  return seconds <= 0 ? 'due now' : `in ${seconds} s`;
}

/** A wall-clock time with seconds, to line up the feed with the queue. */
export function clockTime(atMs: number): string {
  return new Date(atMs).toLocaleTimeString('en-GB', { hour12: false });
}
