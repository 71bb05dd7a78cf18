// The goals of docs/BENCHMARKS.md, checked against one run's results. A
// missed goal says by how much: a percentage over a ceiling, or a factor
// short of a floor.
import { BUDGET_BYTES } from './bundle-sizes.mjs';
import { fixed } from './format.mjs';
import { median } from './stats.mjs';

const bytes = (value) => `${fixed(value, 0)} B`;
const us = (value) => `${fixed(value)} µs`;
const ms = (value) => `${fixed(value, 0)} ms`;
const ratio = (value) => `${fixed(value, 1)}×`;
const whole = (value) => fixed(value, 0);

/** At most `limit`; `format` renders the figures. */
function atMost(goal, measured, limit, format) {
  const met = measured <= limit;
  const overPercent = fixed(((measured - limit) / limit) * 100);
  const result = met ? 'met' : `missed by ${format(measured - limit)} (${overPercent} % over)`;
  return { goal, measured: format(measured), met, result };
}

/** At least `floor`; `format` renders the measured figure. */
function atLeast(goal, measured, floor, format) {
  const met = measured >= floor;
  const result = met ? 'met' : `missed: ${fixed(floor / measured)}× short`;
  return { goal, measured: format(measured), met, result };
}

export function checkGoals(results, derived) {
  return [
    ...bytesGoals(results.bytes),
    ...mainThreadGoals(results.mainThread, derived),
    ...throughputGoals(derived),
    ...drainGoals(results.drain, derived),
    ...memoryGoals(derived),
  ];
}

function bytesGoals(sizes) {
  if (!sizes) return [];
  return [
    atMost('page client ≤ 2.5 KB gzip', sizes.entry.gzipBytes, BUDGET_BYTES.pageClient, bytes),
    atMost('worker ≤ 12 KB gzip', sizes.worker.gzipBytes, BUDGET_BYTES.worker, bytes),
  ];
}

function mainThreadGoals(mainThread, derived) {
  if (!mainThread) return [];
  const worst = (read) => Math.max(...mainThread.depths.map((depth) => read(depth.sdk)));
  const withPostGoal = 'stricter: p95 with the end-of-task post ≤ 0.1 ms';
  return [
    atMost('trackEvent p95 ≤ 0.1 ms at every depth', worst((sdk) => sdk.p95Us), 100, us),
    atMost(withPostGoal, worst((sdk) => sdk.withPostP95Us), 100, us),
    atMost('flat: p95 at 10,000 ≤ 2× p95 at 0', derived.p95GrowthRatio, 2, ratio),
    atLeast('≥ 50× the localStorage queue at 10,000 (p95)', derived.mainThreadRatio, 50, ratio),
  ];
}

function throughputGoals(derived) {
  if (derived.throughputRatio === undefined) return [];
  const goal = 'throughput ≥ 10× one transaction per event';
  return [atLeast(goal, derived.throughputRatio, 10, ratio)];
}

function drainGoals(drain, derived) {
  if (!drain) return [];
  const requests = median(drain.runs.map((run) => run.requests));
  const allMs = median(drain.runs.map((run) => run.allDeliveredMs));
  const checks = [atMost('drain ≤ 200 requests', requests, 200, whole)];

  if (derived.requestRatio !== undefined) {
    const goal = 'drain: ≥ 50× fewer requests than the replay';
    checks.push(atLeast(goal, derived.requestRatio, 50, ratio));
  }
  checks.push(atMost('drain: all 10,000 delivered ≤ 3 s after reconnect', allMs, 3_000, ms));
  return checks;
}

function memoryGoals(derived) {
  if (derived.heapRatio === undefined) return [];
  // The peak includes garbage V8 has not collected yet; the second reading,
  // after a forced GC, says whether the drain itself keeps memory per event.
  const retainedGoal = 'secondary: heap after drain + GC, 100,000 within 2× of 10,000';
  return [
    atMost('peak worker heap: 100,000 within 2× of 10,000', derived.heapRatio, 2, ratio),
    atMost(retainedGoal, derived.retainedHeapRatio, 2, ratio),
  ];
}
