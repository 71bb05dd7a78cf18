// Turns one run's results into the tables that are printed and written to
// docs/BENCHMARKS.md. Every section renders whatever it has: a section that
// failed shows its error instead of stopping the report.
import { PEER_BYTES } from '../measures/bytes.mjs';
import { eventsPerSecond } from '../measures/throughput.mjs';
import { BUDGET_BYTES } from './bundle-sizes.mjs';
import { count, fixed, kilobytes, micros, millis, table, times } from './format.mjs';
import { checkGoals } from './goals.mjs';
import { median } from './stats.mjs';

/** Ratios the tables and the goals share; a section that did not run adds none. */
export function derive({ mainThread, throughput, drain, workbox, memory }) {
  return {
    ...(mainThread && mainThreadRatios(mainThread)),
    ...(throughput?.perEventMs.length && {
      throughputRatio: median(throughput.perEventMs) / median(throughput.sdkMs),
    }),
    ...(drain && workbox && {
      requestRatio: medianRequests(workbox.runs) / medianRequests(drain.runs),
    }),
    ...(memory?.sizes.length === 2 && {
      heapRatio: memory.sizes[1].peakBytes / memory.sizes[0].peakBytes,
      retainedHeapRatio: memory.sizes[1].afterDrainBytes / memory.sizes[0].afterDrainBytes,
    }),
  };
}

/** Growth with depth and the baseline ratio; figures below the timer count as the timer. */
function mainThreadRatios({ timerResolutionUs, depths }) {
  const floored = (us) => Math.max(us, timerResolutionUs);
  const [first, , last] = depths;
  return {
    p95GrowthRatio: floored(last.sdk.p95Us) / floored(first.sdk.p95Us),
    mainThreadRatio: last.baseline.p95Us / floored(last.sdk.p95Us),
  };
}

const medianRequests = (runs) => median(runs.map((run) => run.requests));

export function renderTables(results, errors) {
  const derived = derive(results);
  const sections = [
    ['bytes', '1. Bytes (min + gzip, level 9)', () => bytesTable(results.bytes)],
    ['mainThread', '2. Main-thread cost per `trackEvent`', () => mainThreadTable(results)],
    ['throughput', '3. Durable throughput, burst of 10,000', () => throughputTable(results)],
    ['drain', '4. Drain after reconnect, 10,000 queued offline', () => drainTable(results)],
    ['memory', '5. Worker JS heap while draining', () => memoryTable(results.memory)],
    ['storage', '6. Storage per queued event', () => storageTable(results.storage)],
  ];

  const rendered = sections.map(([key, title, render]) => {
    const body = results[key] ? render() : `Not measured: ${errors[key] ?? 'skipped'}`;
    return `### ${title}\n\n${body}`;
  });
  const goals = goalsTable(checkGoals(results, derived));
  const failures = Object.entries(errors).map(([key, message]) => `- ${key}: ${message}`);
  const tail = failures.length ? [`### Errors\n\n${failures.join('\n')}`] : [];
  return [...rendered, `### Goals\n\n${goals}`, ...tail].join('\n\n');
}

function bytesTable({ entry, lazy, worker }) {
  const register = lazy.find((chunk) => chunk.chunk.startsWith('register-'));
  const withWorkerBytes = entry.gzipBytes + (register?.gzipBytes ?? 0);
  const { pageClient, worker: workerBudget } = BUDGET_BYTES;

  const rows = [
    budgetRow('page client: entry + static imports', entry, pageClient),
    ...lazy.map((chunk) => ['lazy chunk', names(chunk), kilobytes(chunk.gzipBytes), '–',
      lazyNote(chunk.chunk)]),
    ['page client as loaded where a worker runs', 'entry + register chunk',
      kilobytes(withWorkerBytes), '–', 'what `configure()` brings in'],
    budgetRow('worker', worker, workerBudget),
    ...PEER_BYTES.map((peer) => [peer.name, 'published figure', peerSize(peer), '–',
      `${peerRatio(peer, entry.gzipBytes)} the entry; ` +
        `${peerRatio(peer, withWorkerBytes)} entry + register`]),
  ];
  return table(['What', 'Files', 'gzip', 'Budget', 'Note'], rows);
}

const names = (sized) => sized.files.map((part) => part.file).join(' + ');

function budgetRow(name, sized, budgetBytes) {
  const overBytes = sized.gzipBytes - budgetBytes;
  const note = overBytes <= 0 ? 'within budget' : `${overBytes} B over`;
  return [name, names(sized), kilobytes(sized.gzipBytes), `≤ ${kilobytes(budgetBytes)}`, note];
}

const lazyNote = (chunk) =>
  chunk.startsWith('register-')
    ? 'loaded by `configure()` to register the worker'
    : chunk.startsWith('page-engine-')
      ? 'loaded only where no worker can run'
      : 'loaded on demand';

const peerSize = (peer) =>
  peer.upToBytes ? `${fixed(peer.bytes / 1_000, 0)}–${fixed(peer.upToBytes / 1_000, 0)} KB`
    : kilobytes(peer.bytes);

const peerRatio = (peer, bytes) => times(peer.bytes / bytes, 'larger than');

function mainThreadTable({ mainThread }) {
  const runsNote = (values) => values.map((value) => fixed(value, 0)).join(', ');
  const rows = mainThread.depths.map(({ depth, sdk, baseline }) => [
    count(depth),
    micros(sdk.p50Us),
    micros(sdk.p95Us),
    `${micros(sdk.withPostP50Us)} / ${micros(sdk.withPostP95Us)}`,
    micros(baseline.p50Us),
    micros(baseline.p95Us),
    times(baseline.p95Us / Math.max(sdk.p95Us, mainThread.timerResolutionUs), 'lower'),
    runsNote(sdk.p95UsRuns),
  ]);
  const header = ['Queued', 'exponea-sw p50', 'p95', 'with end-of-task post p50 / p95',
    'localStorage queue p50', 'p95', 'exponea-sw p95 is', 'exponea-sw p95 per run (µs)'];
  const note =
    `Timer resolution ${fixed(mainThread.timerResolutionUs)} µs (page cross-origin ` +
    `isolated: ${mainThread.isolated}); in ratios a smaller figure counts as the resolution.`;
  return `${table(header, rows)}\n\n${note}`;
}

function throughputTable({ throughput, workbox }) {
  const sdkMedianMs = median(throughput.sdkMs);
  const row = (name, elapsedMs) => [
    name,
    count(eventsPerSecond(throughput.events, median(elapsedMs))),
    millis(median(elapsedMs)),
    `${elapsedMs.length} (${elapsedMs.map((value) => count(value)).join(', ')} ms)`,
    elapsedMs === throughput.sdkMs ? '–' : times(median(elapsedMs) / sdkMedianMs, 'faster'),
  ];

  const rows = [row('exponea-sw: page → worker, group commit', throughput.sdkMs)];
  if (throughput.perEventMs.length) {
    rows.push(row('IndexedDB, one transaction per event (page)', throughput.perEventMs));
  }
  if (workbox) {
    const pushMs = workbox.runs.map((run) => run.pushMs);
    rows.push(row('workbox-background-sync `pushRequest` per event', pushMs));
  }
  return table(['Queue', 'events/s', 'burst took', 'runs (each)', 'exponea-sw is'], rows);
}

function drainTable({ drain, workbox }) {
  const row = (name, runs) => [
    name,
    count(median(runs.map((run) => run.requests))),
    count(median(runs.map((run) => run.preflights))),
    millis(median(runs.map((run) => run.firstDeliveryMs))),
    millis(median(runs.map((run) => run.allDeliveredMs))),
    `${runs.length} (${runs.map((run) => millis(run.allDeliveredMs)).join(', ')})`,
    count(Math.max(...runs.map((run) => run.duplicates))),
  ];
  const rows = [row('exponea-sw: batches of ≤ 50', drain.runs)];
  if (workbox) rows.push(row('workbox-background-sync replay', workbox.runs));

  const burstMs = median(drain.runs.map((run) => run.offlineBurstMs));
  const note = `Tracking the 10,000 offline took ${millis(burstMs)} (immediate mode, median).`;
  const header = ['Queue', 'tracking requests', 'CORS preflights', 'first delivery',
    'all delivered', 'runs (each)', 'duplicates'];
  return `${table(header, rows)}\n\n${note}`;
}

function memoryTable({ sizes }) {
  const mib = (bytes) => `${fixed(bytes / 2 ** 20, 2)} MiB`;
  const rows = sizes.map((size) => [
    count(size.queued),
    mib(size.beforeDrainBytes),
    mib(size.peakBytes),
    mib(size.afterDrainBytes),
    millis(size.drainMs),
    count(size.requests),
    count(size.preflights),
    count(size.delivered),
  ]);
  const header = ['Queued', 'before drain (after GC)', 'peak during drain',
    'after drain (after GC)', 'drain took', 'requests', 'CORS preflights', 'delivered'];
  return table(header, rows);
}

function storageTable(storage) {
  const row = (name, bytes, note = '') => [
    name,
    `${fixed(bytes, 0)} B`,
    times(bytes / storage.commandBytes, 'the command JSON'),
    note,
  ];
  const perRun = storage.bytesPerEventRuns.map((bytes) => fixed(bytes, 0)).join(', ');
  const rows = [
    row('IndexedDB (`navigator.storage.estimate()` delta)', storage.bytesPerEvent,
      `per run: ${perRun} B`),
    row('the command as JSON, as a batch sends it', storage.commandBytes),
    row('the whole stored entry as JSON', storage.entryBytes),
  ];
  const note = `${count(storage.added)} events queued in a profile on disk; medians of ` +
    `${storage.bytesPerEventRuns.length} runs. The estimate is the size of the LevelDB ` +
    'files: part of the queue is still in its uncompressed log, part in compressed tables.';
  return `${table(['Per queued event', 'bytes', 'relative', 'note'], rows)}\n\n${note}`;
}

function goalsTable(checks) {
  return table(['Goal', 'Measured', 'Result'], checks.map((c) => [c.goal, c.measured, c.result]));
}

