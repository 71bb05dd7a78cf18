import { describe, expect, it } from 'vitest';

import { classify } from './answer';
import { queueEntry } from './test-support/entries';

const ENTRIES = [queueEntry(1), queueEntry(2), queueEntry(3)];
const ONE = [queueEntry(7)];

const success = { success: true, time: 1_700_000_000.5 };
const failure = { success: false, errors: ['event_type is required'] };
const answer = (results: unknown[]) => ({ success: true, start_time: 1, end_time: 2, results });

describe('classify a 2xx answer', () => {
  it('accepts every command whose result succeeded', () => {
    const verdict = classify(200, answer([success, success, success]), null, ENTRIES);

    expect(verdict).toEqual({ kind: 'answered', accepted: ENTRIES, refused: [] });
  });

  it('refuses the commands whose result says success: false, even in a 200', () => {
    const verdict = classify(200, answer([success, failure, success]), null, ENTRIES);

    expect(verdict.kind).toBe('answered');
    if (verdict.kind !== 'answered') return;
    expect(verdict.accepted).toEqual([ENTRIES[0], ENTRIES[2]]);
    expect(verdict.refused.map((refusal) => refusal.entry)).toEqual([ENTRIES[1]]);
  });

  it('accepts only success: true, not a result that is truthy or missing', () => {
    const results = [{ success: 'true' }, null, success];

    const verdict = classify(201, answer(results), null, ENTRIES);

    expect(verdict.kind).toBe('answered');
    if (verdict.kind !== 'answered') return;
    expect(verdict.accepted).toEqual([ENTRIES[2]]);
    expect(verdict.refused.map((refusal) => refusal.entry)).toEqual([ENTRIES[0], ENTRIES[1]]);
  });

  it.each([
    ['no body', null],
    ['a body with no results', { success: true }],
    ['results that are not an array', { success: true, results: {} }],
    ['fewer results than commands', answer([success, success])],
    ['more results than commands', answer([success, success, success, success])],
  ])('retries, keeping everything, on %s', (_, body) => {
    const verdict = classify(200, body, 2_000, ENTRIES);

    expect(verdict).toMatchObject({ kind: 'retry', retryAfterMs: 2_000 });
  });
});

describe('classify a status that blames the request body', () => {
  it.each([400, 413, 422])('splits a batch of several on HTTP %i', (status) => {
    const verdict = classify(status, { success: false, errors: ['bad'] }, null, ENTRIES);

    expect(verdict.kind).toBe('split');
  });

  it.each([400, 413, 422])('refuses a single command on HTTP %i', (status) => {
    const verdict = classify(status, { success: false, message: 'bad' }, null, ONE);

    expect(verdict.kind).toBe('refused');
  });
});

describe('classify a status that refuses the request as a whole', () => {
  it.each([401, 403, 404, 410])('refuses, without splitting, on HTTP %i', (status) => {
    const verdict = classify(status, { success: false, errors: ['no'] }, null, ENTRIES);

    expect(verdict.kind).toBe('refused');
  });

  it('keeps the status in the reason, for the debug log', () => {
    const verdict = classify(403, null, null, ENTRIES);

    expect(verdict.kind === 'refused' && verdict.reason).toContain('403');
  });
});

describe('classify a status that says "later"', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])(
    'retries on HTTP %i and passes Retry-After through',
    (status) => {
      const verdict = classify(status, answer([success, success, success]), 30_000, ENTRIES);

      expect(verdict).toMatchObject({ kind: 'retry', retryAfterMs: 30_000 });
    },
  );

  it('retries with no Retry-After when the server gave none', () => {
    const verdict = classify(503, null, null, ENTRIES);

    expect(verdict).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });

  it.each([101, 204, 301, 302, 304])(
    'retries on HTTP %i, which says nothing about the commands',
    (status) => {
      const verdict = classify(status, null, null, ENTRIES);

      expect(verdict.kind).toBe('retry');
    },
  );
});
