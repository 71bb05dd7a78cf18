import { describe, expect, it } from 'vitest';

import {
  NO_SESSION,
  endNow,
  expire,
  lastPageHidden,
  manualStart,
  pageVisible,
  type SessionStep,
} from './session';
import type { SessionState } from './storage/types';

const T0_MS = 1_700_000_000_000;
const TIMEOUT_MS = 60_000;

/** A fake clock: each step reads the time the test has advanced to. */
function clock() {
  let nowMs = T0_MS;
  return {
    now: () => nowMs,
    advance: (ms: number) => (nowMs += ms),
  };
}

const visible = (state: SessionState, nowMs: number) => pageVisible(state, nowMs, TIMEOUT_MS);

/** A session opened at T0 and hidden 30 s later. */
function hiddenSession(): { state: SessionState; hiddenAtMs: number } {
  const opened = visible(NO_SESSION, T0_MS).state;
  return { state: lastPageHidden(opened, T0_MS + 30_000).state, hiddenAtMs: T0_MS + 30_000 };
}

const types = (step: SessionStep) => step.events.map((event) => event.type);

describe('the automatic session', () => {
  it('starts when the site gets its first visible page', () => {
    const step = visible(NO_SESSION, T0_MS);

    expect(step.events).toEqual([{ type: 'session_start', atMs: T0_MS }]);
    expect(step.state).toEqual({ startedAtMs: T0_MS, hiddenAtMs: null });
  });

  it('does nothing when another page becomes visible', () => {
    const open = visible(NO_SESSION, T0_MS).state;

    const step = visible(open, T0_MS + 5_000);

    expect(step).toEqual({ state: open, events: [] });
  });

  it('stores when the last visible page went away, once', () => {
    const time = clock();
    const open = visible(NO_SESSION, time.now()).state;

    const hidden = lastPageHidden(open, time.advance(10_000)).state;
    const again = lastPageHidden(hidden, time.advance(10_000)).state;

    expect(hidden).toEqual({ startedAtMs: T0_MS, hiddenAtMs: T0_MS + 10_000 });
    expect(again).toEqual(hidden);
  });

  it('ignores a hidden page when no session is open', () => {
    expect(lastPageHidden(NO_SESSION, T0_MS)).toEqual({ state: NO_SESSION, events: [] });
  });

  it('resumes silently when a page is visible again within the timeout', () => {
    const { state, hiddenAtMs } = hiddenSession();

    const step = visible(state, hiddenAtMs + TIMEOUT_MS);

    expect(step.events).toEqual([]);
    expect(step.state).toEqual({ startedAtMs: T0_MS, hiddenAtMs: null });
  });

  it('ends at the hidden time and starts anew when a page comes back after the timeout', () => {
    const { state, hiddenAtMs } = hiddenSession();
    const backAtMs = hiddenAtMs + TIMEOUT_MS + 1;

    const step = visible(state, backAtMs);

    expect(step.events).toEqual([
      { type: 'session_end', atMs: hiddenAtMs, durationSeconds: 30 },
      { type: 'session_start', atMs: backAtMs },
    ]);
    expect(step.state).toEqual({ startedAtMs: backAtMs, hiddenAtMs: null });
  });
  it('follows a day of tabs over a clock: resume, pause, then expiry', () => {
    const time = clock();
    const events: SessionStep['events'] = [];
    let state = NO_SESSION;
    const run = (step: SessionStep) => {
      events.push(...step.events);
      state = step.state;
    };

    run(visible(state, time.now()));
    run(lastPageHidden(state, time.advance(20_000)));
    run(visible(state, time.advance(TIMEOUT_MS - 1)));
    run(lastPageHidden(state, time.advance(40_000)));
    const hiddenAtMs = time.now();
    run(visible(state, time.advance(TIMEOUT_MS + 1)));

    expect(events).toEqual([
      { type: 'session_start', atMs: T0_MS },
      { type: 'session_end', atMs: hiddenAtMs, durationSeconds: (hiddenAtMs - T0_MS) / 1_000 },
      { type: 'session_start', atMs: time.now() },
    ]);
  });
});

describe('expire', () => {
  it('ends a session that timed out while the worker was stopped', () => {
    const { state, hiddenAtMs } = hiddenSession();
    const restored = JSON.parse(JSON.stringify(state)) as SessionState;

    const step = expire(restored, hiddenAtMs + 5 * TIMEOUT_MS, TIMEOUT_MS);

    expect(step.events).toEqual([{ type: 'session_end', atMs: hiddenAtMs, durationSeconds: 30 }]);
    expect(step.state).toEqual(NO_SESSION);
  });

  it('keeps a hidden session that may still resume', () => {
    const { state, hiddenAtMs } = hiddenSession();

    const step = expire(state, hiddenAtMs + TIMEOUT_MS, TIMEOUT_MS);

    expect(step).toEqual({ state, events: [] });
  });

  it('keeps a session while a page is visible, however long', () => {
    const open = visible(NO_SESSION, T0_MS).state;

    expect(expire(open, T0_MS + 100 * TIMEOUT_MS, TIMEOUT_MS).events).toEqual([]);
    expect(expire(NO_SESSION, T0_MS, TIMEOUT_MS).events).toEqual([]);
  });
});

describe('manual sessions', () => {
  it('start opens a session at the given time', () => {
    const step = manualStart(NO_SESSION, T0_MS);

    expect(step.events).toEqual([{ type: 'session_start', atMs: T0_MS }]);
    expect(step.state).toEqual({ startedAtMs: T0_MS, hiddenAtMs: null });
  });

  it('start while one is open ends the open one first', () => {
    const open = manualStart(NO_SESSION, T0_MS).state;

    const step = manualStart(open, T0_MS + 90_000);

    expect(types(step)).toEqual(['session_end', 'session_start']);
    expect(step.events[0]).toMatchObject({ atMs: T0_MS + 90_000, durationSeconds: 90 });
    expect(step.state.startedAtMs).toBe(T0_MS + 90_000);
  });

  it('end closes the open session with its duration in seconds', () => {
    const open = manualStart(NO_SESSION, T0_MS).state;

    const step = endNow(open, T0_MS + 1_500);

    expect(step.events).toEqual([
      { type: 'session_end', atMs: T0_MS + 1_500, durationSeconds: 1.5 },
    ]);
    expect(step.state).toEqual(NO_SESSION);
  });

  it('end of a hidden session is stamped when it was hidden', () => {
    const { state, hiddenAtMs } = hiddenSession();

    const step = endNow(state, hiddenAtMs + 10_000);

    expect(step.events).toEqual([{ type: 'session_end', atMs: hiddenAtMs, durationSeconds: 30 }]);
  });

  it('end with nothing open tracks nothing', () => {
    expect(endNow(NO_SESSION, T0_MS)).toEqual({ state: NO_SESSION, events: [] });
  });

  it('never reports a negative duration for an end before the start', () => {
    const open = manualStart(NO_SESSION, T0_MS).state;

    const [end] = endNow(open, T0_MS - 5_000).events;

    expect(end).toMatchObject({ type: 'session_end', durationSeconds: 0 });
  });
});
