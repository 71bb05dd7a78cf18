// docs/BENCHMARKS.md: how the figures were taken, on what machine, and the
// tables of the run that wrote it.
import { fixed } from './format.mjs';

export function renderDocument(run) {
  const { tables, machine, options, loads, elapsedMs, sectionSeconds } = run;
  const sections = Object.entries(sectionSeconds)
    .map(([key, seconds]) => `${key} ${seconds} s`)
    .join(', ');
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${machine.date}; re-run it to
refresh this file. Figures are from one run on a shared machine: read them as
orders of magnitude and ratios, not as absolute times.

## Machine

| | |
| --- | --- |
| CPU | ${machine.cpuModel}, ${machine.cores} cores |
| Memory | ${fixed(machine.memoryGiB, 1)} GiB |
| OS | ${machine.os} |
| Chromium | ${machine.chromium} (headless, through Playwright) |
| Node | ${machine.node} |
| Load average (1 min) | ${loads.join(' → ')} (start → end); others' tests shared the cores |
| Run took | ${fixed(elapsedMs / 60_000, 1)} min: ${sections} |

## Method

- **What runs.** The built files: \`npm run bench\` builds dist/ and then serves a
  snapshot of it, so a rebuild by someone else cannot change files mid-run. The
  page client is \`dist/exponea.js\`, the worker \`dist/sw.js\`, both on
  \`http://127.0.0.1\`, against the local Tracking API of demo/api/ on another port.
- **Fresh state.** Every measurement opens a new browser context (new storage,
  new worker) and tracks into a project token of its own.
- **Repeats.** exponea-sw figures are medians over ${options.runs} runs. Baselines
  that take ten to a hundred times longer run fewer times: the one-transaction
  IndexedDB baseline ${options.baselineRuns}, Workbox ${options.workboxRuns}; the
  memory figures come from one drain per queue size. SDK and baseline runs are
  interleaved so a change in load hits both.
- **Baselines** are small scripts in bench/baselines/, measured in the same run:
  a page-side queue in \`localStorage\` written whole on every event (how the
  Amplitude and Snowplow browser trackers keep theirs); one IndexedDB
  transaction per event; and \`workbox-background-sync\`'s \`Queue\`, bundled from
  node_modules into a worker of its own, one stored request per event and
  Workbox's own replay, one request per event. All store the same command.
- **Bytes**: each built file gzipped at level 9 on its own, as a server sends
  it; 1 KB is 1,024 bytes, and the exact bytes are given too. "Entry + static imports" is what every page
  downloads; lazy chunks load only when \`configure()\` needs them. The budgets
  are also a test: \`e2e/bundle-size.spec.ts\`.
- **Main-thread cost**: one \`trackEvent\` per task, \`performance.now()\` around
  the call, 1,000 calls after 200 of warm-up per depth (the baseline 100 after
  10). The queue is first filled in \`manual\` flush mode, so it only grows. The
  page is cross-origin isolated, which gives the timer 5 µs steps instead of
  100 µs. "With end-of-task post" also counts the microtask in which the client
  posts its message to the worker.
- **Durable throughput**: 10,000 calls in one task, timed until every promise
  resolved; exponea-sw in \`manual\` mode after a 200-event warm-up, so only
  storing is timed. Workbox's figure is its offline push phase from the drain
  measurement, with all 10,000 pushes handed to the worker in one message.
- **Drain**: the page stays open; \`context.setOffline(true)\`, 10,000 events,
  \`setOffline(false)\`. Times are the API's own arrival stamps minus the moment
  of reconnecting; tracking requests are those the API recorded after it, and
  CORS preflights are counted on the API's socket (Node's
  \`http.server.request.start\` diagnostics channel), since the API records
  only tracking calls.
- **Memory**: the worker's \`Runtime.getHeapUsage\` over a DevTools session on
  its target, every 100 ms while \`flushData()\` drains a queue filled in
  \`manual\` mode, starting from a forced GC. The peak counts garbage V8 has
  not collected yet; the reading after a forced GC at the end shows what the
  drain kept.
- **Goals**: "flat" means the p95 at 10,000 queued is at most twice the p95
  at 0. Ratios are of medians; a missed goal says by how much.
- **Storage**: a persistent profile in a temporary directory, three times:
  \`navigator.storage.estimate()\` before and after queueing 10,000 events (in
  Chromium it is the size of the IndexedDB files). JSON sizes are read from the
  queued entries.
- **Goals**: "flat" means the p95 at 10,000 queued is at most twice the p95
  at 0. Ratios are of medians; a missed goal says by how much.
- **Storage**: a persistent profile in a temporary directory, three times:
  \`navigator.storage.estimate()\` before and after queueing 10,000 events, and
  the IndexedDB files after restarting the browser on the profile (LevelDB then
  turns its uncompressed log into a compressed table, so this is the size at
  rest). JSON sizes are read from the queued entries.

## Results

${tables}
`;
}
