import { describe, expect, it } from 'vitest';

import { MAX_BATCH_COMMANDS, batchBody, batchUrl, nextBatch, sameTarget } from './batch';
import type { Target } from './storage/types';
import { TARGET, queueEntry } from './test-support/entries';

const OTHER: Target = { ...TARGET, projectToken: 'project-2' };

const keys = (entries: { key: number }[]) => entries.map((entry) => entry.key);

describe('nextBatch', () => {
  it('takes at most 50 commands, the oldest first', () => {
    const oldest = Array.from({ length: 120 }, (_, index) => queueEntry(index + 1));

    const batch = nextBatch(oldest);

    expect(MAX_BATCH_COMMANDS).toBe(50);
    expect(keys(batch)).toEqual(keys(oldest.slice(0, MAX_BATCH_COMMANDS)));
  });

  it('takes everything when fewer are queued', () => {
    const oldest = [queueEntry(1), queueEntry(2)];

    expect(nextBatch(oldest)).toEqual(oldest);
  });

  it('takes nothing from an empty queue', () => {
    expect(nextBatch([])).toEqual([]);
  });

  it('groups the commands bound where the oldest is, keeping queue order', () => {
    const oldest = [
      queueEntry(1),
      queueEntry(2, { target: OTHER }),
      queueEntry(3),
      queueEntry(4, { target: OTHER }),
      queueEntry(5),
    ];

    expect(keys(nextBatch(oldest))).toEqual([1, 3, 5]);
    expect(keys(nextBatch(oldest.slice(1)))).toEqual([2, 4]);
  });

  it('does not mix commands for another key or base URL', () => {
    const oldest = [
      queueEntry(1),
      queueEntry(2, { target: { ...TARGET, authorization: 'Token key-2' } }),
      queueEntry(3, { target: { ...TARGET, baseUrl: 'https://eu.api.test' } }),
    ];

    expect(keys(nextBatch(oldest))).toEqual([1]);
  });
});

describe('sameTarget', () => {
  it('compares base URL, project and authorization', () => {
    expect(sameTarget(TARGET, { ...TARGET })).toBe(true);
    expect(sameTarget(TARGET, OTHER)).toBe(false);
    expect(sameTarget(TARGET, { ...TARGET, authorization: 'Token other' })).toBe(false);
    expect(sameTarget(TARGET, { ...TARGET, baseUrl: 'https://other.test' })).toBe(false);
  });
});

describe('batchUrl', () => {
  it('posts to the project batch endpoint', () => {
    expect(batchUrl(TARGET)).toBe('https://api.test/track/v2/projects/project-1/batch');
  });

  it('encodes the project token as one path segment', () => {
    const url = batchUrl({ ...TARGET, projectToken: 'a b/c?d#e' });

    expect(url).toBe('https://api.test/track/v2/projects/a%20b%2Fc%3Fd%23e/batch');
  });

  it('joins a base URL with a path and trailing slashes without doubling them', () => {
    const url = batchUrl({ ...TARGET, baseUrl: 'https://proxy.test/exponea//' });

    expect(url).toBe('https://proxy.test/exponea/track/v2/projects/project-1/batch');
  });
});

describe('batchBody', () => {
  it('sends the commands in order, each carrying its uid as command_id', () => {
    const entries = [queueEntry(1), queueEntry(2, { uid: 'page-1.42' })];

    const body = JSON.parse(batchBody(entries));

    expect(body.commands).toEqual([
      { ...entries[0]!.command, command_id: 'uid-1' },
      { ...entries[1]!.command, command_id: 'page-1.42' },
    ]);
  });

  it('sends nothing of the queue bookkeeping', () => {
    const body = JSON.parse(batchBody([queueEntry(1, { tries: 3 })]));

    expect(Object.keys(body)).toEqual(['commands']);
    expect(Object.keys(body.commands[0]).sort()).toEqual(['command_id', 'data', 'name']);
  });
});
