import { describe, expect, it } from 'vitest';

import {
  FIRST_RETRY_DELAY_MS,
  MAX_RETRY_DELAY_MS,
  parseRetryAfterMs,
  retryDelayMs,
} from './backoff';

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('retryDelayMs', () => {
  it('doubles with each consecutive failure', () => {
    const delays = [1, 2, 3, 4].map((failures) => retryDelayMs(failures, null, 0.5));

    expect(delays[1]).toBe(delays[0]! * 2);
    expect(delays[2]).toBe(delays[1]! * 2);
    expect(delays[3]).toBe(delays[2]! * 2);
  });

  it('starts between half and all of the first delay', () => {
    expect(retryDelayMs(1, null, 0)).toBe(FIRST_RETRY_DELAY_MS / 2);
    expect(retryDelayMs(1, null, 0.999_999)).toBeCloseTo(FIRST_RETRY_DELAY_MS, 0);
  });

  it.each([5, 10, 50, 10_000])('never exceeds the cap after %i failures', (failures) => {
    const delayMs = retryDelayMs(failures, null, 0.999_999);

    expect(delayMs).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    expect(delayMs).toBeGreaterThan(MAX_RETRY_DELAY_MS * 0.99);
  });

  it.each([0, 0.1, 0.5, 0.9, 0.999_999])(
    'keeps the jitter within half to all of the capped delay (random %f)',
    (random) => {
      const delayMs = retryDelayMs(20, null, random);

      expect(delayMs).toBeGreaterThanOrEqual(MAX_RETRY_DELAY_MS / 2);
      expect(delayMs).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    },
  );

  it('spreads clients that failed together', () => {
    const low = retryDelayMs(3, null, 0.1);
    const high = retryDelayMs(3, null, 0.9);

    expect(high).toBeGreaterThan(low);
  });

  it('waits as long as Retry-After asks when that is longer', () => {
    expect(retryDelayMs(1, 120_000, 0.5)).toBe(120_000);
    expect(retryDelayMs(30, MAX_RETRY_DELAY_MS * 4, 0.5)).toBe(MAX_RETRY_DELAY_MS * 4);
  });

  it('keeps its own delay when Retry-After is shorter', () => {
    const own = retryDelayMs(4, null, 0.5);

    expect(retryDelayMs(4, 10, 0.5)).toBe(own);
    expect(retryDelayMs(4, 0, 0.5)).toBe(own);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfterMs('120', NOW_MS)).toBe(120_000);
    expect(parseRetryAfterMs('0', NOW_MS)).toBe(0);
    expect(parseRetryAfterMs(' 1.5 ', NOW_MS)).toBe(1_500);
  });

  it('reads an HTTP date as the time left until it', () => {
    const header = new Date(NOW_MS + 30_000).toUTCString();

    expect(parseRetryAfterMs(header, NOW_MS)).toBe(30_000);
  });

  it('reads a date or a delay in the past as no wait', () => {
    const past = new Date(NOW_MS - 60_000).toUTCString();

    expect(parseRetryAfterMs(past, NOW_MS)).toBe(0);
    expect(parseRetryAfterMs('-5', NOW_MS)).toBe(0);
  });

  it.each(['soon', 'later please', 'NaN'])('gives null for the garbage %j', (header) => {
    expect(parseRetryAfterMs(header, NOW_MS)).toBeNull();
  });

  it.each([null, '', '   '])('gives null for an absent or empty header (%j)', (header) => {
    expect(parseRetryAfterMs(header, NOW_MS)).toBeNull();
  });
});
