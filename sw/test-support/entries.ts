/** Queue entries for unit tests: small, valid, and distinct by key and uid. */
import type { NewEntry, QueueEntry, Target } from '../storage/types';

export const TARGET: Target = {
  baseUrl: 'https://api.test',
  projectToken: 'project-1',
  authorization: 'Token key-1',
};

export function newEntry(uid: string, change: Partial<NewEntry> = {}): NewEntry {
  return {
    uid,
    target: TARGET,
    command: {
      name: 'customers/events',
      data: {
        customer_ids: { cookie: 'cookie-1' },
        event_type: `event ${uid}`,
        timestamp: 1_700_000_000,
        properties: {},
      },
    },
    tries: 0,
    queuedAtMs: 1_700_000_000_000,
    ...change,
  };
}

export function queueEntry(key: number, change: Partial<QueueEntry> = {}): QueueEntry {
  return { ...newEntry(`uid-${key}`), key, ...change };
}
