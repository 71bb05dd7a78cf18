import { describe, expect, it } from 'vitest';

import { FlushMode } from '../src/types';
import { decide, nextWakeAtMs, withSchedule, type Trigger } from './flush-policy';
import type { FlushState } from './storage/types';

const T0_MS = 1_700_000_000_000;
const PERIOD_MS = 4_000;

const TRIGGERS: Trigger[] = [
  'track',
  'manual',
  'start',
  'sync',
  'online',
  'wake',
  'last-page-hidden',
];

/** The reference table: which triggers flush in each mode, with nothing owed. */
const FLUSHES_ON: Record<FlushMode, Trigger[]> = {
  immediate: TRIGGERS,
  period: ['manual'],
  appClose: ['manual', 'last-page-hidden'],
  manual: ['manual'],
};

function state(change: Partial<FlushState> = {}): FlushState {
  return {
    mode: 'immediate',
    periodMs: PERIOD_MS,
    nextPeriodAtMs: null,
    owed: false,
    failures: 0,
    retryAtMs: null,
    last: null,
    ...change,
  };
}

/** What the flusher does to the state when a flush completes. */
const completed = (flush: FlushState): FlushState => ({ ...flush, owed: false });

describe('decide, per mode and trigger', () => {
  const cases = Object.values(FlushMode).flatMap((mode) =>
    TRIGGERS.map((trigger) => ({ mode, trigger, flush: FLUSHES_ON[mode].includes(trigger) })),
  );

  it.each(cases)('in $mode mode, $trigger flushes: $flush', ({ mode, trigger, flush }) => {
    const nextPeriodAtMs = mode === 'period' ? T0_MS + PERIOD_MS : null;
    const before = state({ mode, nextPeriodAtMs });

    const decision = decide(trigger, before, T0_MS);

    expect(decision.flush).toBe(flush);
  });
});

describe('decide, when a flush is owed', () => {
  it('owes the manual flush until it completes', () => {
    const decision = decide('manual', state({ mode: 'manual' }), T0_MS);

    expect(decision.next.owed).toBe(true);
  });

  it.each(TRIGGERS)('finishes a failed due flush on %s, even in manual mode', (trigger) => {
    const decision = decide(trigger, state({ mode: 'manual', owed: true }), T0_MS);

    expect(decision.flush).toBe(true);
    expect(decision.next.owed).toBe(true);
  });

  it('owes the flush that the last hidden page started in appClose mode', () => {
    const hidden = decide('last-page-hidden', state({ mode: 'appClose' }), T0_MS);
    const online = decide('online', hidden.next, T0_MS + 1_000);

    expect(hidden.next.owed).toBe(true);
    expect(online.flush).toBe(true);
  });

  it('owes nothing once the flush completed', () => {
    const hidden = decide('last-page-hidden', state({ mode: 'appClose' }), T0_MS);

    const later = decide('online', completed(hidden.next), T0_MS + 1_000);

    expect(later.flush).toBe(false);
  });
});

describe('decide, in period mode over a clock', () => {
  const scheduled = () => withSchedule(state(), 'period', PERIOD_MS, T0_MS);

  it('is not due 1.5 s into a 4 s period', () => {
    const decision = decide('wake', scheduled(), T0_MS + 1_500);

    expect(decision.flush).toBe(false);
    expect(decision.next.nextPeriodAtMs).toBe(T0_MS + PERIOD_MS);
  });

  it('is due once the period has passed, and sets the next deadline', () => {
    const decision = decide('wake', scheduled(), T0_MS + PERIOD_MS);

    expect(decision.flush).toBe(true);
    expect(decision.next.owed).toBe(true);
    expect(decision.next.nextPeriodAtMs).toBe(T0_MS + 2 * PERIOD_MS);
  });

  it('keeps advancing, one flush per period', () => {
    const first = decide('wake', scheduled(), T0_MS + PERIOD_MS);
    const between = decide('wake', completed(first.next), T0_MS + PERIOD_MS + 1_500);
    const second = decide('wake', between.next, T0_MS + 2 * PERIOD_MS);

    expect(between.flush).toBe(false);
    expect(second.flush).toBe(true);
    expect(second.next.nextPeriodAtMs).toBe(T0_MS + 3 * PERIOD_MS);
  });

  it('does not multiply flushes when several wakes come after one deadline', () => {
    let flush = completed(decide('wake', scheduled(), T0_MS + PERIOD_MS).next);
    let flushes = 0;

    for (const atMs of [1, 500, 2_000, PERIOD_MS - 1]) {
      const decision = decide('wake', flush, T0_MS + PERIOD_MS + atMs);
      if (decision.flush) flushes++;
      flush = decision.next;
    }

    expect(flushes).toBe(0);
  });

  it('flushes once, not once per missed period, after a long sleep', () => {
    const late = decide('wake', scheduled(), T0_MS + 10 * PERIOD_MS + 100);
    const next = decide('wake', completed(late.next), T0_MS + 10 * PERIOD_MS + 200);

    expect(late.flush).toBe(true);
    expect(late.next.nextPeriodAtMs).toBe(T0_MS + 11 * PERIOD_MS + 100);
    expect(next.flush).toBe(false);
  });

  it('sets a deadline when none is stored yet, without flushing', () => {
    const decision = decide('start', state({ mode: 'period' }), T0_MS);

    expect(decision.flush).toBe(false);
    expect(decision.next.nextPeriodAtMs).toBe(T0_MS + PERIOD_MS);
  });

  it('tracks do not flush before the deadline', () => {
    const decision = decide('track', scheduled(), T0_MS + PERIOD_MS - 1);

    expect(decision.flush).toBe(false);
  });
});

describe('withSchedule', () => {
  it('returns the same state when nothing changed', () => {
    const before = state({ mode: 'period', nextPeriodAtMs: T0_MS + 1_000 });

    expect(withSchedule(before, 'period', PERIOD_MS, T0_MS + 500)).toBe(before);
    expect(withSchedule(state(), 'immediate', PERIOD_MS, T0_MS)).toEqual(state());
  });

  it('starts a period when switching to period mode', () => {
    const next = withSchedule(state(), 'period', 10_000, T0_MS);

    expect(next).toMatchObject({ mode: 'period', periodMs: 10_000 });
    expect(next.nextPeriodAtMs).toBe(T0_MS + 10_000);
  });

  it('restarts the period when its length changes', () => {
    const before = withSchedule(state(), 'period', PERIOD_MS, T0_MS);

    const next = withSchedule(before, 'period', 9_000, T0_MS + 3_000);

    expect(next.nextPeriodAtMs).toBe(T0_MS + 3_000 + 9_000);
  });

  it('schedules a period mode that has no deadline yet', () => {
    const next = withSchedule(state({ mode: 'period' }), 'period', PERIOD_MS, T0_MS);

    expect(next.nextPeriodAtMs).toBe(T0_MS + PERIOD_MS);
  });

  it('clears the deadline when leaving period mode', () => {
    const before = withSchedule(state(), 'period', PERIOD_MS, T0_MS);

    expect(withSchedule(before, 'manual', PERIOD_MS, T0_MS).nextPeriodAtMs).toBeNull();
  });

  it('keeps what is owed and the backoff', () => {
    const before = state({ owed: true, failures: 2, retryAtMs: T0_MS + 5_000 });

    const next = withSchedule(before, 'appClose', PERIOD_MS, T0_MS);

    expect(next).toMatchObject({ owed: true, failures: 2, retryAtMs: T0_MS + 5_000 });
  });
});

describe('nextWakeAtMs', () => {
  it('asks for no wake when nothing is scheduled', () => {
    expect(nextWakeAtMs(state(), 5)).toBeNull();
  });

  it('asks for a wake at the retry time only while something is queued', () => {
    const flush = state({ retryAtMs: T0_MS + 2_000 });

    expect(nextWakeAtMs(flush, 1)).toBe(T0_MS + 2_000);
    expect(nextWakeAtMs(flush, 0)).toBeNull();
  });

  it('asks for a wake at the period deadline, even with an empty queue', () => {
    const flush = state({ mode: 'period', nextPeriodAtMs: T0_MS + PERIOD_MS });

    expect(nextWakeAtMs(flush, 0)).toBe(T0_MS + PERIOD_MS);
  });

  it('asks for the earlier of the two', () => {
    const flush = state({ mode: 'period', nextPeriodAtMs: T0_MS + 9_000, retryAtMs: T0_MS + 1 });

    expect(nextWakeAtMs(flush, 3)).toBe(T0_MS + 1);
    expect(nextWakeAtMs({ ...flush, retryAtMs: T0_MS + 10_000 }, 3)).toBe(T0_MS + 9_000);
  });

  it('ignores a stale period deadline outside period mode', () => {
    expect(nextWakeAtMs(state({ mode: 'manual', nextPeriodAtMs: T0_MS }), 3)).toBeNull();
  });
});
