/**
 * When to send, per flush mode. Pure: the engine feeds it what happened and
 * the stored flush state, and gets back whether to flush and the next state.
 * Nothing here relies on a timer: deadlines are stored and checked on wake.
 */
import type { FlushState } from './storage/types';

export type Trigger =
  /** Something was just queued. */
  | 'track'
  /** `flushData()`. */
  | 'manual'
  /** The engine started: worker start-up, or a page load. */
  | 'start'
  /** A Background Sync event. */
  | 'sync'
  /** A page saw the network come back. */
  | 'online'
  /** A timer that the engine asked a page for has fired. */
  | 'wake'
  /** The last visible page of the site was hidden or closed. */
  | 'last-page-hidden';

export interface Decision {
  flush: boolean;
  next: FlushState;
}

export function decide(trigger: Trigger, state: FlushState, nowMs: number): Decision {
  const next = advancePeriod(state, nowMs);
  if (trigger === 'manual') return { flush: true, next: { ...next, owed: true } };

  // A flush that was due and failed is finished by any later trigger.
  if (next.owed) return { flush: true, next };

  switch (next.mode) {
    case 'immediate':
      return { flush: true, next };
    case 'appClose':
      return {
        flush: trigger === 'last-page-hidden',
        next: { ...next, owed: trigger === 'last-page-hidden' },
      };
    case 'period':
    case 'manual':
      return { flush: false, next };
  }
}

/** In period mode, a passed deadline makes a flush owed and sets the next one. */
function advancePeriod(state: FlushState, nowMs: number): FlushState {
  if (state.mode !== 'period') return state;
  if (state.nextPeriodAtMs === null) return { ...state, nextPeriodAtMs: nowMs + state.periodMs };
  if (nowMs < state.nextPeriodAtMs) return state;

  return { ...state, owed: true, nextPeriodAtMs: nowMs + state.periodMs };
}

/** The state after a change of mode or period. */
export function withSchedule(
  state: FlushState,
  mode: FlushState['mode'],
  periodMs: number,
  nowMs: number,
): FlushState {
  const unchanged = mode === state.mode && periodMs === state.periodMs;
  if (unchanged && (mode !== 'period' || state.nextPeriodAtMs !== null)) return state;

  const nextPeriodAtMs = mode === 'period' ? nowMs + periodMs : null;
  return { ...state, mode, periodMs, nextPeriodAtMs };
}

/** When a page should wake the engine next, or null if nothing is scheduled. */
export function nextWakeAtMs(state: FlushState, queued: number): number | null {
  const deadlines: number[] = [];
  if (queued > 0 && state.retryAtMs !== null) deadlines.push(state.retryAtMs);
  if (state.mode === 'period' && state.nextPeriodAtMs !== null) {
    deadlines.push(state.nextPeriodAtMs);
  }
  return deadlines.length > 0 ? Math.min(...deadlines) : null;
}
