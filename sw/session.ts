/**
 * One session for the whole site, however many tabs are open. Pure: the
 * engine tells it when the site gains or loses its last visible page, and
 * records what it returns. The end of a session is stored, never timed, so a
 * stopped worker ends it correctly on its next wake.
 */
import type { SessionState } from './storage/types';

export type SessionEvent =
  | { type: 'session_start'; atMs: number }
  | { type: 'session_end'; atMs: number; durationSeconds: number };

export interface SessionStep {
  state: SessionState;
  events: SessionEvent[];
}

export const NO_SESSION: SessionState = { startedAtMs: null, hiddenAtMs: null };

const end = (startedAtMs: number, atMs: number): SessionEvent => ({
  type: 'session_end',
  atMs,
  durationSeconds: Math.max(0, (atMs - startedAtMs) / 1_000),
});

/** The site has a visible page again (or for the first time). */
export function pageVisible(state: SessionState, nowMs: number, timeoutMs: number): SessionStep {
  if (state.startedAtMs === null) {
    return { state: { startedAtMs: nowMs, hiddenAtMs: null }, events: [start(nowMs)] };
  }
  if (state.hiddenAtMs === null) return { state, events: [] };

  if (nowMs - state.hiddenAtMs <= timeoutMs) {
    return { state: { ...state, hiddenAtMs: null }, events: [] };
  }
  return {
    state: { startedAtMs: nowMs, hiddenAtMs: null },
    events: [end(state.startedAtMs, state.hiddenAtMs), start(nowMs)],
  };
}

/** The site's last visible page was hidden or closed. */
export function lastPageHidden(state: SessionState, nowMs: number): SessionStep {
  if (state.startedAtMs === null || state.hiddenAtMs !== null) return { state, events: [] };
  return { state: { ...state, hiddenAtMs: nowMs }, events: [] };
}

/** On any wake with no visible page: ends a session that timed out meanwhile. */
export function expire(state: SessionState, nowMs: number, timeoutMs: number): SessionStep {
  if (state.startedAtMs === null || state.hiddenAtMs === null) return { state, events: [] };
  if (nowMs - state.hiddenAtMs <= timeoutMs) return { state, events: [] };

  return { state: NO_SESSION, events: [end(state.startedAtMs, state.hiddenAtMs)] };
}

/** `trackSessionStart`: opens a session, ending an open one first. */
export function manualStart(state: SessionState, atMs: number): SessionStep {
  const events: SessionEvent[] = state.startedAtMs === null ? [] : [end(state.startedAtMs, atMs)];
  return { state: { startedAtMs: atMs, hiddenAtMs: null }, events: [...events, start(atMs)] };
}

/** `trackSessionEnd`, and the end of a session at `anonymize`. */
export function endNow(state: SessionState, atMs: number): SessionStep {
  if (state.startedAtMs === null) return { state: NO_SESSION, events: [] };

  const endedAtMs = state.hiddenAtMs ?? atMs;
  return { state: NO_SESSION, events: [end(state.startedAtMs, endedAtMs)] };
}

function start(atMs: number): SessionEvent {
  return { type: 'session_start', atMs };
}
