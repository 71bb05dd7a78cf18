// `npm run bench`: measures the built SDK in Chromium against the local
// Tracking API and baselines of our own, prints the tables and writes them,
// with the method and the machine, to docs/BENCHMARKS.md.
//
// Environment: BENCH_RUNS (default 5), BENCH_BASELINE_RUNS (3),
// BENCH_WORKBOX_RUNS (1), BENCH_ONLY=mainThread,drain,… to run some sections
// only (the document is then left alone), CHROMIUM_PATH.
import { writeFileSync } from 'node:fs';

import { startTrackingApi } from '../demo/api/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { renderDocument } from './lib/document.mjs';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { prepareSite } from './lib/prepare.mjs';
import { renderTables } from './lib/report.mjs';
import { startSiteServer } from './lib/site-server.mjs';
import { WireLog } from './lib/wire-log.mjs';
import { measureBytes } from './measures/bytes.mjs';
import { measureDrain } from './measures/drain.mjs';
import { measureMainThread } from './measures/main-thread.mjs';
import { measureMemory } from './measures/memory.mjs';
import { measureStorage } from './measures/storage.mjs';
import { measureThroughput } from './measures/throughput.mjs';
import { measureWorkbox } from './measures/workbox.mjs';

const DOCUMENT_PATH = 'docs/BENCHMARKS.md';

/** In the order they run: the cheap ones first, the long Workbox and memory runs last. */
const SECTIONS = [
  ['mainThread', measureMainThread],
  ['throughput', measureThroughput],
  ['drain', measureDrain],
  ['storage', measureStorage],
  ['workbox', measureWorkbox],
  ['memory', measureMemory],
];

async function main() {
  const options = readOptions(process.env);
  const startedMs = performance.now();
  const loads = [loadAverage()];

  const site = await prepareSite();
  const servers = await startServers(site.roots);
  const browser = await launchBrowser();
  const env = {
    browser,
    siteUrl: servers.siteUrl,
    apiUrl: servers.apiUrl,
    wire: servers.wire,
    ...options,
    log,
  };

  try {
    const measured = await measureAll(env, site.distDir, options.only);
    loads.push(loadAverage());

    const tables = renderTables(measured.results, measured.errors);
    console.log(`\n${tables}\n`);
    if (!options.only) writeDocument(tables, browser, { options, loads, startedMs, measured });
  } finally {
    await browser.close();
    await servers.close();
  }
}

function writeDocument(tables, browser, { options, loads, startedMs, measured }) {
  const machine = describeMachine(browser.version());
  const elapsedMs = performance.now() - startedMs;
  const { sectionSeconds } = measured;

  const document = renderDocument({ tables, machine, options, loads, elapsedMs, sectionSeconds });
  writeFileSync(DOCUMENT_PATH, document);
  log(`wrote ${DOCUMENT_PATH} after ${Math.round(elapsedMs / 1_000)} s`);
}

/** Runs each section; one that fails is reported and the others still run. */
async function measureAll(env, distDir, only) {
  const results = { bytes: measureBytes(distDir) };
  const errors = {};
  const sectionSeconds = {};

  for (const [key, measure] of SECTIONS) {
    if (only && !only.includes(key)) continue;
    const startedMs = performance.now();
    try {
      results[key] = await measure(env);
    } catch (error) {
      errors[key] = String(error?.message ?? error).split('\n')[0];
      log(`${key} failed: ${errors[key]}`);
    }
    sectionSeconds[key] = Math.round((performance.now() - startedMs) / 1_000);
    log(`${key}: ${sectionSeconds[key]} s`);
  }
  return { results, errors, sectionSeconds };
}

async function startServers(roots) {
  const api = await startTrackingApi({ quiet: true });
  const wire = new WireLog(api.port);
  const site = await startSiteServer({ roots });
  return {
    apiUrl: api.url,
    siteUrl: site.url,
    wire,
    close: () => Promise.all([api.close(), site.close()]).finally(() => wire.close()),
  };
}

function readOptions(environment) {
  return {
    runs: positive(environment.BENCH_RUNS, 5),
    baselineRuns: positive(environment.BENCH_BASELINE_RUNS, 3),
    workboxRuns: positive(environment.BENCH_WORKBOX_RUNS, 1),
    only: environment.BENCH_ONLY ? environment.BENCH_ONLY.split(',') : null,
  };
}

function positive(text, fallback) {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`expected a count, got ${text}`);
  return value;
}

function log(line) {
  console.error(`[bench] ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
