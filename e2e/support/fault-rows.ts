/**
 * One row of the fault matrix per scenario: what was tracked, what arrived,
 * and what it cost. Tests build rows with `tally()` and hand them to the
 * report with `recordRow()`.
 */
import type { TestInfo } from '@playwright/test';

import { countBySeq, type ApiProject } from './api';

export const FAULT_ROW = 'fault-row';

export interface FaultRow {
  scenario: string;
  tracked: number;
  delivered: number;
  /** Dropped on purpose: over the queue cap, past retention, refused `maxTries` times. */
  dropped: number;
  lost: number;
  duplicated: number;
  requests: number;
  /** From the moment the fault ended (or tracking began) to the last arrival. */
  drainMs: number | null;
}

/**
 * Counts the events named `name` (numbered by their `seq` property) that
 * the project received, and the requests made since `sinceMs`.
 */
export async function tally(
  api: ApiProject,
  options: { scenario: string; name: string; tracked: number; sinceMs: number; dropped?: number },
): Promise<FaultRow> {
  const { commands, requests } = await api.received();
  const events = commands.filter((command) => command.data.event_type === options.name);
  const unique = countBySeq(events).size;
  const lastAtMs = Math.max(...events.map((event) => event.receivedAtMs));

  return {
    scenario: options.scenario,
    tracked: options.tracked,
    delivered: unique,
    dropped: options.dropped ?? 0,
    lost: options.tracked - unique - (options.dropped ?? 0),
    duplicated: events.length - unique,
    requests: requests.filter((request) => request.startedAtMs >= options.sinceMs).length,
    drainMs: events.length > 0 ? Math.max(0, lastAtMs - options.sinceMs) : null,
  };
}

export function recordRow(testInfo: TestInfo, row: FaultRow): void {
  testInfo.annotations.push({ type: FAULT_ROW, description: JSON.stringify(row) });
}

const COLUMNS: [keyof FaultRow, string][] = [
  ['scenario', 'scenario'],
  ['tracked', 'tracked'],
  ['delivered', 'delivered'],
  ['dropped', 'dropped by design'],
  ['lost', 'lost'],
  ['duplicated', 'duplicated'],
  ['requests', 'requests'],
  ['drainMs', 'time to drain (ms)'],
];

export function renderTable(rows: FaultRow[]): string {
  const header = `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`;
  const rule = `| ${COLUMNS.map(([key]) => (key === 'scenario' ? '---' : '---:')).join(' | ')} |`;
  const lines = rows.map(
    (row) => `| ${COLUMNS.map(([key]) => String(row[key] ?? '–')).join(' | ')} |`,
  );
  return [header, rule, ...lines].join('\n');
}

export function renderReliabilityDoc(rows: FaultRow[]): string {
  const lost = rows.reduce((sum, row) => sum + row.lost, 0);
  const duplicated = rows.reduce((sum, row) => sum + row.duplicated, 0);
  return `# Reliability: the fault matrix

Each row is one scenario, run in Chromium against the built files and the
local Tracking API with faults injected. \`tracked\` counts the events the
test tracked, \`delivered\` those that arrived (each counted once),
\`dropped by design\` those the SDK discarded on purpose and counted (over
\`maxQueueSize\`, past \`maxRetentionMs\`, refused \`maxTries\` times),
\`lost\` whatever is left unaccounted for, \`duplicated\` the extra copies,
and \`requests\` every request that reached the API during the scenario,
failed ones included.

Run it with \`npm run test:faults\` (it is part of \`npm test\`). This file is
rewritten by every complete, green run.

${renderTable(rows)}

Across all scenarios: **${lost} lost, ${duplicated} duplicated**.

## Delivery guarantee

Delivery is at-least-once. An item leaves the queue only after the API said
it accepted it. The one window that can send an item twice is "the API
accepted the batch, but the worker was stopped before it deleted it": the
answer never reached the worker, so the batch is sent again. That window is
at most the one batch in flight (50 commands), and the scenario that stops
the worker during a slow, accepted request measures it. Every command
carries its \`command_id\` (the item's unique id), so a backend can drop such
a repeat.

## Security checks

The same run checks, in \`e2e/faults/security.spec.ts\`:

- the worker's requests go only to the configured \`baseUrl\`, and carry no
  cookies (\`credentials: 'omit'\`), even with cookies set for the API's origin;
- with \`debug: true\`, the page's and the worker's logs name what happened
  and never contain the key, an event's properties or a customer id;
- a page served with \`Content-Security-Policy: script-src 'self'\` tracks and
  delivers with no violation;
- nothing reads or writes \`document.cookie\`, so blocked third-party cookies
  change nothing.

Malformed messages posted to the worker are scenario 12: messages of another
protocol are left alone, messages of this one that are wrong get an error
answer, and nothing is written.

Generated ${new Date().toISOString().slice(0, 10)}.
`;
}
