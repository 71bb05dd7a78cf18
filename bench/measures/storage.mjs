// 6. Storage: bytes per queued event in IndexedDB, against the JSON size of
// the command. Needs a profile on disk: the browser's default context keeps
// IndexedDB in memory and reports no usage for it.
//
// Chromium keeps IndexedDB in LevelDB: fresh writes sit uncompressed in a log
// until a compaction moves them into compressed tables, so the figure right
// after queueing depends on when compaction ran. Three runs show the spread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchPersistent, openPage } from '../lib/browser.mjs';
import { BenchProject } from '../lib/api.mjs';
import { median } from '../lib/stats.mjs';
import { MANUAL } from './main-thread.mjs';

export const STORED_EVENTS = 10_000;

const STORAGE_RUNS = 3;

export async function measureStorage(env) {
  const runs = [];
  for (let run = 0; run < Math.min(STORAGE_RUNS, env.runs); run++) {
    runs.push(await inFreshProfile((context) => queueAndWeigh(env, context)));
  }

  const pick = (key) => median(runs.map((run) => run[key]));
  return {
    added: pick('added'),
    bytesPerEvent: pick('bytesPerEvent'),
    bytesPerEventRuns: runs.map((run) => run.bytesPerEvent),
    commandBytes: pick('commandBytes'),
    entryBytes: pick('entryBytes'),
  };
}

async function inFreshProfile(fn) {
  const profileDir = mkdtempSync(join(tmpdir(), 'exponea-bench-profile-'));
  const context = await launchPersistent(profileDir);
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

async function queueAndWeigh(env, context) {
  const project = new BenchProject(env.apiUrl, 'storage');
  const page = await openPage(context, env.siteUrl);
  await page.evaluate((config) => bench.configure(config), project.config(MANUAL));
  const before = await page.evaluate(() => bench.storageUsage());
  const queuedBefore = (await page.evaluate(() => bench.status())).queued;

  const queued = await page.evaluate((count) => bench.fillTo(count), STORED_EVENTS);
  const after = await page.evaluate(() => bench.storageUsage());
  const json = await page.evaluate(() => bench.queuedJsonBytes(1_000));
  await project.forget();

  const added = queued - queuedBefore;
  const bytesPerEvent = (after.indexedDbBytes - before.indexedDbBytes) / added;
  return { added, bytesPerEvent, ...json };
}
